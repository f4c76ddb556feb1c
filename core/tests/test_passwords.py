"""Password policy and sessions (等保 2.0): three kinds of characters, never the user name, none of
the last five; a password an administrator set is changed at the first log-in, an expired one
too; a session ends after 30 idle minutes and 8 hours after the log-in."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from core import services
from core.models import Org, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(db: Any) -> User:
    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="R"))
    return User.objects.create_superuser(username="root", password="Root@2024x", org=root)


def test_three_kinds_of_characters_and_never_the_user_name(admin: User) -> None:
    user = User(username="zhangsan")
    for weak in ("abcdefgh", "abcdefg1", "Abc@12", "Zhangsan@2024"):
        with pytest.raises(ValidationError):
            validate_password(weak, user)
    validate_password("Qixia@2024", user)
    validate_password("qixia-2024!", user)


def test_none_of_the_last_five_passwords(admin: User) -> None:
    user = User.objects.create_user(username="wangwu", password="First@2024", org=admin.org)
    words = ["Second@2024", "Third@2024x", "Fourth@2024", "Fifth@2024x", "Sixth@2024x"]
    for word in words:
        validate_password(word, user)
        user.set_password(word)
        user.save()
    with pytest.raises(ValidationError, match="最近 5 次"):
        validate_password("Sixth@2024x", user)  # the current one
    with pytest.raises(ValidationError, match="最近 5 次"):
        validate_password("Third@2024x", user)
    validate_password("First@2024", user)  # six changes ago: allowed again


def test_a_password_set_by_an_administrator_must_be_changed_at_first_log_in(admin: User, client: Any) -> None:
    user = User.objects.create_user(username="lisi", password="Start@2024x", org=admin.org)
    services.user_save(actor=admin, user=user, action="change", password="Reset@2024x")
    user.refresh_from_db()
    assert user.must_change_password
    client.post("/login/", {"username": "lisi", "password": "Reset@2024x"})
    assert client.get("/")["Location"] == "/password/"
    assert client.get("/system/person/")["Location"] == "/password/"
    page = client.post(
        "/password/", {"old_password": "Reset@2024x", "new_password1": "Reset@2024x", "new_password2": "Reset@2024x"}
    )
    assert "最近 5 次" in page.content.decode()
    done = client.post(
        "/password/", {"old_password": "Reset@2024x", "new_password1": "Mine@2024xy", "new_password2": "Mine@2024xy"}
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert not user.must_change_password and user.password_changed_at is not None
    assert client.get("/").status_code == 200


def test_an_expired_password_must_be_changed(admin: User, client: Any, settings: Any) -> None:
    settings.PASSWORD_MAX_DAYS = 90
    user = User.objects.create_user(username="zhaoliu", password="Old@2024xx", org=admin.org)
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - timedelta(days=91))
    client.force_login(user)
    assert client.get("/")["Location"] == "/password/"
    User.objects.filter(pk=user.pk).update(password_changed_at=timezone.now() - timedelta(days=89))
    assert client.get("/").status_code == 200


def test_a_session_ends_after_thirty_idle_minutes_and_eight_hours_in_all(admin: User, client: Any) -> None:
    client.force_login(admin)
    assert client.get("/").status_code == 200
    session = client.session
    session["_seen"] = int(time.time()) - 31 * 60
    session.save()
    assert client.get("/")["Location"].startswith("/login/")
    assert "_auth_user_id" not in client.session
    client.force_login(admin)
    client.get("/")
    session = client.session
    session["_started"] = int(time.time()) - 8 * 3600 - 5
    session.save()
    assert client.get("/")["Location"].startswith("/login/")


def test_a_worker_signed_in_by_code_is_not_asked_for_a_password(db: Any, client: Any) -> None:
    user = User.objects.create_user(username="w1")
    user.set_unusable_password()
    user.must_change_password = True
    user.save()
    client.force_login(user)
    assert client.get("/portal/").status_code in (200, 302)
    assert (
        client.get("/portal/")["Location" if client.get("/portal/").status_code == 302 else "Content-Type"]
        != "/password/"
    )


def test_a_user_sees_where_he_is_signed_in_and_ends_another_session(admin: User, client: Any) -> None:
    from django.test import Client

    user = User.objects.create_user(username="zhou", password="Zhou@2024xy", org=admin.org)
    elsewhere = Client(HTTP_USER_AGENT="另一台电脑")
    elsewhere.post("/login/", {"username": "zhou", "password": "Zhou@2024xy"})
    client.post("/login/", {"username": "zhou", "password": "Zhou@2024xy"}, HTTP_USER_AGENT="本机")
    page = client.get("/sessions/").content.decode()
    assert "另一台电脑" in page and "当前" in page
    from core.models import LoginSession

    other = LoginSession.objects.get(user=user, user_agent="另一台电脑")
    mine = LoginSession.objects.get(user=user, user_agent="本机")
    client.post("/sessions/", {"session": other.pk})
    assert elsewhere.get("/")["Location"].startswith("/login/")  # signed out over there
    assert client.get("/").status_code == 200
    # someone else's session cannot be ended from here
    intruder = Client()
    intruder.force_login(admin)
    intruder.post("/sessions/", {"session": mine.pk})
    assert client.get("/").status_code == 200
