"""Competitions the district opens to the unions below it, prize quotas set per event (counts or
percentages, 四舍五入) with an award date, and the award list printed and exported."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO
from typing import Any

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import Org, Role, User
from core.tests import factories as f
from merit import services
from merit.models import Award, Competition, Event, Registration
from merit.tests.test_services import judged

pytestmark = pytest.mark.django_db


@pytest.fixture
def district(db: Any) -> dict[str, Any]:
    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="D0"))
    units = [
        Org.objects.add_child(root, instance=Org(name=f"企业{i}工会", kind="enterprise", code=f"D{i}")) for i in (1, 2)
    ]
    enterprises = [f.enterprise(u, i) for i, u in enumerate(units)]
    workers = [f.person(units[i % 2], i, employer=enterprises[i % 2]) for i in range(4)]
    chair_role = Role.objects.create(name="企业工会主席", code="chair", data_scope="subtree")
    chair_role.permissions.set(Permission.objects.filter(content_type__app_label="merit"))
    chair_role.permissions.add(*Permission.objects.filter(codename__in=["view_person", "view_enterprise"]))
    chair = User.objects.create_user(username="chair1", password="Test@12345", org=units[0])
    chair.roles.set([chair_role])

    def comp(name: str, status: str, org: Org = root) -> Competition:
        return Competition.objects.create(
            name=name,
            tier="district",
            organisers="区总工会",
            starts_on=date(2023, 3, 1),
            ends_on=date(2023, 3, 2),
            org=org,
            status=status,
        )

    open_comp = comp("区职工技能竞赛", "registration")
    done = comp("去年的竞赛", "awarded")
    other = comp("企业2内部竞赛", "registration", org=units[1])
    return {
        "root": root,
        "units": units,
        "workers": workers,
        "chair": User.objects.get(pk=chair.pk),
        "open": open_comp,
        "open_event": Event.objects.create(competition=open_comp, name="焊工"),
        "done": done,
        "other": other,
        "other_event": Event.objects.create(competition=other, name="钳工"),
    }


def test_an_enterprise_union_sees_the_districts_open_competition_but_cannot_edit_it(client, district):
    d = district
    client.force_login(d["chair"])
    listed = client.get(reverse("merit:competition_list"))
    names = [row["obj"].name for row in listed.context["rows"]]
    assert names == ["区职工技能竞赛"]  # not last year's, not another enterprise's own
    detail = client.get(reverse("merit:competition_detail", args=[d["open"].pk]))
    assert detail.status_code == 200 and detail.context["edit_url"] == "" and detail.context["delete_url"] == ""
    assert client.get(reverse("merit:competition_edit", args=[d["open"].pk])).status_code == 404
    assert client.get(reverse("merit:competition_detail", args=[d["other"].pk])).status_code == 404
    api = client.get("/api/v1/merit/competitions/").json()
    assert [c["name"] for c in api["results"]] == ["区职工技能竞赛"]


def test_an_enterprise_union_registers_its_own_workers_for_the_districts_event(client, district):
    d = district
    client.force_login(d["chair"])
    form = client.get(reverse("merit:registration_add")).context["form"]
    assert list(form.fields["event"].queryset) == [d["open_event"]]
    mine, theirs = d["workers"][0], d["workers"][1]
    assert mine in form.fields["person"].queryset and theirs not in form.fields["person"].queryset
    response = client.post(reverse("merit:registration_add"), {"event": d["open_event"].pk, "person": mine.pk})
    assert response.status_code == 302
    reg = Registration.objects.get()
    assert reg.person == mine and reg.org == d["units"][0]
    refused = client.post(reverse("merit:registration_add"), {"event": d["open_event"].pk, "person": theirs.pk})
    assert refused.status_code == 200 and Registration.objects.count() == 1
    refused = client.post(reverse("merit:registration_add"), {"event": d["other_event"].pk, "person": mine.pk})
    assert refused.status_code == 200 and Registration.objects.count() == 1  # not open to him


@pytest.mark.parametrize(
    ("entrants", "quotas", "places"),
    [
        (15, ("10", "20", "30"), [("first", 2), ("second", 3), ("third", 5)]),  # 1.5 → 2, 3, 4.5 → 5
        (4, ("10", "20", "30"), [("first", 0), ("second", 1), ("third", 1)]),  # 0.4 → 0, 0.8 → 1, 1.2 → 1
        (25, ("2", "6", "10"), [("first", 1), ("second", 2), ("third", 3)]),  # 0.5 → 1, 1.5 → 2, 2.5 → 3
    ],
)
def test_percentage_quotas_round_half_up(entrants, quotas, places):
    event = Event(
        prize_basis="percent",
        first_prizes=Decimal(quotas[0]),
        second_prizes=Decimal(quotas[1]),
        third_prizes=Decimal(quotas[2]),
    )
    assert event.prize_places(entrants) == places


def test_quota_rules_are_checked_when_the_event_is_saved(district):
    event = district["open_event"]
    event.first_prizes = Decimal("1.5")
    with pytest.raises(ValidationError, match="整数"):
        event.full_clean()
    event.prize_basis, event.first_prizes, event.second_prizes, event.third_prizes = "percent", 40, 40, 30
    with pytest.raises(ValidationError, match="100%"):
        event.full_clean()
    event.first_prizes = Decimal("-1")
    with pytest.raises(ValidationError):
        event.full_clean()


def test_four_entrants_do_not_all_win_with_the_default_quotas(district):
    admin = User.objects.create_superuser(username="root", password="Test@12345")
    ev = judged(district["root"], [90, 80, 70, 60], first_prizes=1, second_prizes=2, third_prizes=3)
    with pytest.raises(ValidationError, match="不少于有效成绩的选手"):
        services.award(actor=admin, event=ev, granted_on=date(2022, 5, 10))
    Event.objects.filter(pk=ev.pk).update(prize_basis="percent", first_prizes=10, second_prizes=20, third_prizes=30)
    ev = Event.objects.get(pk=ev.pk)
    awards = services.award(actor=admin, event=ev, granted_on=date(2022, 5, 10))
    assert [(a.rank, a.prize) for a in awards] == [(1, "second"), (2, "third")]  # 0 first, 1 second, 1 third
    assert Event.objects.get(pk=ev.pk).awarded_on == date(2022, 5, 10)
    assert {a.granted_on for a in awards} == {date(2022, 5, 10)}


def test_no_winner_and_impossible_dates_are_refused(district):
    admin = User.objects.create_superuser(username="root", password="Test@12345")
    ev = judged(district["root"], [90, 80, 70], first_prizes=0)
    with pytest.raises(ValidationError, match="没有人获奖"):
        services.award(actor=admin, event=ev, granted_on=date(2022, 5, 10))
    Event.objects.filter(pk=ev.pk).update(first_prizes=1)
    ev = Event.objects.get(pk=ev.pk)
    with pytest.raises(ValidationError, match="晚于今天"):
        services.award(actor=admin, event=ev, granted_on=date.today() + timedelta(days=1))
    with pytest.raises(ValidationError, match="早于比赛开始"):
        services.award(actor=admin, event=ev, granted_on=ev.competition.starts_on - timedelta(days=1))
    assert not Award.objects.exists()


def test_the_award_list_is_awarded_from_the_page_printed_and_exported(client, district):
    admin = User.objects.create_superuser(username="root", password="Test@12345", org=district["root"])
    ev = judged(district["root"], [95, 90, 90, 80, 70, 60], second_prizes=1, third_prizes=1)
    client.force_login(admin)
    page = client.get(reverse("merit:event_detail", args=[ev.pk])).text
    assert "一等奖 1 名、二等奖 1 名、三等奖 1 名" in page and 'name="granted_on"' in page
    bad = client.post(reverse("merit:event_action", args=[ev.pk, "award"]), {"granted_on": "2023-02-30"}, follow=True)
    assert "请填写表彰日期" in bad.text and not Award.objects.exists()
    client.post(reverse("merit:event_action", args=[ev.pk, "award"]), {"granted_on": "2022-05-10"})
    # 1 first; the tie at rank 2 shares the second; rank 4 is past the three places: no third
    assert sorted(Award.objects.filter(event=ev).values_list("rank", "prize")) == [
        (1, "first"),
        (2, "second"),
        (2, "second"),
    ]
    pdf = client.get(reverse("merit:event_awards_pdf", args=[ev.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    export = client.post(reverse("merit:award_export") + f"?event={ev.pk}")
    sheet = openpyxl.load_workbook(BytesIO(b"".join(export.streaming_content))).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert any("一等奖" in [str(v) for v in row] for row in values)
    assert sum(1 for row in values if "二等奖" in [str(v) for v in row]) == 2


def test_scoring_pages_name_criteria_in_chinese(client, district):
    admin = User.objects.create_superuser(username="root", password="Test@12345", org=district["root"])
    event = district["open_event"]
    services.register(actor=admin, event=event, person=district["workers"][0])
    judge = User.objects.create_user(username="judge", password="Test@12345", org=district["root"])
    round_ = services.event_setup(actor=admin, event=event, judges=[judge])
    client.force_login(admin)
    results = client.get(reverse("merit:scoring_results", args=[round_.pk])).text
    assert "同分比较：实操" in results and "PRACTICAL" not in results.upper().split("同分比较")[1][:40]
    client.force_login(judge)
    subject = round_.subjects.get()
    entry = client.get(reverse("merit:scoring_entry", args=[round_.pk, subject.pk])).text
    assert "理论" in entry and ">theory<" not in entry
