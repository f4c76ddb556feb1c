"""The demo district reproduces the bulletin's figures of 法律援助 from its records."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from core.models import User
from kit.periods import Period
from legal import selectors
from legal.models import Case

pytestmark = pytest.mark.django_db
DAY = Period.to_date(date(2023, 4, 6))


def test_the_bulletins_closed_cases_and_amount_come_out_of_the_records(demo_district: None) -> None:
    closed = selectors.closed_cases(period=DAY)
    assert closed["count"] == 230  # 依法审结案件 230 件
    assert closed["amount"] == Decimal("8477000.00")  # 涉案标的达 847.7 万元
    later = selectors.closed_cases(period=Period.to_date(date(2023, 4, 30)))
    assert later["count"] == 232  # two more closed after the bulletin's date


def test_the_employers_chair_and_the_general_staff_see_counts_not_cases(demo_district: None) -> None:
    case = Case.objects.filter(employer__name="南京银茂铅锌矿业有限公司", status="assigned").first()
    assert case is not None
    for username in ("yinmao", "qzgh"):
        client = Client()
        client.force_login(User.objects.get(username=username))
        assert client.get(f"/legal/case/{case.pk}/").status_code == 404
        assert client.get(f"/api/v1/legal/cases/{case.pk}/").status_code == 404
    client = Client()
    client.force_login(User.objects.get(username="qzgh"))
    figures = client.get("/api/v1/legal/figures/?date=2023-04-06").json()["figures"]
    assert str({f["label"]: f["value"] for f in figures}["涉案标的"]) == "847.7"
    for username in ("flzx", "lvshi"):  # the supervisor and the lawyer assigned to it
        client.force_login(User.objects.get(username=username))
        assert client.get(f"/legal/case/{case.pk}/").status_code == 200
