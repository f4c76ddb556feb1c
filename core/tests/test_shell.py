"""The page shell: log-in, menu, error pages, request ids."""

from __future__ import annotations

import logging

import pytest
from django.urls import reverse

from core.demo.data import DEMO_PASSWORD
from kit import menu

pytestmark = pytest.mark.django_db


def test_the_login_page_is_in_chinese(client):
    response = client.get("/login/")
    assert response.status_code == 200
    assert "登录" in response.text and 'lang="zh-hans"' in response.text


def test_it_sends_anonymous_users_to_the_login_page(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_a_wrong_password_gets_a_clear_message_and_nothing_else(client, demo_district):
    response = client.post("/login/", {"username": "qzgh", "password": "wrong-password"})
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.text
    # the same words whether or not the account exists
    other = client.post("/login/", {"username": "no-such-user", "password": "wrong-password"})
    assert "用户名或密码不正确" in other.text
    assert "不存在" not in response.text + other.text


def test_a_wrong_password_is_audited(client, demo_district):
    from kit.models import AuditEntry

    client.post("/login/", {"username": "qzgh", "password": "wrong-password"})
    assert AuditEntry.objects.filter(action="login_failed", object_repr="qzgh").exists()


def test_a_demo_account_logs_in(client, demo_district):
    response = client.post("/login/", {"username": "qzgh", "password": DEMO_PASSWORD}, follow=True)
    assert response.status_code == 200
    assert "工作台" in response.text and "思想引领" in response.text


def test_every_menu_entry_opens_for_the_system_administrator(client, demo_district):
    client.login(username="admin", password=DEMO_PASSWORD)
    entries = menu.all_entries()
    assert len(entries) >= 10
    for group, item in entries:
        url = item.url()
        assert url != "#", f"{group}/{item.label} has no page"
        response = client.get(url)
        assert response.status_code == 200, f"{group}/{item.label} → {response.status_code}"


def test_an_unknown_url_gets_the_products_own_404_page(client, demo_district):
    client.login(username="qzgh", password=DEMO_PASSWORD)
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "页面不存在" in response.text and "产改通" in response.text


def test_a_server_error_shows_a_request_id_that_is_also_in_the_log(client, demo_district, monkeypatch, caplog):
    from core import views

    def boom(*args, **kwargs):
        raise RuntimeError("deliberate failure for the test")

    monkeypatch.setattr(views.selectors, "home_stats", boom)
    client.raise_request_exception = False
    client.login(username="qzgh", password=DEMO_PASSWORD)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get(reverse("home"))
    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    assert request_id and request_id in response.text
    assert "系统出错了" in response.text
    assert any(getattr(r, "request_id", None) == request_id for r in caplog.records)


def test_an_incoming_request_id_is_kept_when_it_is_sane(client):
    response = client.get("/login/", HTTP_X_REQUEST_ID="abcdef0123456789")
    assert response["X-Request-ID"] == "abcdef0123456789"
    response = client.get("/login/", HTTP_X_REQUEST_ID="<script>")
    assert response["X-Request-ID"] != "<script>"


def test_five_wrong_passwords_lock_the_account_for_thirty_minutes(client, demo_district, settings):
    settings.AXES_ENABLED = True
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login/", {"username": "xianlin", "password": "wrong-password"})
    response = client.post("/login/", {"username": "xianlin", "password": DEMO_PASSWORD})
    assert response.status_code == 429
    assert "暂时锁定" in response.text
    assert "_auth_user_id" not in client.session


def test_wrong_passwords_from_elsewhere_do_not_lock_the_user_out_at_his_own_address(client, demo_district, settings):
    settings.AXES_ENABLED = True
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        client.post("/login/", {"username": "admin", "password": "guess"}, REMOTE_ADDR="203.0.113.9")
    at_desk = client.post("/login/", {"username": "admin", "password": DEMO_PASSWORD}, REMOTE_ADDR="10.1.2.3")
    assert at_desk.status_code == 302 and "_auth_user_id" in client.session
    # the attacker's own address stays locked for that account
    client.logout()
    again = client.post("/login/", {"username": "admin", "password": DEMO_PASSWORD}, REMOTE_ADDR="203.0.113.9")
    assert again.status_code == 429


def test_one_address_trying_many_accounts_is_throttled(client, demo_district, settings):
    settings.AXES_ENABLED = True
    settings.LOGIN_ADDRESS_LIMIT = 6
    for name in ("xianlin", "yaohua", "maqun", "qixia", "admin", "worker"):
        client.post("/login/", {"username": name, "password": "Summer2024!"}, REMOTE_ADDR="198.51.100.7")
    response = client.post("/login/", {"username": "qzgh", "password": DEMO_PASSWORD}, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 429 and "本网络地址" in response.text
    # another address is not affected
    assert (
        client.post("/login/", {"username": "qzgh", "password": DEMO_PASSWORD}, REMOTE_ADDR="10.9.9.9").status_code
        == 302
    )


def test_exactly_one_menu_entry_is_lit_on_a_module_page(client, demo_district):
    from core.models import User

    client.force_login(User.objects.get(username="admin"))
    response = client.get("/reform/reformproject/")
    lit = [i["label"] for g in response.context["menu"] for i in g["items"] if i["active"]]
    assert lit == ["项目清单"]


def test_a_member_units_liaison_sees_his_unit_in_the_header_and_an_empty_bin_is_one_empty_state(client):
    from core.models import MemberUnit, Org, User

    root = Org.objects.add_root(instance=Org(name="南京市栖霞区总工会", kind="federation", code="HD"))
    unit = MemberUnit.objects.create(name="区人力资源和社会保障局", org=root)
    liaison = User.objects.create_user(username="rsj_h", password="Test@12345", org=root, member_unit=unit)
    client.force_login(liaison)
    header = client.get("/").text.split('id="main-menu"')[-1]
    assert "区人力资源和社会保障局" in header
    admin = User.objects.create_superuser(username="root_h", password="Test@12345", org=root)
    client.force_login(admin)
    page = client.get("/system/recycle-bin/").text
    assert "回收站是空的" in page and "回收站中没有" not in page
