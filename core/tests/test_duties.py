"""三员分立 (等保 2.0 level 3): the system, security and audit administrator duties are held by
different accounts — refused when an account is given two of them (page and API alike, through
the one service), and when a role some account holds beside another duty's role is given a duty."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from core import services
from core.models import Org, Role, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(db: Any) -> dict[str, Any]:
    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="R"))
    admin = User.objects.create_superuser(username="root", password="Test@12345", org=root)
    roles = {
        duty: Role.objects.create(name=label, code=duty, duty=duty, data_scope="all")
        for duty, label in Role.Duty.choices
    }
    roles["staff"] = Role.objects.create(name="工作人员", code="staff", data_scope="subtree")
    user = User.objects.create_user(username="someone", password="Test@12345", org=root)
    return {"root": root, "admin": admin, "roles": roles, "user": user}


def test_one_account_cannot_hold_two_duties(setup: dict[str, Any]) -> None:
    roles, admin, user = setup["roles"], setup["admin"], setup["user"]
    services.user_set_roles(actor=admin, user=user, roles=[roles["system"], roles["staff"]])
    with pytest.raises(ValidationError, match="三员分立"):
        services.user_set_roles(actor=admin, user=user, roles=[roles["system"], roles["audit"]])
    assert sorted(user.roles.values_list("code", flat=True)) == ["staff", "system"]


def test_the_user_page_and_the_api_refuse_it_too(setup: dict[str, Any], client: Any) -> None:
    roles, admin, user, root = setup["roles"], setup["admin"], setup["user"], setup["root"]
    client.force_login(admin)
    page = client.post(
        f"/system/user/{user.pk}/edit/",
        {
            "username": user.username,
            "name": "某",
            "org": root.pk,
            "is_active": "on",
            "roles": [roles["security"].pk, roles["audit"].pk],
        },
    )
    assert "三员分立" in page.content.decode()
    api = APIClient()
    api.force_authenticate(admin)
    answer = api.patch(
        f"/api/v1/users/{user.pk}/", {"roles": [roles["system"].pk, roles["security"].pk]}, format="json"
    )
    assert answer.status_code == 400 and "三员分立" in answer.content.decode()
    assert not user.roles.exists()


def test_a_duty_given_to_a_role_held_beside_another_duty_is_refused(setup: dict[str, Any]) -> None:
    roles, admin, user = setup["roles"], setup["admin"], setup["user"]
    services.user_set_roles(actor=admin, user=user, roles=[roles["audit"], roles["staff"]])
    staff = roles["staff"]
    staff.duty = "system"
    with pytest.raises(ValidationError, match="三员分立"):
        services.role_save(actor=admin, role=staff, action="change")
