"""A full selection round from call to award as three roles, with certificates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import Org, Role, User
from core.tests import factories as f
from kit import scoring
from kit.workflow import transition
from skills import services
from skills.models import Objection, SelectionRound, Submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    root = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="S0"))
    units = [
        Org.objects.add_child(root, instance=Org(name=f"企业{i}工会", kind="enterprise", code=f"S{i}"))
        for i in range(1, 4)
    ]
    ents = [f.enterprise(u, i) for i, u in enumerate(units)]
    organiser_role = Role.objects.create(name="组织者", code="org", data_scope="subtree")
    organiser_role.permissions.set(
        Permission.objects.filter(content_type__app_label="skills")
        | Permission.objects.filter(
            content_type__app_label="kit", codename__in=["add_scoringround", "change_scoringround", "view_scoringround"]
        )
    )
    chair_role = Role.objects.create(name="企业工会", code="chair", data_scope="org")
    chair_role.permissions.set(
        Permission.objects.filter(
            content_type__app_label="skills", codename__in=["view_submission", "add_submission", "view_selectionround"]
        )
        | Permission.objects.filter(content_type__app_label="core", codename__in=["view_enterprise", "view_person"])
    )
    organiser = User.objects.create_user(username="district", password="Test@12345", org=root)
    organiser.roles.set([organiser_role])
    chairs = []
    for i, u in enumerate(units):
        chair = User.objects.create_user(username=f"chair{i}", password="Test@12345", org=u)
        chair.roles.set([chair_role])
        chairs.append(chair)
    experts = [User.objects.create_user(username=f"expert{i}", password="Test@12345", org=root) for i in range(3)]
    insider = User.objects.create_user(username="insider", password="Test@12345", org=units[0])
    today = date.today()
    selection = SelectionRound.objects.create(
        kind="innovation",
        year=today.year,
        title="职工优秀科技创新成果评选",
        quota=2,
        submission_closes=today + timedelta(days=30),
        publicity_starts=today,
        publicity_ends=today + timedelta(days=7),
        org=root,
    )
    return {
        "root": root,
        "units": units,
        "ents": ents,
        "organiser": organiser,
        "chairs": chairs,
        "experts": experts,
        "insider": insider,
        "selection": selection,
    }


def test_a_full_round_from_call_to_award_with_certificates(client, world, monkeypatch):
    w = world
    sel = w["selection"]
    # 1. enterprise unions submit
    for i, chair in enumerate(w["chairs"]):
        client.force_login(chair)
        response = client.post(
            reverse("skills:submission_add"),
            {
                "round": sel.pk,
                "enterprise": w["ents"][i].pk,
                "title": f"成果{i}",
                "summary": "降本增效",
                "authors": [f.person(w["units"][i], i, employer=w["ents"][i]).pk],
            },
        )
        assert response.status_code == 302, response.context["form"].errors.as_data()
    subs = list(Submission.objects.order_by("id"))
    # a chair sees only his own entry
    client.force_login(w["chairs"][0])
    assert client.get(reverse("skills:submission_detail", args=[subs[1].pk])).status_code == 404
    # 2. the organiser checks eligibility
    services.check_eligibility(actor=w["organiser"], submission=subs[0], eligible=True)
    services.check_eligibility(actor=w["organiser"], submission=subs[1], eligible=True)
    with pytest.raises(ValidationError):
        services.check_eligibility(actor=w["organiser"], submission=subs[2], eligible=False, reason="")
    services.check_eligibility(actor=w["organiser"], submission=subs[2], eligible=False, reason="非本年度成果")
    round_ = services.start_review(actor=w["organiser"], selection=sel, experts=[*w["experts"], w["insider"]])
    assert round_.subjects.count() == 2
    # 3. experts score; one from the submitting enterprise may not score its entry
    leaves = {c.code: c.pk for c in round_.sheet.criteria.all()}
    subject_of = {int(s.object_id): s for s in round_.subjects.all()}
    with pytest.raises(ValidationError, match="本单位"):
        scoring.enter_scores(
            round=round_,
            actor=w["insider"],
            subject=subject_of[subs[0].pk],
            values={leaves["novelty"]: 20, leaves["effect"]: 30, leaves["spread"]: 10, leaves["material"]: 5},
        )
    with pytest.raises(ValidationError, match="之间"):
        scoring.enter_scores(
            round=round_,
            actor=w["experts"][0],
            subject=subject_of[subs[0].pk],
            values={leaves["novelty"]: 31, leaves["effect"]: 30, leaves["spread"]: 10, leaves["material"]: 5},
        )
    for k, expert in enumerate(w["experts"]):
        for sub, base in ((subs[0], 25), (subs[1], 20)):
            scoring.enter_scores(
                round=round_,
                actor=expert,
                subject=subject_of[sub.pk],
                values={
                    leaves["novelty"]: base + k,
                    leaves["effect"]: base + 10,
                    leaves["spread"]: 15,
                    leaves["material"]: 8,
                },
            )
    # scores are hidden from other experts until sign-off
    assert {s.scorer.user_id for s in scoring.scores_visible_to(round_, w["experts"][1])} == {w["experts"][1].pk}
    scoring.close_round(round=round_, actor=w["organiser"])
    # 4. publicity with prizes from the ranking (quota 2: one first, one second)
    services.publicize(actor=w["organiser"], selection=SelectionRound.objects.get(pk=sel.pk))
    assert dict(Submission.objects.values_list("title", "prize")) == {"成果0": "first", "成果1": "second", "成果2": ""}
    objection = Objection.objects.create(submission=subs[1], raised_on=date.today(), content="数据存疑")
    with pytest.raises(ValidationError, match="公示期"):
        transition(SelectionRound.objects.get(pk=sel.pk), "award", actor=w["organiser"])
    # 5. after the publicity period, with the objection handled, the award
    SelectionRound.objects.filter(pk=sel.pk).update(publicity_ends=date.today() - timedelta(days=1))
    with pytest.raises(ValidationError, match="未处理的异议"):
        transition(SelectionRound.objects.get(pk=sel.pk), "award", actor=w["organiser"])
    Objection.objects.filter(pk=objection.pk).update(resolution="经核实数据无误", resolved_on=date.today())
    transition(SelectionRound.objects.get(pk=sel.pk), "award", actor=w["organiser"])
    # 6. certificates
    client.force_login(w["organiser"])
    response = client.get(reverse("skills:certificates", args=[sel.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and len(response.content) > 5000
