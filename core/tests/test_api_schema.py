"""The OpenAPI schema generates without warnings (an ambiguous enum name also fails `check --deploy`)."""

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_the_openapi_schema_generates_without_warnings(tmp_path):
    target = tmp_path / "schema.yml"
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(target))
    text = target.read_text()
    assert "/api/v1/people/" in text and "/api/v1/skills/figures/" in text


def test_the_schema_page_needs_a_login(client):
    assert client.get("/api/schema/").status_code in (401, 403)
