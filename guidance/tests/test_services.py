"""guidance.services at the gate: voting needs the right to vote (guidance.add_vote). The rules of
voting — once per person per course per day, only while voting is open, exact counts under
concurrency — are in test_votes.py."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from core.models import Org
from guidance import services
from guidance.models import MicroCourse, Nomination, TopTenSelection
from kit import testing


class GuidanceServicesGate(testing.ServiceGateCase):
    module = services

    def case_vote(self, org: Org) -> dict[str, Any]:
        now = timezone.now()
        selection = TopTenSelection.objects.create(
            year=2030,
            title="十佳微党课",
            org=org,
            winners=2,
            vote_opens=now - timedelta(days=1),
            vote_closes=now + timedelta(days=1),
        )
        course = MicroCourse.objects.create(title="课程", author="某", published_on=date(2022, 1, 1), org=org)
        return {"nomination": Nomination.objects.create(selection=selection, course=course)}
