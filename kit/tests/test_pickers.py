"""Searchable pickers: a relation to people, enterprises, orgs or users is typed into, never a
page-long drop-down; the options are the field's own choices for this user, searched, each with
what tells namesakes apart and never a full ID number."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from core.models import Org, Role, User
from core.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_enterprises(db):
    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="P0"))
    a = Org.objects.add_child(root, instance=Org(name="甲企业工会", kind="enterprise", code="P1"))
    b = Org.objects.add_child(root, instance=Org(name="乙企业工会", kind="enterprise", code="P2"))
    ea, eb = f.enterprise(a, 1), f.enterprise(b, 2)
    mine = [f.person(a, i, name="周杰", employer=ea) for i in range(2)] + [
        f.person(a, i + 2, employer=ea) for i in range(40)
    ]
    theirs = f.person(b, 99, name="周杰", employer=eb)
    role = Role.objects.create(name="主席", code="chair_p", data_scope="subtree")
    role.permissions.set(
        Permission.objects.filter(content_type__app_label="merit")
        | Permission.objects.filter(codename__in=["view_person", "view_enterprise", "add_person", "change_person"])
    )
    chair = User.objects.create_user(username="chair_p", password="Test@12345", org=a)
    chair.roles.set([role])
    return {"root": root, "a": a, "b": b, "mine": mine, "theirs": theirs, "chair": chair}


def test_the_form_carries_no_option_list_only_the_picker(client, two_enterprises):
    client.force_login(two_enterprises["chair"])
    html = client.get(reverse("merit:registration_add")).text
    select = re.search(r'<select name="person".*?</select>', html, re.S).group(0)
    assert 'data-picker="/pick/merit.registration/person/"' in select
    assert select.count("<option") == 1  # the empty one; 42 workers are searched, not listed


def test_namesakes_are_told_apart_and_other_scopes_never_offered(client, two_enterprises):
    d = two_enterprises
    client.force_login(d["chair"])
    results = client.get("/pick/merit.registration/person/", {"q": "周杰"}).json()["results"]
    assert [r["text"] for r in results] == ["周杰", "周杰"]  # his two, not the other enterprise's
    assert {r["value"] for r in results} == {str(p.pk) for p in d["mine"][:2]}
    for r in results:
        assert "********" in r["sub"] and d["mine"][0].employer.name in r["sub"]
        assert d["mine"][0].id_number not in r["sub"] and d["mine"][1].id_number not in r["sub"]
    by_initials = client.get("/pick/merit.registration/person/", {"q": "zj"}).json()["results"]
    assert {r["value"] for r in by_initials} >= {str(p.pk) for p in d["mine"][:2]}
    assert str(d["theirs"].pk) not in {r["value"] for r in by_initials}
    first_page = client.get("/pick/merit.registration/person/").json()
    assert len(first_page["results"]) == 20 and first_page["more"] is True


def test_a_list_filter_picker_offers_the_lists_own_choices(client, two_enterprises):
    d = two_enterprises
    client.force_login(d["chair"])
    html = client.get(reverse("core:person_list")).text
    assert "/pick/core.person/employer/?source=filter" in html
    names = [r["text"] for r in client.get("/pick/core.person/employer/?source=filter").json()["results"]]
    assert names == [d["mine"][0].employer.name]


def test_unknown_fields_models_and_strangers_get_nothing(client, two_enterprises):
    d = two_enterprises
    assert client.get("/pick/merit.registration/person/").status_code == 302  # log in first
    client.force_login(d["chair"])
    assert client.get("/pick/merit.registration/nothing/").status_code == 404
    assert client.get("/pick/merit.registration/remark/").status_code == 404  # not a relation
    assert client.get("/pick/no.such/person/").status_code == 404
    assert client.get("/pick/core.user/org/").status_code == 404  # no right to the user form
    outsider = User.objects.create_user(username="nobody", password="Test@12345", org=d["b"])
    client.force_login(outsider)
    assert client.get("/pick/merit.registration/person/").status_code == 404


def test_a_person_outside_the_scope_is_still_refused_when_posted(client, two_enterprises):
    from merit.models import Competition, Event, Registration

    d = two_enterprises
    comp = Competition.objects.create(
        name="赛", tier="district", organisers="区总工会", starts_on="2023-03-01", ends_on="2023-03-02",
        org=d["root"], status="registration",
    )  # fmt: skip
    event = Event.objects.create(competition=comp, name="焊工")
    client.force_login(d["chair"])
    page = client.post(reverse("merit:registration_add"), {"event": event.pk, "person": d["theirs"].pk})
    assert page.status_code == 200 and not Registration.objects.exists()
    assert "选择一个有效的选项" in page.text or "有效" in page.text


def test_organisers_search_accounts_by_name_to_name_judges_and_others_cannot(client, two_enterprises):
    d = two_enterprises
    judge = User.objects.create_user(username="judge_wang", password="Test@12345", name="王裁判", org=d["root"])
    client.force_login(d["chair"])  # may change events (merit permissions)
    results = client.get("/pick/accounts/", {"q": "王裁"}).json()["results"]
    assert results == [{"value": "judge_wang", "text": "王裁判", "sub": f"judge_wang · {d['root'].name}"}]
    assert client.get("/pick/accounts/", {"q": "judge_"}).json()["results"][0]["value"] == judge.username
    User.objects.filter(pk=judge.pk).update(is_active=False)
    assert client.get("/pick/accounts/", {"q": "王裁"}).json()["results"] == []
    plain = User.objects.create_user(username="plain", password="Test@12345", org=d["a"])
    client.force_login(plain)
    assert client.get("/pick/accounts/", {"q": "王"}).status_code == 404


def test_a_user_who_may_only_view_the_list_still_searches_its_filters(client, two_enterprises):
    d = two_enterprises
    role = Role.objects.create(name="只读", code="viewer_p", data_scope="subtree")
    role.permissions.set(Permission.objects.filter(codename__in=["view_person", "view_enterprise"]))
    viewer = User.objects.create_user(username="viewer_p", password="Test@12345", org=d["a"])
    viewer.roles.set([role])
    client.force_login(viewer)
    names = [r["text"] for r in client.get("/pick/core.person/employer/?source=filter").json()["results"]]
    assert names == [d["mine"][0].employer.name]
    assert client.get("/pick/core.person/employer/").status_code == 404  # the form's field: no right to the form
