"""The fixture of kit.testing.ModelTestCase: an org tree with two branches and the users of the
permission matrix (settings.KIT_TEST_FIXTURE points here); and the org tree of the per-module
indicator tests (kit.testing.indicators)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from core.models import Org, Role
from kit.testing import ModelTestCase, ServiceGateCase
from kit.testing.indicators import Tree


def _tree(test: Any) -> None:  # a ModelTestCase or a ServiceGateCase class
    """district ─┬─ town_a ── unit_a
    └─ town_b ── unit_b"""
    root = Org.objects.add_root(instance=Org(name="测试区总工会", kind="federation", code="T0"))
    town_a = Org.objects.add_child(root, instance=Org(name="甲街道总工会", kind="subdistrict", code="TA"))
    town_b = Org.objects.add_child(root, instance=Org(name="乙街道总工会", kind="subdistrict", code="TB"))
    unit_a = Org.objects.add_child(town_a, instance=Org(name="甲企业工会", kind="enterprise", code="TA1"))
    unit_b = Org.objects.add_child(town_b, instance=Org(name="乙企业工会", kind="enterprise", code="TB1"))
    test.root, test.town_a, test.town_b, test.unit_a, test.unit_b = root, town_a, town_b, unit_a, unit_b


def _user(name: str, org: Any, *roles: Any) -> Any:
    u = get_user_model().objects.create_user(username=name, password="Test@12345", org=org, name=name)
    u.roles.set(roles)
    return u


def build_gate_fixture(test: type[ServiceGateCase]) -> None:
    """The actors of kit.testing.gate: `insider` holds every permission of the gated apps (and
    of core and kit) for town_a's subtree, `viewer` only their view permissions there, `outsider`
    the insider's role for town_b's subtree. The services' objects are made in `home` (town_a)."""
    _tree(test)
    test.home, test.away = test.town_a, test.town_b  # type: ignore[attr-defined]
    labels = {*test.gated_apps(), "core", "kit"}
    everything = Permission.objects.filter(content_type__app_label__in=labels)
    insider_role = Role.objects.create(name="测试-全部权限", code="g-all", data_scope="subtree")
    insider_role.permissions.set(everything)
    viewer_role = Role.objects.create(name="测试-只读", code="g-view", data_scope="subtree")
    viewer_role.permissions.set(everything.filter(codename__startswith="view_"))
    test.insider = _user("insider", test.home, insider_role)
    test.viewer = _user("viewer", test.home, viewer_role)
    test.outsider = _user("outsider", test.away, insider_role)


def build_fixture(test: type[ModelTestCase]) -> None:
    """district ─┬─ town_a ── unit_a   (owner, colleague, noperm live in `home`)
    └─ town_b ── unit_b   (outsider lives in the mirror of `home`)"""

    _tree(test)
    root, town_a, town_b, unit_a, unit_b = test.root, test.town_a, test.town_b, test.unit_a, test.unit_b
    home = test.home_level
    test.home = {"town": town_a, "unit": unit_a, "root": root}[home]
    test.away = {"town": town_b, "unit": unit_b, "root": root}[home]

    assert test.entity is not None
    model = test.entity.model
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
    test.owner = _user("owner", test.home, owner_role)
    test.colleague = _user("colleague", test.home, viewer_role)
    test.noperm = _user("noperm", test.home)
    test.outsider = _user("outsider", test.away, owner_role)


def indicator_tree(prefix: str) -> Tree:
    """区总工会 with two sibling subtrees: 甲 (with an enterprise union below it) and 乙; and a
    neighbouring district whose records are in no subtree of ours. The org codes are `prefix`
    followed by 0, A, B, A1 and X (each test module its own prefix)."""
    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code=f"{prefix}0"))
    a = Org.objects.add_child(root, instance=Org(name="甲街道工会", kind="subdistrict", code=f"{prefix}A"))
    b = Org.objects.add_child(
        Org.objects.get(pk=root.pk), instance=Org(name="乙街道工会", kind="subdistrict", code=f"{prefix}B")
    )
    a1 = Org.objects.add_child(
        Org.objects.get(pk=a.pk), instance=Org(name="甲企业工会", kind="enterprise", code=f"{prefix}A1")
    )
    other = Org.objects.add_root(instance=Org(name="邻区总工会", kind="federation", code=f"{prefix}X"))
    root, a, b, a1 = (Org.objects.get(pk=o.pk) for o in (root, a, b, a1))  # adding siblings moves paths
    return Tree(
        root=root,
        a=a,
        b=b,
        a1=a1,
        other=other,
        members={root.pk: {root.pk, a.pk, a1.pk, b.pk}, a.pk: {a.pk, a1.pk}, b.pk: {b.pk}},
    )
