"""Scoring sheets (kit.scoring): ranges, deductions and vetoes, the aggregation rules, ranking with
ties, hidden-until-closed, the lock and the logged re-open, conflicts of interest; the pages; and
the generic page tests (kit.testing) of the maintenance pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.urls import include, path, reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from core.models import Org, Role
from kit import scoring, testing
from kit.models import AuditEntry
from kit.scoring import entities, views
from kit.scoring.models import Criterion, RoundScorer, RoundSubject, Score, ScoreSheet, ScoringRound
from kit.views.routes import entity_pages

# the project's URLs plus the scoring pages, as a module would mount them
urlpatterns = [
    path("", include("changai.urls")),
    path("demo-scoring/", include((views.scoring_urls(), "demo"))),
    path("scoring-admin/", include((entity_pages(entities), "kit_scoring"))),
]
URLCONF = __name__

User = get_user_model()
D = Decimal


# --- fixtures -------------------------------------------------------------------------------------
@pytest.fixture
def orgs(db: Any) -> dict[str, Org]:
    root = Org.objects.add_root(instance=Org(name="测评区总工会", kind="federation", code="S0"))
    town_a = Org.objects.add_child(root, instance=Org(name="东街道总工会", kind="subdistrict", code="SA"))
    town_b = Org.objects.add_child(root, instance=Org(name="西街道总工会", kind="subdistrict", code="SB"))
    unit_a = Org.objects.add_child(town_a, instance=Org(name="东企业工会", kind="enterprise", code="SA1"))
    unit_b = Org.objects.add_child(town_b, instance=Org(name="西企业工会", kind="enterprise", code="SB1"))
    return {"root": root, "town_a": town_a, "town_b": town_b, "unit_a": unit_a, "unit_b": unit_b}


@pytest.fixture
def organiser(orgs: dict[str, Org]) -> Any:
    return User.objects.create_superuser(username="organiser", password="Test@12345", org=orgs["root"])


def user(name: str, org: Org) -> Any:
    return User.objects.create_user(username=name, password="Test@12345", org=org)


def make_sheet(aggregation: str = "mean", **kw: Any) -> tuple[ScoreSheet, dict[str, Criterion]]:
    """A (工作成效: 创新成效 0–20, 制度建设 0–10 × 2), B 群众满意度 0–30, D 减分项 ≤ 5, V 一票否决.
    Full mark 70."""
    sheet = ScoreSheet.objects.create(
        name=f"联评表-{aggregation}-{ScoreSheet.objects.count()}", aggregation=aggregation, **kw
    )
    a = Criterion.objects.create(sheet=sheet, code="A", name="工作成效", sort=1)
    c = {
        "A": a,
        "A1": Criterion.objects.create(
            sheet=sheet,
            parent=a,
            level=2,
            code="A1",
            name="创新成效",
            max_score=20,
            sort=1,
            guidance="有创新举措且成效明显",
        ),
        "A2": Criterion.objects.create(
            sheet=sheet, parent=a, level=2, code="A2", name="制度建设", max_score=10, weight=2, sort=2
        ),
        "B": Criterion.objects.create(sheet=sheet, code="B", name="群众满意度", max_score=30, sort=2),
        "D": Criterion.objects.create(
            sheet=sheet, code="D", name="材料报送不及时", kind="deduction", max_score=5, sort=3
        ),
        "V": Criterion.objects.create(sheet=sheet, code="V", name="发生重大安全事故", kind="veto", max_score=1, sort=4),
    }
    return sheet, c


def make_round(sheet: ScoreSheet, org: Org, scorers: list[Any], subjects: list[str], **kw: Any) -> ScoringRound:
    rnd = ScoringRound.objects.create(sheet=sheet, title=f"{sheet.name}评审", org=org, **kw)
    for i, (u, w) in enumerate(scorers):
        RoundScorer.objects.create(round=rnd, user=u, role="专家", weight=w, sort=i)
    for i, label in enumerate(subjects):
        RoundSubject.objects.create(round=rnd, object_type="demo.item", object_id=str(i), label=label, sort=i)
    return rnd


def subj(rnd: ScoringRound, label: str) -> RoundSubject:
    return RoundSubject.objects.get(round=rnd, label=label)


def score(rnd: ScoringRound, u: Any, label: str, c: dict[str, Criterion], **values: Any) -> None:
    scoring.enter_scores(round=rnd, actor=u, subject=subj(rnd, label), values={c[k].pk: v for k, v in values.items()})


def full(
    rnd: ScoringRound, u: Any, label: str, c: dict[str, Criterion], a1: Any, a2: Any, b: Any, **extra: Any
) -> None:
    score(rnd, u, label, c, A1=a1, A2=a2, B=b, **extra)


def rows_by_label(rnd: ScoringRound) -> dict[str, scoring.ResultRow]:
    return {r.subject.label: r for r in scoring.results(rnd)}


# --- ranges -----------------------------------------------------------------------------------------
def test_a_value_out_of_range_is_refused_with_a_chinese_message_and_nothing_changes(orgs: Any) -> None:
    sheet, c = make_sheet()
    expert = user("expert", orgs["root"])
    rnd = make_round(sheet, orgs["root"], [(expert, 1)], ["甲项目"])
    score(rnd, expert, "甲项目", c, A1=15)
    audits = AuditEntry.objects.count()

    with pytest.raises(ValidationError) as exc:
        score(rnd, expert, "甲项目", c, A1=25, B=10)
    assert exc.value.message_dict == {str(c["A1"].pk): ["“创新成效”的分值应在 0～20 之间"]}
    assert list(Score.objects.values_list("criterion__code", "value")) == [("A1", D("15.00"))]
    assert AuditEntry.objects.count() == audits

    for values, message in [
        ({"D": 6}, "“材料报送不及时”的扣分应在 0～5 之间"),
        ({"D": -1}, "“材料报送不及时”的扣分应在 0～5 之间"),
        ({"V": 2}, "“发生重大安全事故”是一票否决项，只能填 0（否）或 1（否决）"),
        ({"B": "三十"}, "“群众满意度”的分值应为数字"),
        ({"B": "10.005"}, "“群众满意度”的分值最多保留两位小数"),
        ({"A2": -0.5}, "“制度建设”的分值应在 0～10 之间"),
    ]:
        with pytest.raises(ValidationError) as exc:
            score(rnd, expert, "甲项目", c, **values)
        assert list(exc.value.message_dict.values()) == [[message]]
    assert Score.objects.count() == 1
    assert AuditEntry.objects.count() == audits


def test_only_leaf_criteria_of_the_rounds_sheet_take_scores(orgs: Any) -> None:
    sheet, c = make_sheet()
    _, other = make_sheet()
    expert = user("expert", orgs["root"])
    rnd = make_round(sheet, orgs["root"], [(expert, 1)], ["甲项目"])
    for bad in (c["A"].pk, other["B"].pk, "x"):
        with pytest.raises(ValidationError) as exc:
            scoring.enter_scores(round=rnd, actor=expert, subject=subj(rnd, "甲项目"), values={bad: 1})
        assert "末级指标" in str(exc.value)
    assert not Score.objects.exists()


def test_scores_are_upserted_cleared_and_audited_once_per_save(orgs: Any) -> None:
    sheet, c = make_sheet()
    expert = user("expert", orgs["root"])
    rnd = make_round(sheet, orgs["root"], [(expert, 1)], ["甲项目"])
    subject = subj(rnd, "甲项目")
    scoring.enter_scores(
        round=rnd,
        actor=expert,
        subject=subject,
        values={c["A1"].pk: "18", c["B"].pk: 20},
        comments={c["A1"].pk: "亮点突出"},
    )
    scoring.enter_scores(round=rnd, actor=expert, subject=subject, values={c["A1"].pk: D("17.5"), c["B"].pk: ""})
    assert list(Score.objects.values_list("criterion__code", "value", "comment")) == [("A1", D("17.50"), "亮点突出")]
    entries = AuditEntry.objects.filter(object_type="kit.roundsubject", object_id=str(subject.pk)).order_by("id")
    assert [e.changes for e in entries] == [
        {"A1": [None, "18.00"], "B": [None, "20.00"]},
        {"A1": ["18.00", "17.50"], "B": ["20.00", None]},
    ]
    assert [e.action for e in entries] == ["create", "update"]


# --- totals, deductions, vetoes ------------------------------------------------------------------------
def test_a_deduction_lowers_the_total_weights_multiply_and_the_total_never_goes_below_zero(orgs: Any) -> None:
    sheet, c = make_sheet()
    assert scoring.full_mark(sheet) == D("70.00")
    expert = user("expert", orgs["root"])
    rnd = make_round(sheet, orgs["root"], [(expert, 1)], ["甲项目", "乙项目"])
    full(rnd, expert, "甲项目", c, 10, 5, 20, D=3)  # 10 + 5×2 + 20 − 3
    full(rnd, expert, "乙项目", c, 1, 0, 2, D=5)  # 3 − 5 → 0
    rows = rows_by_label(rnd)
    assert rows["甲项目"].totals[0].total == D("37.00")
    assert rows["甲项目"].final == D("37.00")
    assert rows["乙项目"].final == D("0.00")
    assert [r.rank for r in scoring.results(rnd)] == [1, 2]


def test_a_veto_makes_the_final_zero_and_ranks_the_subject_after_all_others(orgs: Any) -> None:
    sheet, c = make_sheet()
    e1, e2 = user("e1", orgs["root"]), user("e2", orgs["root"])
    rnd = make_round(sheet, orgs["root"], [(e1, 1), (e2, 1)], ["甲项目", "乙项目", "丙项目"])
    for e in (e1, e2):
        full(rnd, e, "甲项目", c, 20, 10, 30)
        full(rnd, e, "乙项目", c, 5, 1, 5)
        full(rnd, e, "丙项目", c, 1, 1, 1)
    score(rnd, e2, "甲项目", c, V=1)  # one vote is enough
    ordered = scoring.results(rnd)
    assert [(r.subject.label, r.final, r.rank, r.vetoed) for r in ordered] == [
        ("乙项目", D("12.00"), 1, False),
        ("丙项目", D("4.00"), 2, False),
        ("甲项目", D("0.00"), 3, True),
    ]
    assert ordered[-1].veto_items == ["发生重大安全事故"]


def test_only_scorers_who_completed_every_scoring_item_count(orgs: Any) -> None:
    sheet, c = make_sheet()
    e1, e2 = user("e1", orgs["root"]), user("e2", orgs["root"])
    rnd = make_round(sheet, orgs["root"], [(e1, 1), (e2, 1)], ["甲项目", "乙项目"])
    full(rnd, e1, "甲项目", c, 20, 10, 30)
    score(rnd, e2, "甲项目", c, A1=0, A2=0)  # B missing: not counted
    row = rows_by_label(rnd)["甲项目"]
    assert (row.final, row.counted) == (D("70.00"), 1)
    assert [t.total for t in row.totals] == [D("70.00"), None]
    unscored = rows_by_label(rnd)["乙项目"]
    assert (unscored.final, unscored.rank) == (None, None)
    progress = {p.scorer.user.username: (p.done, p.total) for p in scoring.completion(rnd)}
    assert progress == {"e1": (1, 2), "e2": (0, 2)}


# --- aggregation ----------------------------------------------------------------------------------------
def single_item_round(
    orgs: Any, aggregation: str, totals: list[Any], weights: list[Any] | None = None, **kw: Any
) -> ScoringRound:
    sheet = ScoreSheet.objects.create(
        name=f"单项-{aggregation}-{len(totals)}-{ScoreSheet.objects.count()}", aggregation=aggregation, **kw
    )
    item = Criterion.objects.create(sheet=sheet, code="S", name="综合得分", max_score=100)
    weights = weights or [1] * len(totals)
    experts = [(user(f"x{sheet.pk}-{i}", orgs["root"]), D(str(w))) for i, w in enumerate(weights)]
    rnd = make_round(sheet, orgs["root"], experts, ["作品"])
    for (u, _), t in zip(experts, totals, strict=True):
        scoring.enter_scores(round=rnd, actor=u, subject=subj(rnd, "作品"), values={item.pk: t})
    return rnd


@pytest.mark.parametrize(
    ("aggregation", "totals", "weights", "extra", "expected"),
    [
        ("mean", [60, 70, 80, 95], None, {}, "76.25"),
        ("weighted_mean", [60, 70, 80, 95], [1, 1, 2, 1], {}, "77.00"),  # 385 / 5
        ("weighted_mean", [60, 70], [0, 0], {}, "65.00"),  # all weights 0: the plain mean
        ("drop_high_low", [60, 70, 80, 95], None, {}, "75.00"),  # (70 + 80) / 2
        ("drop_high_low", [60, 90], None, {}, "75.00"),  # fewer than 3: nothing dropped
        ("trimmed_mean", [60, 70, 80, 95, 100], None, {"trim_ratio": D("0.2")}, "81.67"),  # (70+80+95)/3
        ("trimmed_mean", [60, 70, 80, 95, 100], None, {"trim_ratio": D("0.1")}, "81.00"),  # ⌊0.5⌋ = 0 dropped
        ("trimmed_mean", [10, 90], None, {"trim_ratio": D("0.49")}, "50.00"),  # ⌊2 × 0.49⌋ = 0 dropped
        ("mean", ["80.00", "80.01"], None, {}, "80.01"),  # 80.005 rounds half up
    ],
)
def test_the_aggregation_rules_on_known_numbers(
    orgs: Any, aggregation: str, totals: list[Any], weights: list[Any] | None, extra: dict[str, Any], expected: str
) -> None:
    rnd = single_item_round(orgs, aggregation, totals, weights, **extra)
    assert scoring.results(rnd)[0].final == D(expected)


# --- ranking ---------------------------------------------------------------------------------------------
def test_equal_finals_share_a_rank_and_the_declared_tie_break_separates_them(orgs: Any) -> None:
    sheet, c = make_sheet()
    e1 = user("e1", orgs["root"])
    rnd = make_round(sheet, orgs["root"], [(e1, 1)], ["甲", "乙", "丙", "丁"])
    full(rnd, e1, "甲", c, 20, 15 / 2, 25)  # A = 35, B = 25 → 60
    full(rnd, e1, "乙", c, 20, 5, 30)  # A = 30, B = 30 → 60
    full(rnd, e1, "丙", c, 10, 10, 30)  # A = 30, B = 30 → 60
    full(rnd, e1, "丁", c, 10, 5, 30)  # 50
    no_tie_break = [(r.subject.label, r.rank) for r in scoring.results(rnd)]
    assert [rank for _, rank in no_tie_break] == [1, 1, 1, 4]
    assert no_tie_break[-1][0] == "丁"

    sheet.tie_break, sheet.tie_break_note = ["B"], "总分相同时，群众满意度得分高者在前"
    sheet.full_clean()
    sheet.save()
    rnd.refresh_from_db()
    ranked = scoring.results(rnd)
    assert ranked[0].rank == 1
    assert {r.subject.label: r.rank for r in ranked} == {"乙": 1, "丙": 1, "甲": 3, "丁": 4}
    assert ranked[0].tie_values == [D("30.00")]

    sheet.tie_break = ["B", "A1"]
    sheet.save()
    assert {r.subject.label: r.rank for r in scoring.results(rnd)} == {"乙": 1, "丙": 2, "甲": 3, "丁": 4}


def test_a_tie_break_must_name_criteria_of_the_sheet_and_be_explained(orgs: Any) -> None:
    sheet, _ = make_sheet()
    sheet.tie_break = ["Z"]
    with pytest.raises(ValidationError) as exc:
        sheet.full_clean()
    assert "本评分表没有这些指标：Z" in str(exc.value)
    sheet.tie_break = ["B"]
    with pytest.raises(ValidationError) as exc:
        sheet.full_clean()
    assert "tie_break_note" in exc.value.message_dict


# --- hidden until closed, lock, re-open -------------------------------------------------------------
def test_scores_stay_hidden_from_other_scorers_and_organisers_until_the_round_is_closed(
    orgs: Any, organiser: Any
) -> None:
    sheet, c = make_sheet()
    e1, e2 = user("e1", orgs["town_a"]), user("e2", orgs["town_b"])
    viewer = user("viewer", orgs["root"])
    role = Role.objects.create(name="评审查看", code="scoring-viewer", data_scope="subtree")
    role.permissions.set(Permission.objects.filter(content_type__app_label="kit", codename="view_scoringround"))
    viewer.roles.set([role])
    rnd = make_round(sheet, orgs["root"], [(e1, 1), (e2, 1)], ["甲项目"])
    full(rnd, e1, "甲项目", c, 11, 1, 11)
    full(rnd, e2, "甲项目", c, 12, 2, 12)

    assert {s.scorer.user for s in scoring.scores_visible_to(rnd, e1)} == {e1}
    assert {s.scorer.user for s in scoring.scores_visible_to(rnd, e2)} == {e2}
    assert not scoring.scores_visible_to(rnd, organiser).exists()
    assert not scoring.scores_visible_to(rnd, viewer).exists()
    assert [(p.done, p.total) for p in scoring.completion(rnd)] == [(1, 1), (1, 1)]

    scoring.close_round(round=rnd, actor=organiser)
    rnd.refresh_from_db()
    for u in (e1, e2, organiser, viewer):
        assert scoring.scores_visible_to(rnd, u).count() == 6
    outsider = user("outsider", orgs["town_b"])
    assert not scoring.scores_visible_to(rnd, outsider).exists()


def test_a_closed_round_is_locked_and_only_a_logged_reopen_lets_scores_change(orgs: Any, organiser: Any) -> None:
    sheet, c = make_sheet()
    expert = user("expert", orgs["root"])
    rnd = make_round(sheet, orgs["root"], [(expert, 1)], ["甲项目"])
    with pytest.raises(ValidationError, match="尚无任何评分"):
        scoring.close_round(round=rnd, actor=organiser)
    full(rnd, expert, "甲项目", c, 10, 5, 20)
    with pytest.raises(PermissionDenied):
        scoring.close_round(round=rnd, actor=expert)  # a scorer is not the organiser
    rnd = scoring.close_round(round=rnd, actor=organiser, comment="评委已签字")
    assert rnd.status == "closed"

    with pytest.raises(ValidationError) as exc:
        score(rnd, expert, "甲项目", c, A1=12)
    assert exc.value.messages == ["评审已签字确认，成绩已锁定；如需更正请由组织者重新开启"]
    assert Score.objects.get(criterion=c["A1"]).value == D("10.00")
    with pytest.raises(ValidationError):  # nor can the subjects or scorers change
        RoundSubject(round=rnd, object_type="demo.item", object_id="99", label="补报项目").full_clean()

    with pytest.raises(ValidationError) as exc:
        scoring.reopen_round(round=rnd, actor=organiser, reason="  ")
    assert "comment" in exc.value.message_dict
    rnd = scoring.reopen_round(round=rnd, actor=organiser, reason="2号评委创新成效录入有误")
    assert rnd.status == "open"
    entry = AuditEntry.objects.filter(
        action="transition", object_type="kit.scoringround", object_id=str(rnd.pk)
    ).latest("id")
    assert entry.message == "重新开启：2号评委创新成效录入有误"
    assert entry.changes == {"status": ["closed", "open"]}
    assert entry.actor == organiser

    score(rnd, expert, "甲项目", c, A1=12)
    assert Score.objects.get(criterion=c["A1"]).value == D("12.00")


def test_a_criterion_of_a_sheet_used_by_a_signed_off_round_cannot_change(orgs: Any, organiser: Any) -> None:
    sheet, c = make_sheet()
    expert = user("expert", orgs["root"])
    rnd = make_round(sheet, orgs["root"], [(expert, 1)], ["甲项目"])
    full(rnd, expert, "甲项目", c, 10, 5, 20)
    scoring.close_round(round=rnd, actor=organiser)
    item = c["B"]
    item.max_score = 40
    with pytest.raises(ValidationError, match="不能再修改指标"):
        item.full_clean()


# --- who may score -----------------------------------------------------------------------------------
def test_a_scorer_may_not_score_his_own_org_or_one_below_it(orgs: Any) -> None:
    sheet, c = make_sheet()
    street = user("street", orgs["town_a"])
    rnd = make_round(sheet, orgs["root"], [(street, 1)], [], conflict_rule="same_org")
    own = RoundSubject.objects.create(
        round=rnd, object_type="demo.item", object_id="1", label="本街道", org=orgs["town_a"]
    )
    below = RoundSubject.objects.create(
        round=rnd, object_type="demo.item", object_id="2", label="辖区企业", org=orgs["unit_a"]
    )
    other = RoundSubject.objects.create(
        round=rnd, object_type="demo.item", object_id="3", label="外街道企业", org=orgs["unit_b"]
    )
    for subject in (own, below):
        with pytest.raises(ValidationError) as exc:
            scoring.enter_scores(round=rnd, actor=street, subject=subject, values={c["A1"].pk: 10})
        assert exc.value.messages == ["不能为本单位（或下级单位）的参评对象评分"]
    scoring.enter_scores(round=rnd, actor=street, subject=other, values={c["A1"].pk: 10})
    assert [(s.subject.label) for s in Score.objects.all()] == ["外街道企业"]
    assert [(p.done, p.total) for p in scoring.completion(rnd)] == [(0, 1)]  # conflicts are not owed

    rnd.conflict_rule = "own_org"  # a district panel: only the scorer's own org is excluded
    rnd.save()
    scoring.enter_scores(round=rnd, actor=street, subject=below, values={c["A1"].pk: 9})
    with pytest.raises(ValidationError):
        scoring.enter_scores(round=rnd, actor=street, subject=own, values={c["A1"].pk: 9})


def test_modules_can_register_their_own_conflict_rules(orgs: Any) -> None:
    @scoring.register_conflict_rule("same_label_initial", "回避同姓", message="不能为同姓的参评对象评分")
    def _same_initial(u: Any, subject: RoundSubject) -> bool:
        return subject.label.startswith("张")

    try:
        assert ("same_label_initial", "回避同姓") in scoring.conflict_rule_choices()
        sheet, c = make_sheet()
        expert = user("expert", orgs["root"])
        rnd = make_round(sheet, orgs["root"], [(expert, 1)], ["张三的微党课"], conflict_rule="same_label_initial")
        rnd.full_clean()
        with pytest.raises(ValidationError, match="不能为同姓的参评对象评分"):
            score(rnd, expert, "张三的微党课", c, A1=1)
        rnd.conflict_rule = "no_such_rule"
        with pytest.raises(ValidationError, match="未知的回避规则"):
            rnd.full_clean()
    finally:
        scoring.CONFLICT_RULES.pop("same_label_initial")


def test_a_user_who_is_not_a_scorer_of_the_round_cannot_score(orgs: Any, organiser: Any) -> None:
    sheet, c = make_sheet()
    expert, stranger = user("expert", orgs["root"]), user("stranger", orgs["root"])
    rnd = make_round(sheet, orgs["root"], [(expert, 1)], ["甲项目"])
    for u in (stranger, organiser):  # not even a superuser
        with pytest.raises(PermissionDenied, match="不是本轮评审的评分人"):
            score(rnd, u, "甲项目", c, A1=10)
    other = make_round(sheet, orgs["root"], [(expert, 1)], ["别的项目"])
    with pytest.raises(ValidationError, match="不属于本轮评审"):
        scoring.enter_scores(round=rnd, actor=expert, subject=subj(other, "别的项目"), values={c["A1"].pk: 1})
    assert not Score.objects.exists()


# --- property: the final lies between the lowest and the highest scorer total ----------------------
money = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=300)
@given(
    st.lists(st.tuples(money, st.decimals(min_value=0, max_value=5, places=1)), min_size=1, max_size=12),
    st.sampled_from([a.value for a in ScoreSheet.Aggregation]),
    st.decimals(min_value=0, max_value=D("0.49"), places=2),
)
def test_for_random_scores_the_final_lies_between_the_lowest_and_highest_total(
    pairs: list[tuple[Decimal, Decimal]], rule: str, ratio: Decimal
) -> None:
    final = scoring.aggregate(pairs, rule, ratio)
    totals = [t for t, _ in pairs]
    assert final is not None
    assert min(totals) <= final <= max(totals)
    assert final == final.quantize(D("0.01"))


@settings(max_examples=200)
@given(
    st.lists(st.tuples(money, money, money, st.decimals(min_value=0, max_value=5, places=2)), min_size=1, max_size=6)
)
def test_for_random_item_scores_each_total_is_clamped_and_the_mean_stays_within_the_totals(
    sheets: list[tuple[Decimal, Decimal, Decimal, Decimal]],
) -> None:
    items = [
        Criterion(pk=1, code="X", name="X", kind="score", max_score=100, weight=D("0.5")),
        Criterion(pk=2, code="Y", name="Y", kind="score", max_score=100, weight=D("1.25")),
        Criterion(pk=3, code="Z", name="Z", kind="score", max_score=100, weight=D("1")),
        Criterion(pk=4, code="D", name="D", kind="deduction", max_score=5),
    ]
    totals = [scoring.scorer_total(items, {1: x, 2: y, 3: z, 4: d}) for x, y, z, d in sheets]
    assert all(t >= 0 for t in totals)
    for rule in ("mean", "drop_high_low", "trimmed_mean", "weighted_mean"):
        final = scoring.aggregate([(t, D("1")) for t in totals], rule, D("0.25"))
        assert final is not None and min(totals) <= final <= max(totals)


# --- pages -------------------------------------------------------------------------------------------
def page(name: str, *args: Any) -> str:
    return reverse(f"demo:{name}", args=args)


@pytest.fixture
def site(orgs: Any, organiser: Any, client: Any, settings: Any) -> dict[str, Any]:
    settings.ROOT_URLCONF = URLCONF
    sheet, c = make_sheet(tie_break=["B"], tie_break_note="总分相同时，群众满意度得分高者在前")
    e1, e2 = user("e1", orgs["root"]), user("e2", orgs["root"])
    rnd = make_round(sheet, orgs["root"], [(e1, 1), (e2, 1)], ["甲项目", "乙项目"])
    return {"sheet": sheet, "c": c, "e1": e1, "e2": e2, "round": rnd, "organiser": organiser, "client": client}


def test_the_entry_page_shows_the_criteria_tree_with_ranges_and_guidance(site: dict[str, Any]) -> None:
    client, rnd, c = site["client"], site["round"], site["c"]
    client.force_login(site["e1"])
    home = client.get(page("scoring_home"))
    assert home.status_code == 200 and rnd.title in home.content.decode()
    response = client.get(page("scoring_round", rnd.pk))
    assert response.status_code == 200
    response = client.get(page("scoring_entry", rnd.pk, subj(rnd, "甲项目").pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert "有创新举措且成效明显" in html
    assert f'name="c{c["A1"].pk}"' in html and 'max="20.00"' in html
    assert "满分 70.00" in html
    assert f'name="c{c["A"].pk}"' not in html  # a parent takes no score


def test_saving_out_of_range_shows_the_error_at_the_field_and_saves_nothing(site: dict[str, Any]) -> None:
    client, rnd, c = site["client"], site["round"], site["c"]
    client.force_login(site["e1"])
    url = page("scoring_entry", rnd.pk, subj(rnd, "甲项目").pk)
    response = client.post(url, {f"c{c['A1'].pk}": "25", f"c{c['B'].pk}": "10"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "“创新成效”的分值应在 0～20 之间" in html
    assert f'id="err_c{c["A1"].pk}"' in html
    assert not Score.objects.exists()

    response = client.post(
        url, {f"c{c['A1'].pk}": "18", f"c{c['A2'].pk}": "5", f"c{c['B'].pk}": "25", f"c{c['V'].pk}": "0"}
    )
    assert response.status_code == 302
    assert Score.objects.filter(scorer__user=site["e1"]).count() == 4
    total = client.post(
        page("scoring_total", rnd.pk, subj(rnd, "甲项目").pk),
        {f"c{c['A1'].pk}": "18", f"c{c['A2'].pk}": "5", f"c{c['D'].pk}": "2"},
    )
    assert "26.00" in total.content.decode()  # 18 + 5×2 − 2


def test_the_pages_refuse_non_scorers_and_hide_results_until_closed(site: dict[str, Any], orgs: Any) -> None:
    client, rnd, c = site["client"], site["round"], site["c"]
    full(rnd, site["e1"], "甲项目", c, 11, 1, 10)  # 23
    full(rnd, site["e2"], "甲项目", c, 17, 7, 20)  # 51: unique figures to look for

    stranger = user("stranger", orgs["unit_b"])
    client.force_login(stranger)
    assert client.get(page("scoring_round", rnd.pk)).status_code == 404
    assert client.get(page("scoring_results", rnd.pk)).status_code == 404

    client.force_login(site["e1"])
    assert client.post(page("scoring_close", rnd.pk)).status_code == 403
    results = client.get(page("scoring_results", rnd.pk)).content.decode()
    assert "结果暂不公开" in results and "51.00" not in results

    client.force_login(site["organiser"])
    preview = client.get(page("scoring_results", rnd.pk)).content.decode()
    assert "预览" in preview and "37.00" in preview  # the final (23 + 51) / 2 …
    assert "51.00" not in preview  # … but no scorer's own total
    assert "同分排序：总分相同时，群众满意度得分高者在前" in preview
    assert client.get(page("scoring_entry", rnd.pk, subj(rnd, "甲项目").pk)).status_code == 403

    assert client.post(page("scoring_close", rnd.pk)).status_code == 302
    client.force_login(site["e1"])
    final = client.get(page("scoring_results", rnd.pk)).content.decode()
    assert "51.00" in final and "23.00" in final and "37.00" in final
    response = client.post(page("scoring_entry", rnd.pk, subj(rnd, "甲项目").pk), {f"c{c['A1'].pk}": "12"})
    assert "成绩已锁定" in response.content.decode()
    assert Score.objects.get(scorer__user=site["e1"], criterion=c["A1"]).value == D("11.00")


def test_reopening_from_the_page_asks_for_a_reason(site: dict[str, Any]) -> None:
    client, rnd, c = site["client"], site["round"], site["c"]
    full(rnd, site["e1"], "甲项目", c, 11, 1, 11)
    scoring.close_round(round=rnd, actor=site["organiser"])
    client.force_login(site["organiser"])
    assert "重新开启原因" in client.get(page("scoring_reopen", rnd.pk)).content.decode()
    response = client.post(page("scoring_reopen", rnd.pk), {"reason": ""})
    assert "请填写重新开启的原因" in response.content.decode()
    rnd.refresh_from_db()
    assert rnd.status == "closed"
    assert client.post(page("scoring_reopen", rnd.pk), {"reason": "补录遗漏的评委意见"}).status_code == 302
    rnd.refresh_from_db()
    assert rnd.status == "open"
    assert AuditEntry.objects.filter(action="transition", message="重新开启：补录遗漏的评委意见").exists()


# --- the generic page tests of the maintenance pages (kit.testing) ------------------------------------
class _ScoringPages:
    """Mixed into each page test: adds the view permissions the forms' choices need (the fixture
    grants the model's own only), and sample sheets and rounds."""

    extra_perms: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()  # type: ignore[misc]
        if cls.extra_perms:
            role = Role.objects.get(code="t-owner")
            role.permissions.add(
                *Permission.objects.filter(content_type__app_label="kit", codename__in=cls.extra_perms)
            )

    def sheet(self) -> ScoreSheet:
        return ScoreSheet.objects.get_or_create(name="测试评分表")[0]

    def round_for(self, org: Org) -> ScoringRound:
        return ScoringRound.objects.get_or_create(
            title=f"评审{org.code}", defaults={"sheet": self.sheet(), "org": org}
        )[0]


@override_settings(ROOT_URLCONF=URLCONF)
class ScoreSheetPageTests(_ScoringPages, testing.ModelTestCase):
    entity = entities.ScoreSheetEntity
    scoped = False

    def make(self, org: Org, n: int = 0) -> ScoreSheet:
        return ScoreSheet.objects.create(name=f"评分表{org.code}-{n}")

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"name": "微党课评分表", "aggregation": "drop_high_low", "trim_ratio": "0.10"}

    def edit_data(self, obj: ScoreSheet) -> dict[str, Any]:
        return {"name": obj.name + "（改）", "aggregation": obj.aggregation, "trim_ratio": "0.10"}

    def changed(self, obj: ScoreSheet) -> bool:
        return obj.name.endswith("（改）")


@override_settings(ROOT_URLCONF=URLCONF)
class CriterionPageTests(_ScoringPages, testing.ModelTestCase):
    entity = entities.CriterionEntity
    scoped = False
    extra_perms = ("view_scoresheet", "view_criterion")

    def make(self, org: Org, n: int = 0) -> Criterion:
        return Criterion.objects.create(
            sheet=self.sheet(), code=f"{org.code}{n}", name=f"指标{org.code}{n}", max_score=10
        )

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "sheet": self.sheet().pk,
            "code": "NEW",
            "name": "新指标",
            "kind": "score",
            "min_score": "0",
            "max_score": "10",
            "weight": "1",
            "sort": "0",
        }

    def edit_data(self, obj: Criterion) -> dict[str, Any]:
        return {
            "sheet": obj.sheet_id,
            "code": obj.code,
            "name": obj.name + "（改）",
            "kind": "score",
            "min_score": "0",
            "max_score": "15",
            "weight": "1",
            "sort": "0",
        }

    def changed(self, obj: Criterion) -> bool:
        return obj.name.endswith("（改）") and obj.max_score == 15


@override_settings(ROOT_URLCONF=URLCONF)
class ScoringRoundPageTests(_ScoringPages, testing.ModelTestCase):
    entity = entities.ScoringRoundEntity
    extra_perms = ("view_scoresheet",)

    def make(self, org: Org, n: int = 0) -> ScoringRound:
        return ScoringRound.objects.create(sheet=self.sheet(), title=f"评审{org.code}-{n}", org=org)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"title": "年度工作联评", "sheet": self.sheet().pk, "org": org.pk, "conflict_rule": "same_org"}

    def edit_data(self, obj: ScoringRound) -> dict[str, Any]:
        return {"title": obj.title + "（改）", "sheet": obj.sheet_id, "org": obj.org_id, "conflict_rule": "none"}

    def changed(self, obj: ScoringRound) -> bool:
        return obj.title.endswith("（改）")


@override_settings(ROOT_URLCONF=URLCONF)
class RoundSubjectPageTests(_ScoringPages, testing.ModelTestCase):
    entity = entities.RoundSubjectEntity
    extra_perms = ("view_scoringround",)

    def make(self, org: Org, n: int = 0) -> RoundSubject:
        return RoundSubject.objects.create(
            round=self.round_for(org), object_type="demo.item", object_id=f"{org.code}{n}", label=f"对象{org.code}{n}"
        )

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "round": self.round_for(org).pk,
            "label": "新参评项目",
            "object_type": "demo.item",
            "object_id": "N1",
            "sort": "0",
        }

    def edit_data(self, obj: RoundSubject) -> dict[str, Any]:
        return {
            "round": obj.round_id,
            "label": obj.label + "（改）",
            "object_type": obj.object_type,
            "object_id": obj.object_id,
            "sort": "1",
        }

    def changed(self, obj: RoundSubject) -> bool:
        return obj.label.endswith("（改）")


@override_settings(ROOT_URLCONF=URLCONF)
class RoundScorerPageTests(_ScoringPages, testing.ModelTestCase):
    entity = entities.RoundScorerEntity
    extra_perms = ("view_scoringround",)

    def expert(self, org: Org, n: Any) -> Any:
        return User.objects.get_or_create(username=f"expert-{org.code}-{n}", defaults={"org": org})[0]

    def make(self, org: Org, n: int = 0) -> RoundScorer:
        return RoundScorer.objects.create(round=self.round_for(org), user=self.expert(org, n), role="专家")

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "round": self.round_for(org).pk,
            "user": self.expert(org, "new").pk,
            "role": "评委",
            "weight": "1",
            "sort": "0",
        }

    def edit_data(self, obj: RoundScorer) -> dict[str, Any]:
        return {"round": obj.round_id, "user": obj.user_id, "role": "区总工会", "weight": "2", "sort": "0"}

    def changed(self, obj: RoundScorer) -> bool:
        return obj.role == "区总工会" and obj.weight == 2


@override_settings(ROOT_URLCONF=URLCONF)
class ScorePageTests(_ScoringPages, testing.ModelTestCase):
    """Read-only list and detail; the rows of a signed-off round."""

    entity = entities.ScoreEntity

    def make(self, org: Org, n: int = 0) -> Score:
        rnd = self.round_for(org)
        item = Criterion.objects.get_or_create(sheet=rnd.sheet, code="S", defaults={"name": "综合", "max_score": 100})[
            0
        ]
        scorer = RoundScorer.objects.get_or_create(
            round=rnd, user=User.objects.get_or_create(username=f"judge-{org.code}", defaults={"org": org})[0]
        )[0]
        subject = RoundSubject.objects.create(
            round=rnd, object_type="demo.item", object_id=str(n), label=f"作品{org.code}{n}"
        )
        made = Score.objects.create(round=rnd, scorer=scorer, subject=subject, criterion=item, value=80 + n)
        ScoringRound.objects.filter(pk=rnd.pk).update(status="closed")
        return made

    def test_scores_of_an_open_round_are_listed_to_their_scorer_only(self) -> None:
        made = self.make(self.home)
        ScoringRound.objects.filter(pk=made.round_id).update(status="open")
        self.login(self.owner)
        self.assertEqual(self.client.get(self.url("detail", made)).status_code, 404)
        self.assertNotContains(self.client.get(self.url("list")), self.url("detail", made))
