"""Lectures: bad input, figures, the calendar."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from core.models import Org, Role, User
from guidance import selectors
from guidance.models import Lecture, Lecturer
from kit.periods import Period

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="L0"))
    role = Role.objects.create(name="宣讲", code="lect", data_scope="subtree")
    role.permissions.set(Permission.objects.filter(content_type__app_label="guidance"))
    user = User.objects.create_user(username="lect", password="Test@12345", org=root)
    user.roles.set([role])
    lecturer = Lecturer.objects.create(name="王老师", kind="party_school", org=root)
    return {"root": root, "user": user, "lecturer": lecturer}


def data(staff, **extra):
    return {
        "held_on": "2022-05-01",
        "topic": "宣讲",
        "lecturers": [staff["lecturer"].pk],
        "venue_type": "online",
        "audience_workers": 50,
        "audience_students": 0,
        "org": staff["root"].pk,
        **extra,
    }


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("audience_workers", -5, "确保该值大于或等于0"),
        ("audience_workers", 100_001, "单场人数超过"),
        ("audience_students", 250_000, "单场人数超过"),
        ("held_on", "2099-01-01", "不能晚于今天"),
    ],
)
def test_an_absurd_lecture_is_refused_and_nothing_is_written(client, staff, field, value, message):
    client.force_login(staff["user"])
    response = client.post(reverse("guidance:lecture_add"), data(staff, **{field: value}))
    assert message in response.text
    assert not Lecture.objects.exists()


def test_workers_and_students_together_may_not_exceed_one_session(client, staff):
    client.force_login(staff["user"])
    response = client.post(
        reverse("guidance:lecture_add"), data(staff, audience_workers=60_000, audience_students=60_000)
    )
    assert "合计 120,000 人" in response.text
    assert not Lecture.objects.exists()


def test_a_school_lecture_names_its_school(client, staff):
    client.force_login(staff["user"])
    response = client.post(reverse("guidance:lecture_add"), data(staff, venue_type="school"))
    assert "请填写学校名称" in response.text


def test_lecture_figures_for_a_year_come_from_the_records(client, staff):
    for i, (day, w, s) in enumerate(
        [
            (date(2021, 12, 31), 100, 0),
            (date(2022, 1, 1), 40, 10),
            (date(2022, 12, 31), 0, 200),
            (date(2023, 1, 1), 7, 7),
        ]
    ):
        Lecture.objects.create(
            held_on=day,
            topic=f"第{i}场",
            venue_type="online",
            audience_workers=w,
            audience_students=s,
            org=staff["root"],
        )
    year = Period.year(2022)
    assert selectors.lecture_count(period=year) == 2
    assert selectors.lecture_audience(period=year) == 250
    client.force_login(staff["user"])
    page = client.get(reverse("guidance:overview"), {"date": "2022-12-31"}).text
    assert "宣讲场次" in page
    api = client.get("/api/v1/guidance/lectures/", {"held_on": "2022-01-01"})
    assert api.status_code == 200


def test_the_calendar_shows_a_months_lectures(client, staff):
    Lecture.objects.create(held_on=date(2022, 5, 12), topic="五月宣讲", venue_type="online", org=staff["root"])
    client.force_login(staff["user"])
    page = client.get(reverse("guidance:calendar"), {"month": "2022-05"}).text
    assert "五月宣讲" in page and "2022年5月" in page
    assert "五月宣讲" not in client.get(reverse("guidance:calendar"), {"month": "2022-06"}).text


def test_the_figures_for_a_chosen_year_come_through_the_api(client, staff):
    from rest_framework.test import APIClient

    from guidance.models import MicroCourse

    for day in (date(2021, 12, 31), date(2022, 6, 1), date(2022, 7, 1)):
        Lecture.objects.create(held_on=day, topic="x", venue_type="online", audience_workers=10, org=staff["root"])
    MicroCourse.objects.create(title="课", author="某", published_on=date(2022, 3, 1), views=321, org=staff["root"])
    api = APIClient()
    api.force_authenticate(staff["user"])
    body = api.get("/api/v1/guidance/figures/", {"year": "2022"}).json()
    figures = {f["label"]: f["value"] for f in body["figures"]}
    assert body["period"] == {"start": "2022-01-01", "end": "2022-12-31", "label": "2022年"}
    assert figures["宣讲场次"] == 2 and figures["参与职工、师生"] == 20
    assert figures["微党课"] == 1 and figures["微党课播放"] == 321
    assert api.get("/api/v1/guidance/figures/", {"year": "2021"}).json()["figures"][0]["value"] == 1
    page = client.get(reverse("guidance:overview"), {"year": "2022"})
    assert page.status_code in (200, 302)


def test_the_figures_api_needs_a_login(client):
    assert client.get("/api/v1/guidance/figures/").status_code in (401, 403)


# --- planning ------------------------------------------------------------------------------------
def test_a_lecture_is_planned_ahead_then_recorded_as_held_and_only_then_counts(client, staff):
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localdate()
    ahead = today + timedelta(days=20)
    staff["user"].roles.first().permissions.add(Permission.objects.get(codename="view_org"))
    client.force_login(staff["user"])
    planned = data(staff, held_on=ahead.isoformat(), status="planned", audience_workers=0)
    assert client.post(reverse("guidance:lecture_add"), planned).status_code == 302
    lecture = Lecture.objects.get()
    assert lecture.status == "planned"
    whole = Period(date(2000, 1, 1), ahead)
    assert selectors.lecture_count(period=whole) == 0  # a plan is not a session held
    refused = client.post(reverse("guidance:lecture_add"), data(staff, held_on=ahead.isoformat(), status="held"))
    assert "尚未举办的请把状态选为“计划”" in refused.text
    with_audience = data(staff, held_on=ahead.isoformat(), status="planned", topic="另一场", audience_workers=30)
    assert "举办后再填写实际参与人数" in client.post(reverse("guidance:lecture_add"), with_audience).text
    # the day comes: recorded as held with its actual audience
    Lecture.objects.filter(pk=lecture.pk).update(held_on=today - timedelta(days=1))
    lecture.refresh_from_db()
    held = data(
        staff, held_on=lecture.held_on.isoformat(), status="held", audience_workers=80, _version=lecture.version
    )
    assert client.post(reverse("guidance:lecture_edit", args=[lecture.pk]), held).status_code == 302
    assert selectors.lecture_count(period=whole) == 1 and selectors.lecture_audience(period=whole) == 80


def test_the_calendar_opens_on_the_latest_month_with_lectures_and_has_month_and_year_pickers(client, staff):
    Lecture.objects.create(held_on=date(2022, 5, 12), topic="五月宣讲", venue_type="online", org=staff["root"])
    client.force_login(staff["user"])
    page = client.get(reverse("guidance:calendar"))
    assert page.context["first"] == date(2022, 5, 1) and "五月宣讲" in page.text  # this month is empty
    picked = client.get(reverse("guidance:calendar"), {"y": "2022", "m": "6", "month": "2022-05"})
    assert picked.context["first"] == date(2022, 6, 1)  # the pickers win over the page's own month
    assert 'name="y"' in picked.text and 'name="m"' in picked.text and "2022年" in picked.text
    for bad in ("2022-13", "x", "0-1", "99999-01"):
        assert client.get(reverse("guidance:calendar"), {"month": bad}).status_code == 200
    Lecture.objects.create(
        held_on=date(2022, 5, 20), topic="计划的宣讲", status="planned", venue_type="online", org=staff["root"]
    )
    may = client.get(reverse("guidance:calendar"), {"month": "2022-05"}).text
    assert "计划的宣讲" in may and "本月已举办 1 场，计划 1 场" in may
