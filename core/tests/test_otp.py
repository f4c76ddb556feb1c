"""The second factor (TOTP with recovery codes, django-otp) for superusers and the roles that require
it: set up at the first log-in, asked at every log-in after the password; a recovery code works once;
accounts of other roles and workers signing in by code are not asked."""

from __future__ import annotations

from typing import Any

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import Org, Role, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(db: Any, settings: Any) -> dict[str, Any]:
    settings.OTP_REQUIRED = True
    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="R"))
    admin = User.objects.create_superuser(username="root", password="Root@2024x", org=root)
    return {"root": root, "admin": admin}


def _code(user: User) -> str:
    device = TOTPDevice.objects.filter(user=user).order_by("-id").first()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"  # type: ignore[union-attr]


def test_an_administrator_sets_up_the_authenticator_then_gives_a_code_at_each_log_in(setup: Any, client: Any) -> None:
    client.post("/login/", {"username": "root", "password": "Root@2024x"})
    assert client.get("/system/person/")["Location"].startswith("/otp/setup/")
    page = client.get("/otp/setup/").content.decode()
    assert 'id="otp-secret"' in page and "data:image/svg+xml" in page
    wrong = "000000" if _code(setup["admin"]) != "000000" else "111111"
    assert "验证码不正确" in client.post("/otp/setup/", {"token": wrong}).content.decode()
    # a wrong code makes the device wait a moment before the next try (django-otp's throttling)
    TOTPDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)
    done = client.post("/otp/setup/", {"token": _code(setup["admin"]), "next": "/"}).content.decode()
    codes = [chunk.split("</code>")[0] for chunk in done.split("<code>")[1:]]
    assert len(codes) == 10
    assert client.get("/system/person/").status_code == 200
    # the next log-in asks for a code; a recovery code works once
    client.logout()
    client.post("/login/", {"username": "root", "password": "Root@2024x"})
    assert client.get("/")["Location"].startswith("/otp/verify/")
    assert "验证码不正确" in client.post("/otp/verify/", {"token": "12345678"}).content.decode()
    StaticDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)
    TOTPDevice.objects.update(throttling_failure_count=0, throttling_failure_timestamp=None)
    assert client.post("/otp/verify/", {"token": codes[0], "next": "/"})["Location"] == "/"
    assert client.get("/").status_code == 200
    client.logout()
    client.post("/login/", {"username": "root", "password": "Root@2024x"})
    assert "验证码不正确" in client.post("/otp/verify/", {"token": codes[0]}).content.decode()


def test_a_role_requires_it_and_other_staff_and_workers_are_not_asked(setup: Any, client: Any) -> None:
    lawyer_role = Role.objects.create(name="律师", code="lawyer", data_scope="self", require_otp=True)
    staff_role = Role.objects.create(name="干事", code="staff", data_scope="subtree")
    lawyer = User.objects.create_user(username="lvshi", password="Lvshi@2024x", org=setup["root"])
    lawyer.roles.add(lawyer_role)
    staff = User.objects.create_user(username="ganshi", password="Ganshi@2024x", org=setup["root"])
    staff.roles.add(staff_role)
    client.post("/login/", {"username": "lvshi", "password": "Lvshi@2024x"})
    assert client.get("/")["Location"].startswith("/otp/setup/")
    client.logout()
    client.post("/login/", {"username": "ganshi", "password": "Ganshi@2024x"})
    assert client.get("/").status_code == 200
    worker = User.objects.create_user(username="w1")
    worker.set_unusable_password()
    worker.save()
    client.force_login(worker)
    assert client.get("/portal/").status_code == 200
