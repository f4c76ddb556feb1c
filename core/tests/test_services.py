"""core.services: every service refused at the gate (kit.testing.ServiceGateCase), and the rules
the services themselves enforce (the org tree, honours recorded once, accounts)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core import services
from core.models import DictItem, DictType, Org, PersonHonour, Role, User
from core.tests import factories as f
from kit import testing
from kit.models import AuditEntry


def honour_kind() -> DictItem:
    dtype, _ = DictType.objects.get_or_create(code="honour", defaults={"name": "荣誉类别"})
    return DictItem.objects.get_or_create(dict_type=dtype, value="model_worker", defaults={"label": "劳动模范"})[0]


class CoreServicesGate(testing.ServiceGateCase):
    module = services

    def _child(self, org: Org, code: str) -> Org:
        return Org.objects.add_child(org, instance=Org(name=f"组织{code}", kind="enterprise", code=code))

    def case_org_create(self, org: Org) -> dict[str, Any]:
        return {"parent": org, "name": "新建企业工会", "kind": "enterprise", "code": "GATE-NEW"}

    def case_org_move(self, org: Org) -> dict[str, Any]:
        return {"org": self._child(org, "GATE-M1"), "new_parent": self._child(org, "GATE-M2")}

    def case_org_save(self, org: Org) -> dict[str, Any]:
        child = self._child(org, "GATE-S1")
        child.name = "改名后的工会"
        return {"org": child}

    def case_honour_add(self, org: Org) -> dict[str, Any]:
        return {"person": f.person(org, 1), "kind": honour_kind(), "level": "city", "year": 2022}

    def case_honour_save(self, org: Org) -> dict[str, Any]:
        honour = PersonHonour(person=f.person(org, 2), kind=honour_kind(), level="city", year=2021)
        return {"honour": honour, "action": "add"}

    def case_role_save(self, org: Org) -> dict[str, Any]:
        return {"role": Role(name="新角色", code="gate-new"), "action": "add"}

    def case_user_set_roles(self, org: Org) -> dict[str, Any]:
        user = User.objects.create_user(username="gate-target", password="Test@12345", org=org)
        return {"user": user, "roles": list(Role.objects.filter(code="g-view"))}

    def case_account_unlock(self, org: Org) -> dict[str, Any]:
        return {"user": User.objects.create_user(username="gate-locked", password="Test@12345", org=org)}

    def case_account_reset_otp(self, org: Org) -> dict[str, Any]:
        return {"user": User.objects.create_user(username="gate-otp", password="Test@12345", org=org)}

    def case_user_save(self, org: Org) -> dict[str, Any]:
        user = User.objects.create_user(username="gate-edit", password="Test@12345", org=org)
        user.name = "新姓名"
        return {"user": user, "action": "change", "password": ""}


# --- the rules ------------------------------------------------------------------------------------
pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(db: Any) -> User:
    return User.objects.create_superuser(username="root", password="Test@12345")


@pytest.fixture
def tree(db: Any) -> dict[str, Org]:
    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="R0"))
    town = Org.objects.add_child(root, instance=Org(name="街道总工会", kind="subdistrict", code="R1"))
    unit = Org.objects.add_child(town, instance=Org(name="企业工会", kind="enterprise", code="R11"))
    return {"root": root, "town": town, "unit": unit}


def test_an_org_cannot_be_moved_under_itself_or_its_descendants(admin: User, tree: dict[str, Org]) -> None:
    with pytest.raises(ValidationError, match="不能把组织移动到它自己或它的下级之下"):
        services.org_move(actor=admin, org=tree["town"], new_parent=tree["unit"])
    assert Org.objects.get(pk=tree["unit"].pk).path.startswith(tree["town"].path)


def test_moving_an_org_rewrites_its_subtree_and_is_audited(admin: User, tree: dict[str, Org]) -> None:
    root = Org.objects.get(pk=tree["root"].pk)
    other = Org.objects.add_child(root, instance=Org(name="另一街道", kind="subdistrict", code="R2"))
    services.org_move(actor=admin, org=Org.objects.get(pk=tree["town"].pk), new_parent=other)
    unit = Org.objects.get(pk=tree["unit"].pk)
    assert unit.path.startswith(Org.objects.get(pk=other.pk).path)
    assert AuditEntry.objects.filter(object_type="core.org", message__contains="移动到").exists()


def test_only_a_superuser_creates_a_top_level_org(tree: dict[str, Org]) -> None:
    staff = User.objects.create_user(username="staff", password="Test@12345", org=tree["root"])
    role = Role.objects.create(name="组织管理", code="orgs", data_scope="all")
    from django.contrib.auth.models import Permission

    role.permissions.set(Permission.objects.filter(codename__in=["add_org", "view_org"]))
    staff.roles.set([role])
    with pytest.raises(ValidationError, match="只有系统管理员"):
        services.org_create(actor=staff, parent=None, name="另一个区", kind="federation", code="X0")


def test_the_same_honour_is_recorded_once(admin: User, tree: dict[str, Org]) -> None:
    person = f.person(tree["unit"], 1)
    first = services.honour_add(actor=admin, person=person, kind=honour_kind(), level="city", year=2022)
    again = services.honour_add(actor=admin, person=person, kind=honour_kind(), level="city", year=2022)
    assert first.pk == again.pk and PersonHonour.objects.count() == 1


def test_a_new_account_needs_a_password_that_passes_the_validators(admin: User, tree: dict[str, Org]) -> None:
    with pytest.raises(ValidationError, match="新建用户必须设置密码"):
        services.user_save(actor=admin, user=User(username="nopass", org=tree["unit"]), action="add")
    with pytest.raises(ValidationError):
        services.user_save(actor=admin, user=User(username="weak", org=tree["unit"]), action="add", password="123")
    assert not User.objects.filter(username__in=["nopass", "weak"]).exists()


def test_a_role_change_of_permissions_is_recorded_as_a_permission_change(admin: User) -> None:
    from django.contrib.auth.models import Permission

    role = services.role_save(actor=admin, role=Role(name="查看职工", code="viewp"), action="add")
    perm = Permission.objects.get(codename="view_person")
    services.role_save(actor=admin, role=role, action="change", m2m={"permissions": [perm]})
    entry = AuditEntry.objects.filter(action="permission", object_type="core.role").get()
    assert entry.changes == {"permissions": [[], ["view_person"]]}


def test_roles_are_set_only_by_an_actor_who_may_change_users(tree: dict[str, Org]) -> None:
    target = User.objects.create_user(username="target", password="Test@12345", org=tree["unit"])
    nobody = User.objects.create_user(username="nobody", password="Test@12345", org=tree["unit"])
    with pytest.raises(PermissionDenied):
        services.user_set_roles(actor=nobody, user=target, roles=[])


def test_saving_a_role_unchanged_through_its_page_keeps_every_module_right(client: Any) -> None:
    """A role holding rights of every module: opened and saved as it is, it keeps them all (the form
    offers every domain app's permissions, not only core's)."""
    from django.contrib.auth.models import Permission

    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="RS"))
    role = Role.objects.create(name="街道工作人员", code="street", data_scope="subtree")
    rights = Permission.objects.filter(
        content_type__app_label__in=["reform", "guidance", "skills", "merit", "rights", "legal", "bulletins"],
        codename__startswith="view_",
    )
    role.permissions.set(rights)
    admin = User.objects.create_superuser(username="sys", password="Test@12345", org=root)
    client.force_login(admin)
    page = client.get(f"/system/role/{role.pk}/edit/")
    form = page.context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {k: v for k, v in data.items() if v is not None and v is not False}
    data["_version"] = role.version
    response = client.post(f"/system/role/{role.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    assert set(Role.objects.get(pk=role.pk).permissions.all()) == set(rights)
