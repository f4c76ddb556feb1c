"""Data scope (数据权限) per role, the org tree, optimistic locking."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from core import services
from core.models import Org, Person, Role, User
from core.tests import factories as f
from kit import services as kit_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="R"))
    t1 = Org.objects.add_child(root, instance=Org(name="一街道", kind="subdistrict", code="T1"))
    t2 = Org.objects.add_child(root, instance=Org(name="二街道", kind="subdistrict", code="T2"))
    e1 = Org.objects.add_child(t1, instance=Org(name="一企业", kind="enterprise", code="E1"))
    e2 = Org.objects.add_child(t2, instance=Org(name="二企业", kind="enterprise", code="E2"))
    people = {o.code: f.person(o, i) for i, o in enumerate([root, t1, t2, e1, e2])}
    return {"root": root, "t1": t1, "t2": t2, "e1": e1, "e2": e2, "people": people}


def person_perms(*actions: str) -> list[Permission]:
    return list(
        Permission.objects.filter(content_type__app_label="core", codename__in=[f"{a}_person" for a in actions])
    )


def user_with(org: Org, *roles: tuple[str, list[Org]], actions=("view", "change")) -> User:
    user = User.objects.create_user(username=f"u{User.objects.count()}", password="Test@12345", org=org)
    for i, (scope, custom) in enumerate(roles):
        role = Role.objects.create(
            name=f"r{Role.objects.count()}-{i}", code=f"r{Role.objects.count()}-{i}", data_scope=scope
        )
        role.permissions.set(person_perms(*actions))
        role.custom_orgs.set(custom)
        user.roles.add(role)
    return User.objects.get(pk=user.pk)


def visible(user: User, action: str = "view") -> set[str]:
    return {p.org.code for p in Person.objects.visible_to(user, action).select_related("org")}


def test_all_sees_everything(tree):
    assert visible(user_with(tree["e1"], ("all", []))) == {"R", "T1", "T2", "E1", "E2"}


def test_subtree_sees_its_org_and_below(tree):
    assert visible(user_with(tree["t1"], ("subtree", []))) == {"T1", "E1"}


def test_org_sees_only_its_own_org(tree):
    assert visible(user_with(tree["t1"], ("org", []))) == {"T1"}


def test_self_sees_only_rows_it_created(tree):
    user = user_with(tree["t1"], ("self", []))
    assert visible(user) == set()
    mine = f.person(tree["t2"], 9)
    Person.objects.filter(pk=mine.pk).update(created_by=user)
    assert {p.pk for p in Person.objects.visible_to(user)} == {mine.pk}


def test_self_of_a_worker_bound_to_his_record_covers_the_rows_about_him(tree):
    """仅本人 for a worker: his own Person and every row whose ScopeSpec names a `person` lookup
    pointing at him (his enrolments, his cases …), wherever they were entered — and nothing else."""
    from kit.services import in_scope

    him, other = tree["people"]["E1"], tree["people"]["E2"]
    user = user_with(tree["t2"], ("self", []))
    user.person = him
    user.save()
    user = User.objects.get(pk=user.pk)
    assert {p.pk for p in Person.objects.visible_to(user)} == {him.pk}
    assert in_scope(user, him, "core.view_person") and not in_scope(user, other, "core.view_person")
    # unbound, the same role sees nothing of him
    user.person = None
    assert not Person.objects.visible_to(user).filter(pk=him.pk).exists()


def test_ancestor_paths_are_what_is_open_to_a_node():
    from kit.scope import ancestor_paths

    assert ancestor_paths("000100020003") == ["0001", "00010002", "000100020003"]
    assert ancestor_paths("0001") == ["0001"]
    assert ancestor_paths("") == []


def test_custom_sees_the_chosen_orgs_and_below(tree):
    assert visible(user_with(tree["e1"], ("custom", [tree["t2"]]))) == {"T2", "E2"}


def test_two_roles_add_up(tree):
    assert visible(user_with(tree["e1"], ("org", []), ("custom", [tree["t2"]]))) == {"E1", "T2", "E2"}


def test_the_scope_is_per_permission(tree):
    viewer = user_with(tree["t1"], ("subtree", []), actions=("view",))
    assert visible(viewer, "view") == {"T1", "E1"}
    assert visible(viewer, "change") == set()


def test_no_role_no_permission_no_rows(tree):
    user = User.objects.create_user(username="nobody", password="Test@12345", org=tree["root"])
    assert visible(user) == set()


def test_an_inactive_role_grants_nothing(tree):
    user = user_with(tree["t1"], ("subtree", []))
    Role.objects.update(is_active=False)
    assert visible(User.objects.get(pk=user.pk)) == set()


def test_a_write_that_moves_a_row_out_of_the_scope_is_rolled_back(tree):
    user = user_with(tree["t1"], ("subtree", []))
    person = Person.objects.get(pk=tree["people"]["E1"].pk)
    before = kit_services.snapshot(person)
    person.org = tree["t2"]
    with pytest.raises(kit_services.OutOfScope):
        kit_services.save_object(person, actor=user, action="change", before=before)
    assert Person.objects.get(pk=person.pk).org == tree["e1"]


def test_moving_a_subtree_keeps_every_descendant_consistent(tree):
    admin = User.objects.create_superuser(username="root", password="Test@12345")
    services.org_move(actor=admin, org=tree["e1"], new_parent=tree["t2"])
    e1 = Org.objects.get(pk=tree["e1"].pk)
    t2 = Org.objects.get(pk=tree["t2"].pk)
    assert e1.path.startswith(t2.path) and e1.get_parent() == t2
    assert Org.find_problems() == ([], [], [], [], [])
    subtree_user = user_with(t2, ("subtree", []))
    assert visible(subtree_user) == {"T2", "E1", "E2"}


def test_an_org_cannot_move_under_its_own_descendant(tree):
    from django.core.exceptions import ValidationError

    admin = User.objects.create_superuser(username="root", password="Test@12345")
    with pytest.raises(ValidationError):
        services.org_move(actor=admin, org=tree["t1"], new_parent=tree["e1"])


def test_a_stale_edit_never_silently_overwrites(tree):
    admin = User.objects.create_superuser(username="root", password="Test@12345")
    first = Person.objects.get(pk=tree["people"]["E1"].pk)
    second = Person.objects.get(pk=tree["people"]["E1"].pk)
    first.job = "钳工"
    kit_services.save_object(first, actor=admin, action="change", expected_version=first.version)
    second.job = "焊工"
    with pytest.raises(kit_services.StaleVersion):
        kit_services.save_object(second, actor=admin, action="change", expected_version=second.version)
    assert Person.objects.get(pk=first.pk).job == "钳工"
