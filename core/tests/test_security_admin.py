"""安全管理: the security administrator unlocks a locked-out account and resets a lost second factor;
both audited, neither open to anyone without core.secure_user."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from core import services
from core.models import Org, Role, User
from kit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def accounts(db):
    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="SA"))
    role = Role.objects.create(name="安全管理员", code="sec_t", data_scope="all", duty="security")
    role.permissions.set(Permission.objects.filter(codename__in=["view_user", "secure_user"]))
    security = User.objects.create_user(username="anquan_t", password="Test@12345", org=root)
    security.roles.set([role])
    viewer_role = Role.objects.create(name="查看用户", code="viewer_t", data_scope="all")
    viewer_role.permissions.set(Permission.objects.filter(codename="view_user"))
    viewer = User.objects.create_user(username="viewer_t", password="Test@12345", org=root)
    viewer.roles.set([viewer_role])
    victim = User.objects.create_user(username="zhangsan", password="Test@12345", name="张三", org=root)
    return {"security": security, "viewer": viewer, "victim": victim}


def test_a_locked_out_account_is_listed_and_unlocked_by_the_security_administrator(client, accounts):
    AccessAttempt.objects.create(
        username="zhangsan", ip_address="10.0.0.8", user_agent="x", failures_since_start=5, attempt_time=timezone.now()
    )
    AccessAttempt.objects.create(
        username="nosuchuser",
        ip_address="10.0.0.9",
        user_agent="x",
        failures_since_start=7,
        attempt_time=timezone.now(),
    )
    client.force_login(accounts["security"])
    page = client.get("/system/security/").text
    assert "zhangsan" in page and "10.0.0.8" in page and "猜测的用户名" in page
    client.post("/system/security/", {"user": accounts["victim"].pk, "action": "unlock"})
    assert not AccessAttempt.objects.filter(username="zhangsan").exists()
    assert AccessAttempt.objects.filter(username="nosuchuser").exists()
    entry = AuditEntry.objects.get(actor=accounts["security"], object_id=str(accounts["victim"].pk))
    assert "解锁账号" in entry.message


def test_a_lost_second_factor_is_reset_and_audited(client, accounts):
    victim = accounts["victim"]
    TOTPDevice.objects.create(user=victim, name="手机", confirmed=True)
    StaticDevice.objects.create(user=victim, name="恢复码", confirmed=True)
    client.force_login(accounts["security"])
    page = client.get("/system/security/", {"q": "张三"}).text
    assert "已绑定" in page and "重置（手机丢失时）" in page
    client.post("/system/security/", {"user": victim.pk, "action": "reset_otp", "q": "张三"})
    assert not TOTPDevice.objects.filter(user=victim).exists() and not StaticDevice.objects.filter(user=victim).exists()
    assert AuditEntry.objects.filter(actor=accounts["security"], message__contains="重置动态验证码").exists()


def test_nobody_else_unlocks_or_resets(client, accounts):
    client.force_login(accounts["viewer"])
    assert client.get("/system/security/").status_code == 403
    assert client.post("/system/security/", {"user": accounts["victim"].pk, "action": "unlock"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.account_reset_otp(actor=accounts["viewer"], user=accounts["victim"])
    client.force_login(accounts["victim"])
    assert client.get("/system/security/").status_code == 403
