"""角色管理 by menu (core.roletree): every permission the role form offers is in the tree, labelled
in Chinese, and a role saved as its page shows it keeps exactly its rights."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission

from core.models import Org, Role, User
from core.roletree import tree

pytestmark = pytest.mark.django_db


def test_every_permission_of_the_domain_apps_has_its_place_in_the_tree(db: Any) -> None:
    offered = set(
        Permission.objects.filter(content_type__app_label__in=settings.KIT_DOMAIN_APPS).values_list("pk", flat=True)
    )
    groups = tree()
    placed = [pk for g in groups for pk in g.ids]
    assert len(placed) == len(set(placed))  # each once
    assert set(placed) == offered
    labels = {g.label for g in groups}
    assert {"一体化推进", "建功立业", "法律援助", "系统管理"} <= labels
    merit = next(g for g in groups if g.label == "建功立业")
    competition = next(p for p in merit.pages if p.label == "劳动和技能竞赛")
    assert [label for _, label in competition.perms][:4] == ["查看", "新增", "编辑", "删除"]
    assert not [label for g in groups for p in g.pages for _, label in p.perms if "Can " in label or "_" in label]


def test_a_role_saved_as_its_page_shows_it_keeps_exactly_its_rights(client: Any) -> None:
    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="RT"))
    role = Role.objects.create(name="街道工作人员", code="street_t", data_scope="subtree")
    rights = Permission.objects.filter(
        content_type__app_label__in=["reform", "merit", "legal", "core"], codename__regex=r"^(view|review|export)_"
    )
    role.permissions.set(rights)
    admin = User.objects.create_superuser(username="sys", password="Test@12345", org=root)
    client.force_login(admin)
    html = client.get(f"/system/role/{role.pk}/edit/").text
    assert 'id="permission-tree"' in html
    checked = {int(v) for v in re.findall(r'name="permissions" value="(\d+)" checked', html)}
    assert checked == set(rights.values_list("pk", flat=True))
    data = {
        "name": role.name,
        "code": role.code,
        "data_scope": role.data_scope,
        "sort": "0",
        "is_active": "on",
        "permissions": sorted(checked),
        "_version": role.version,
    }
    response = client.post(f"/system/role/{role.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert set(Role.objects.get(pk=role.pk).permissions.all()) == set(rights)
