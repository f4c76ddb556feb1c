"""The generic tests (kit.testing.ModelTestCase: permission matrix, scope, masking, API) of the two
records the unions answer in the back office. Both are made by workers in the portal and decided by
`portal.services`, so their pages and API are read-only."""

from __future__ import annotations

from datetime import date

from core.models import Org, User
from core.tests import factories as f
from kit import testing
from portal import entities
from portal.models import MembershipApplication, SelfRegistration


def _application(org: Org, n: int = 0) -> MembershipApplication:
    return MembershipApplication.objects.create(
        person=f.person(org, 60 + n, is_union_member=False),
        route="area",
        org=org,
        submitted_on=date(2026, 3, 2),
        due_on=date(2026, 3, 9),
    )


class MembershipApplicationTests(testing.ModelTestCase):
    entity = entities.MembershipApplicationEntity
    api_path = "/api/v1/portal/memberships/"
    owner_actions = ("view", "export", "review")

    def make(self, org: Org, n: int = 0) -> MembershipApplication:
        return _application(org, n)

    def test_api_creates_updates_with_version_and_deletes(self) -> None:
        """Applications are made by workers (portal.services) and answered by decisions: read-only."""
        obj = self.make(self.home)
        client = self.api(self.owner)
        self.assertEqual(client.get(f"{self.api_path}{obj.pk}/").status_code, 200)
        self.assertIn(client.delete(f"{self.api_path}{obj.pk}/").status_code, (403, 405))


class SelfRegistrationTests(testing.ModelTestCase):
    entity = entities.SelfRegistrationEntity
    api_path = "/api/v1/portal/self-registrations/"
    owner_actions = ("view", "review")

    def make(self, org: Org, n: int = 0) -> SelfRegistration:
        user = User.objects.create_user(username=f"reg{org.pk}-{n}", password="x")
        row = SelfRegistration(user=user, name=f"王{n}", id_number=f.id_number(8000 + n), org=org, platform="某平台")
        row.full_clean()
        row.save()
        return row

    def test_api_creates_updates_with_version_and_deletes(self) -> None:
        obj = self.make(self.home)
        client = self.api(self.owner)
        self.assertEqual(client.get(f"{self.api_path}{obj.pk}/").status_code, 200)
        self.assertIn(client.delete(f"{self.api_path}{obj.pk}/").status_code, (403, 405))
