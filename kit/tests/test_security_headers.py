"""Web hardening that every answer carries: a Content-Security-Policy without inline scripts or
eval, no caching of anything the application answers (personal data may be in it), a CSRF cookie
scripts cannot read; and no template reintroducing an inline script or an event-handler attribute
(the policy would block it in the browser)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from core.models import Org, User
from core.tests import factories as f

pytestmark = pytest.mark.django_db
ROOT = Path(settings.BASE_DIR)


@pytest.fixture
def admin_client(db: Any) -> Client:
    client = Client()
    client.force_login(User.objects.create_superuser(username="root", password="Test@12345"))
    return client


def test_pages_carry_a_policy_without_inline_script_or_eval(admin_client: Client) -> None:
    for path in ("/login/", "/", "/portal/login/", "/api/docs/"):
        response = (Client() if "login" in path else admin_client).get(path)
        policy = response["Content-Security-Policy"]
        script = re.search(r"script-src ([^;]*)", policy).group(1)  # type: ignore[union-attr]
        assert "'self'" in script and "unsafe-inline" not in script and "unsafe-eval" not in script, (path, policy)
        assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


def test_answers_carrying_personal_data_are_not_cached(admin_client: Client) -> None:
    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="R"))
    person = f.person(root, 1)
    for path in (
        f"/system/person/{person.pk}/reveal/",
        "/api/v1/people/?reveal=1",
        "/system/person/export/",
        "/system/person/",
    ):
        response = admin_client.get(path)
        assert response.status_code in (200, 302), (path, response.status_code)
        assert "no-store" in response["Cache-Control"], path
    full = admin_client.post("/system/person/export/", {"full": "1", "purpose": "统计上报"})
    assert full.status_code == 200 and "no-store" in full["Cache-Control"]


def test_the_csrf_cookie_is_not_readable_by_scripts() -> None:
    client = Client()
    response = client.get("/login/")
    assert response.cookies["csrftoken"]["httponly"]


def test_no_template_has_an_inline_script_or_an_event_handler_attribute() -> None:
    offenders = []
    for path in ROOT.rglob("templates/**/*.html"):
        if ".venv" in path.parts or "node_modules" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<script\b[^>]*>", text):
            if "src=" not in match.group(0):
                offenders.append(f"{path.relative_to(ROOT)}: inline <script>")
        if re.search(r"\son[a-z]+\s*=\s*[\"']", text):
            offenders.append(f"{path.relative_to(ROOT)}: on…= handler attribute")
        if "hx-on" in text or "hx-vals='js:" in text or 'hx-vals="js:' in text:
            offenders.append(f"{path.relative_to(ROOT)}: htmx evaluated attribute")
    assert not offenders, offenders
