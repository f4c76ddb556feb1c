"""The API narrows a list by what a row shows and refuses what it does not understand: the
outside tester's `/api/v1/skills/enrolments/?training_class=37` returned all 5,229 rows; now it
returns that class's, and a misspelt parameter is a 400 naming it instead of every row."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from rest_framework.test import APIClient

from core.models import Org, User
from core.tests import factories as f
from skills.tests import factories as sf

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(db: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(User.objects.create_superuser(username="root", password="x"))
    return client


def test_a_list_is_narrowed_by_a_foreign_key_it_shows_and_unknown_parameters_are_refused(api: APIClient) -> None:
    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="R"))
    one = sf.training_class(root, date(2022, 5, 1))
    two = sf.training_class(root, date(2022, 6, 1))
    for n in range(3):
        sf.enrolment(one, person=f.person(root, n))
    sf.enrolment(two, person=f.person(root, 9))
    answer = api.get(f"/api/v1/skills/enrolments/?training_class={one.pk}")
    assert answer.status_code == 200 and answer.json()["count"] == 3
    assert api.get(f"/api/v1/skills/enrolments/?training_class={two.pk}&status=completed").json()["count"] == 1
    wrong = api.get(f"/api/v1/skills/enrolments/?trainingclass={one.pk}")
    assert wrong.status_code == 400 and "trainingclass" in wrong.content.decode()
    assert api.get("/api/v1/skills/enrolments/?page=1&page_size=2&sort=-id").status_code == 200
    assert api.get("/api/v1/skills/enrolments/?training_class=999999").status_code == 400
