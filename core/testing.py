"""The fixture of kit.testing.ModelTestCase: an org tree with two branches and the users of the
permission matrix (settings.KIT_TEST_FIXTURE points here)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from core.models import Org, Role
from kit.testing import ModelTestCase


def build_fixture(test: type[ModelTestCase]) -> None:
    """district ─┬─ town_a ── unit_a   (owner, colleague, noperm live in `home`)
    └─ town_b ── unit_b   (outsider lives in the mirror of `home`)"""

    root = Org.objects.add_root(instance=Org(name="测试区总工会", kind="federation", code="T0"))
    town_a = Org.objects.add_child(root, instance=Org(name="甲街道总工会", kind="subdistrict", code="TA"))
    town_b = Org.objects.add_child(root, instance=Org(name="乙街道总工会", kind="subdistrict", code="TB"))
    unit_a = Org.objects.add_child(town_a, instance=Org(name="甲企业工会", kind="enterprise", code="TA1"))
    unit_b = Org.objects.add_child(town_b, instance=Org(name="乙企业工会", kind="enterprise", code="TB1"))
    test.root, test.town_a, test.town_b, test.unit_a, test.unit_b = root, town_a, town_b, unit_a, unit_b
    home = test.home_level
    test.home = {"town": town_a, "unit": unit_a, "root": root}[home]
    test.away = {"town": town_b, "unit": unit_b, "root": root}[home]

    assert test.crud is not None
    model = test.crud.model
    meta = model._meta
    full = Permission.objects.filter(
        content_type__app_label=meta.app_label, codename__in=[f"{a}_{meta.model_name}" for a in test.owner_actions]
    )
    # seeing what a form links to: every core entity and the other entities of the tested model's app
    support = Permission.objects.filter(
        content_type__app_label__in={"core", meta.app_label}, codename__startswith="view_"
    )
    owner_role = Role.objects.create(name="测试-负责人", code="t-owner", data_scope=test.data_scope)
    owner_role.permissions.set([*full, *support])
    viewer_role = Role.objects.create(name="测试-查看", code="t-viewer", data_scope=test.data_scope)
    viewer_role.permissions.set(
        Permission.objects.filter(content_type__app_label=meta.app_label, codename=f"view_{meta.model_name}")
    )
    user_model = get_user_model()

    def user(name: str, org: Any, *roles: Any) -> Any:
        u = user_model.objects.create_user(username=name, password="Test@12345", org=org, name=name)
        u.roles.set(roles)
        return u

    test.owner = user("owner", test.home, owner_role)
    test.colleague = user("colleague", test.home, viewer_role)
    test.noperm = user("noperm", test.home)
    test.outsider = user("outsider", test.away, owner_role)
