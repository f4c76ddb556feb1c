"""How list pages show rows and filters, for every entity: 全部 for an empty filter, identifiers,
phones and dates on one line, statuses as coloured tags, numbers with separators, paging links that
keep the conditions on screen."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import get_resolver, reverse

from kit.display import screen_number, status_tone
from kit.entity import Entity

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _entities_declared():
    get_resolver().url_patterns


def test_every_filter_of_every_list_says_all_for_no_condition(rf, django_user_model):
    admin = django_user_model.objects.create_superuser("root", password="Aa345678!x")
    request = rf.get("/")
    request.user = admin
    seen = 0
    for entity in Entity.registry:
        if entity.filterset is None:
            continue
        html = str(entity.filterset(None, queryset=entity.model._default_manager.none(), request=request).form)
        assert "---------" not in html, entity.__name__
        seen += 1
    assert seen > 50


def test_cells_know_how_they_are_shown():
    from core.entities import PersonEntity
    from kit.entity import entity_for
    from reform.models import ProgressReport

    kinds = {c.accessor: c.kind for c in PersonEntity.table().columns}
    assert kinds["id_number"] == "nowrap" and kinds["phone"] == "nowrap"
    assert {c.accessor: c.kind for c in entity_for(ProgressReport).table().columns}["status"] == "status"


def test_status_tones_say_what_the_status_means():
    from rights.models import Claim, HoursCorrection

    assert status_tone(Claim, "submitted") == "blue"
    assert status_tone(Claim, "paid") == "green"
    assert status_tone(Claim, "returned") == "orange"
    assert status_tone(Claim, "rejected") == "red"
    assert status_tone(HoursCorrection, "applied") == "green"  # the model's own word wins
    assert status_tone(Claim, "something-new") == "secondary"


def test_numbers_on_screen_have_thousands_separators():
    assert screen_number(20462) == "20,462"
    assert screen_number(Decimal("1234567.50")) == "1,234,567.5"
    assert screen_number(Decimal("500.00")) == "500"
    assert screen_number(0) == "0"
    assert screen_number(None) == ""
    assert screen_number(True) == "是"


def test_the_list_page_keeps_every_condition_in_its_paging_and_export_links(client, django_user_model):
    from core.models import Org
    from core.tests.factories import person

    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="Z0"))
    for n in range(25):
        person(root, n, name=f"周{n}")
    admin = django_user_model.objects.create_superuser("root", password="Aa345678!x", org=root)
    client.force_login(admin)
    page = client.get(reverse("core:person_list") + f"?q=周&org={root.pk}")
    assert page.status_code == 200
    ctx = page.context
    assert all(f"org={root.pk}" in url and "q=" in url for _, url in ctx["per_page_links"])
    assert f"org={root.pk}" in ctx["next_url"] and f"org={root.pk}" in ctx["export_query"]
    assert ctx["total"] == 25
    cells = ctx["rows"][0]["cells"]
    assert any(c["kind"] == "nowrap" for c in cells)
    html = page.text
    assert 'class="text-nowrap"' in html
