"""集体协商 under its rules: an offer through to a published contract; the reply date, the overdue
list, the negotiating teams, the recorder, the 职代会 vote at its thresholds (exactly two thirds
present; exactly half voting yes), the review period and an objection; the contract's term at
its edges; the 质效评估 stars (三星 only after an earlier 二星 and with wage talks that year) from a
signed-off round; the figures for a date."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from core.models import Org, User
from core.tests import factories as f
from kit import services as kit_services
from kit.dates import today
from kit.figures import period_from
from kit.testing.scoring import closed_round
from kit.workflow import transition
from rights import entities, selectors, services
from rights.models import CollectiveContract, Negotiation, NegotiationMeeting, Negotiator, StarRating
from rights.tests import factories as rf

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(db: Any) -> User:
    return User.objects.create_superuser(username="root", password="Test@12345")


@pytest.fixture
def org(db: Any) -> Org:
    return Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="R0"))


def save(obj: Any, admin: User, **changes: Any) -> Any:
    for name, value in changes.items():
        setattr(obj, name, value)
    return kit_services.save_object(obj, actor=admin, action="change")


def fresh(obj: Any) -> Any:
    return type(obj).objects.get(pk=obj.pk)


# --- the workflow ---------------------------------------------------------------------------------
def test_an_offer_runs_through_to_a_published_contract(admin: User, org: Org) -> None:
    n = rf.negotiation(org, offer_on=date(2023, 3, 1), received_on=date(2023, 3, 2))
    with pytest.raises(ValidationError, match="请先填写应约日期"):
        transition(n, "answer", actor=admin)
    save(n, admin, reply_on=date(2023, 3, 15))
    n = transition(n, "answer", actor=admin)
    n = transition(n, "start", actor=admin)
    with pytest.raises(ValidationError, match="职工方代表应为 3～10 人"):
        transition(n, "sign", actor=admin)
    rf.team_of(n)
    with pytest.raises(ValidationError, match="协商会议"):
        transition(n, "sign", actor=admin)
    NegotiationMeeting.objects.create(negotiation=n, held_on=date(2023, 3, 20), recorder="记录员", minutes="议定")
    with pytest.raises(ValidationError, match="签署草案的日期"):
        transition(n, "sign", actor=admin)
    save(fresh(n), admin, signed_on=date(2023, 3, 25))
    n = transition(n, "sign", actor=admin)
    save(fresh(n), admin, delegates_total=45, delegates_present=40, votes_for=38)
    n = transition(n, "approve", actor=admin)
    assert n.submit_due == date(2023, 4, 4)
    with pytest.raises(ValidationError, match="报送人社的日期"):
        transition(n, "submit", actor=admin)
    save(fresh(n), admin, submitted_on=date(2023, 4, 3), labour_received_on=date(2023, 4, 4))
    n = transition(n, "submit", actor=admin)
    assert n.effective_on == date(2023, 4, 19)
    n = transition(n, "effect", actor=admin)
    n = transition(n, "publish", actor=admin)
    assert n.status == Negotiation.Status.PUBLISHED and n.published_on == today()
    contract = services.contract_save(
        actor=admin,
        contract=CollectiveContract(
            kind="wage",
            negotiation=n,
            enterprise=n.enterprise,
            starts_on=date(2023, 4, 19),
            ends_on=date(2024, 4, 18),
            org=org,
        ),
        action="add",
    )
    assert contract.negotiation == n


def test_a_reply_before_the_offer_was_received_is_refused(org: Org) -> None:
    with pytest.raises(ValidationError) as err:
        rf.negotiation(org, offer_on=date(2023, 3, 1), received_on=date(2023, 3, 2), reply_on=date(2023, 2, 28))
    assert "应约日期不能早于收到要约书的日期" in str(err.value.message_dict["reply_on"])


def test_an_offer_unanswered_twenty_days_after_receipt_is_overdue_the_next_day(org: Org) -> None:
    n = rf.negotiation(org, offer_on=date(2023, 3, 1), received_on=date(2023, 3, 1))
    assert n.reply_due == date(2023, 3, 21)
    assert selectors.overdue_replies(on=date(2023, 3, 21)) == []
    assert selectors.overdue_replies(on=date(2023, 3, 22)) == [n]
    late = rf.negotiation(org, offer_on=date(2023, 3, 1), received_on=date(2023, 3, 1), reply_on=date(2023, 3, 30))
    assert late in selectors.overdue_replies(on=date(2023, 3, 29))  # as things stood that day
    assert late not in selectors.overdue_replies(on=date(2023, 4, 6))
    figures = selectors.offers(period=period_from(None, "2023"), org=org)
    assert figures == {"issued": 2, "answered": 1, "refused": 0, "overdue": 1}
    refused = rf.negotiation(org, offer_on=date(2023, 3, 1), received_on=date(2023, 3, 1), status="refused")
    assert refused not in selectors.overdue_replies(on=date(2023, 4, 6))


def _signed(admin: User, org: Org, **vote: int) -> Negotiation:
    n = rf.negotiation(org, reply_on=date(2023, 3, 5), status="negotiating")
    rf.team_of(n)
    NegotiationMeeting.objects.create(negotiation=n, held_on=date(2023, 3, 10), recorder="记录员", minutes="议定")
    save(n, admin, signed_on=date(2023, 3, 20), **vote)
    return transition(n, "sign", actor=admin)


@pytest.mark.parametrize(
    ("present", "yes", "passes", "words"),
    [
        (29, 29, False, "不足代表总数 45 人的三分之二"),  # 29 × 3 = 87 < 90
        (30, 22, False, "未超过代表总数 45 人的半数"),  # exactly two thirds present; 22 × 2 = 44 ≤ 45
        (30, 23, True, ""),  # 23 of all 45 is more than half
    ],
)
def test_the_vote_passes_only_with_two_thirds_present_and_more_than_half_of_all_for(
    admin: User, org: Org, present: int, yes: int, passes: bool, words: str
) -> None:
    n = _signed(admin, org, delegates_total=45, delegates_present=present, votes_for=yes)
    assert n.vote_passes() is passes
    if passes:
        assert transition(n, "approve", actor=admin).status == Negotiation.Status.APPROVED
    else:
        with pytest.raises(ValidationError, match=words):
            transition(n, "approve", actor=admin)
        assert fresh(n).status == Negotiation.Status.SIGNED
        back = transition(n, "reject", actor=admin, comment="到会不足，继续协商")
        assert back.status == Negotiation.Status.NEGOTIATING


def test_an_even_number_of_delegates_needs_more_than_half_not_half(admin: User, org: Org) -> None:
    n = _signed(admin, org, delegates_total=40, delegates_present=40, votes_for=20)
    assert not n.vote_passes()
    n = save(fresh(n), admin, votes_for=21)
    assert n.vote_passes()


@pytest.mark.parametrize(
    ("workers", "employer", "chiefs", "words"),
    [
        (2, 2, (1, 1), "职工方代表应为 3～10 人，现有 2 人"),
        (11, 11, (1, 1), "职工方代表应为 3～10 人，现有 11 人"),
        (3, 4, (1, 1), "双方代表人数应相等"),
        (3, 3, (2, 1), "职工方应有且只有一名首席代表，现有 2 名"),
        (3, 3, (1, 0), "企业方应有且只有一名首席代表，现有 0 名"),
    ],
)
def test_the_teams_are_three_to_ten_a_side_equal_with_one_chief_each(
    org: Org, workers: int, employer: int, chiefs: tuple[int, int], words: str
) -> None:
    n = rf.negotiation(org)
    for side, size, chief_count in (("workers", workers, chiefs[0]), ("employer", employer, chiefs[1])):
        for i in range(size):
            Negotiator.objects.create(negotiation=n, side=side, name=f"{side}{i}", chief=i < chief_count)
    problem = Negotiator.team_problem(n)
    assert problem is not None and words in problem


def test_the_recorder_is_not_one_of_the_negotiators(org: Org) -> None:
    n = rf.negotiation(org)
    rf.team_of(n)
    meeting = NegotiationMeeting(negotiation=n, held_on=date(2023, 3, 10), recorder="workers0", minutes="议定")
    with pytest.raises(ValidationError, match="记录员应由非协商代表担任"):
        meeting.full_clean()


def test_the_contract_takes_effect_fifteen_days_after_receipt_unless_objected(admin: User, org: Org) -> None:
    n = _signed(admin, org, delegates_total=10, delegates_present=10, votes_for=10)
    n = transition(n, "approve", actor=admin)
    received = today() - timedelta(days=14)
    save(fresh(n), admin, submitted_on=received, labour_received_on=received)
    n = transition(n, "submit", actor=admin)
    with pytest.raises(ValidationError, match="日内未提出异议方可生效"):
        transition(n, "effect", actor=admin)
    n = transition(n, "object", actor=admin, comment="工资支付条款与法律不符")
    assert n.status == Negotiation.Status.OBJECTED and n.effective_on is None
    with pytest.raises(ValidationError, match="修改并重新报送"):
        transition(n, "submit", actor=admin)
    Negotiation.objects.filter(pk=n.pk).update(objection_on=today() - timedelta(days=20))
    save(fresh(n), admin, submitted_on=today() - timedelta(days=16), labour_received_on=today() - timedelta(days=15))
    n = transition(n, "submit", actor=admin)
    assert transition(n, "effect", actor=admin).status == Negotiation.Status.EFFECTIVE


# --- contracts ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("ends_on", "ok"),
    [
        (date(2023, 4, 30), True),  # one year to the day
        (date(2023, 4, 29), False),
        (date(2025, 4, 30), True),  # three years
        (date(2026, 4, 30), False),  # four years
    ],
)
def test_a_contract_runs_one_to_three_years(org: Org, ends_on: date, ok: bool) -> None:
    contract = CollectiveContract(
        kind="wage", enterprise=f.enterprise(org, 1), starts_on=date(2022, 5, 1), ends_on=ends_on, org=org
    )
    if ok:
        contract.full_clean()
    else:
        with pytest.raises(ValidationError) as err:
            contract.full_clean()
        assert "集体合同期限为 1～3 年" in str(err.value.message_dict["ends_on"])


def test_a_trade_contract_names_its_trade_and_the_enterprises_it_covers(admin: User, org: Org) -> None:
    contract = CollectiveContract(
        kind="trade", coverage="栖霞区快递行业", starts_on=date(2022, 7, 1), ends_on=date(2025, 6, 30), org=org
    )
    with pytest.raises(ValidationError, match="须列明覆盖的企业"):
        services.contract_save(actor=admin, contract=contract, action="add")
    assert not CollectiveContract.objects.exists()
    covered = [f.enterprise(org, 2), f.enterprise(org, 3)]
    saved = services.contract_save(actor=admin, contract=contract, action="add", m2m={"covered": covered})
    assert set(saved.covered.all()) == set(covered)
    contract.coverage = ""
    with pytest.raises(ValidationError):
        contract.full_clean()


def test_contracts_enter_the_renewal_window_three_months_before_expiry(org: Org) -> None:
    contract = rf.contract(org, starts_on=date(2022, 7, 1), ends_on=date(2023, 6, 30))
    assert contract.renewal_opens == date(2023, 3, 30)
    assert selectors.renewals_due(on=date(2023, 3, 29)) == []
    assert selectors.renewals_due(on=date(2023, 3, 30)) == [contract]
    rf.contract(org, enterprise=contract.enterprise, starts_on=date(2023, 7, 1), ends_on=date(2024, 6, 30))
    assert selectors.renewals_due(on=date(2023, 4, 6)) == []  # already renewed


# --- 质效评估 ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("score", "stars"),
    [(Decimal("69.99"), 0), (Decimal("70"), 1), (Decimal("79.99"), 1), (Decimal("80"), 2), (Decimal("90"), 2)],
)
def test_the_score_gives_the_stars_and_a_top_score_alone_stays_at_two(org: Org, score: Decimal, stars: int) -> None:
    assert rf.rating(org, score=score).stars == stars


def test_three_stars_need_an_earlier_two_star_and_wage_talks_that_year(org: Org) -> None:
    firm = f.enterprise(org, 10)
    rf.rating(org, enterprise=firm, year=2021, score=Decimal("85"), status="confirmed")
    assert rf.rating(org, enterprise=firm, year=2022, score=Decimal("95")).stars == 2  # no wage contract in 2022
    StarRating.objects.filter(year=2022).delete()
    rf.contract(org, enterprise=firm, starts_on=date(2022, 5, 1), ends_on=date(2023, 4, 30))
    rating = rf.rating(org, enterprise=firm, year=2022, score=Decimal("95"))
    assert rating.wage_talks and rating.stars == 3
    # an unconfirmed earlier 二星 does not count
    other = f.enterprise(org, 11)
    rf.rating(org, enterprise=other, year=2021, score=Decimal("85"))
    rf.contract(org, enterprise=other, starts_on=date(2022, 5, 1), ends_on=date(2023, 4, 30))
    assert rf.rating(org, enterprise=other, year=2022, score=Decimal("95")).stars == 2


def test_the_rules_are_settings(org: Org, settings: Any) -> None:
    settings.RIGHTS_BARGAINING = {"three_star_needs_two_star": False, "three_star_needs_wage_talks": False}
    assert rf.rating(org, score=Decimal("90")).stars == 3


def test_an_evaluation_round_gives_draft_ratings_the_district_confirms(admin: User, org: Org) -> None:
    bargained, contracted, idle = f.enterprise(org, 20), f.enterprise(org, 21), f.enterprise(org, 22)
    rf.negotiation(org, enterprise=bargained, offer_on=date(2022, 3, 1), received_on=date(2022, 3, 2))
    rf.contract(org, enterprise=contracted, starts_on=date(2021, 7, 1), ends_on=date(2022, 6, 30))
    sheet = rf.checklist_sheet()
    with pytest.raises(ValidationError, match="请指定评分人"):
        services.evaluation_start(actor=admin, year=2022, sheet=sheet, org=org, scorers=[])
    rnd = services.evaluation_start(actor=admin, year=2022, sheet=sheet, org=org, scorers=[rf.scorer()])
    assert {s.object_id for s in rnd.subjects.all()} == {str(bargained.pk), str(contracted.pk)}
    assert str(idle.pk) not in {s.object_id for s in rnd.subjects.all()}
    with pytest.raises(ValidationError, match="已经开启"):
        services.evaluation_start(actor=admin, year=2022, sheet=sheet, org=org, scorers=[rf.scorer()])
    with pytest.raises(ValidationError, match="尚未签字确认"):
        services.ratings_from_round(actor=admin, round=rnd, year=2022)

    done = closed_round(org=org, purpose=services.EVALUATION, subjects=[(bargained, 85), (contracted, Decimal("72.5"))])
    made = services.ratings_from_round(actor=admin, round=done, year=2022)
    assert [(r.enterprise, r.stars, r.status) for r in made] == [(bargained, 2, "draft"), (contracted, 1, "draft")]
    confirmed = transition(made[0], "confirm", actor=admin)
    assert confirmed.confirmed_on == today()
    again = closed_round(org=org, purpose=services.EVALUATION, subjects=[(bargained, 60), (contracted, 80)])
    redone = services.ratings_from_round(actor=admin, round=again, year=2022)
    assert [r.enterprise for r in redone] == [contracted]  # a confirmed rating is not overwritten
    assert fresh(confirmed).score == Decimal("85")


def test_three_star_enterprises_for_a_date_count_the_latest_confirmed_rating(org: Org) -> None:
    firm = f.enterprise(org, 30)
    rf.rating(org, enterprise=firm, year=2021, score=Decimal("85"), status="confirmed")
    rf.contract(org, enterprise=firm, starts_on=date(2022, 5, 1), ends_on=date(2023, 4, 30))
    three = rf.rating(org, enterprise=firm, year=2022, score=Decimal("92"))
    StarRating.objects.filter(pk=three.pk).update(status="confirmed", confirmed_on=date(2023, 1, 18))
    StarRating.objects.filter(year=2021).update(confirmed_on=date(2022, 1, 18))
    assert selectors.three_star_enterprises(period=period_from("2023-01-17", None), org=org) == 0
    assert selectors.three_star_enterprises(period=period_from("2023-01-18", None), org=org) == 1
    assert selectors.stars_by_level(period=period_from("2022-06-01", None), org=org)["二星"] == 1


def test_a_workbook_cannot_bring_a_trade_contract_without_its_enterprises(admin: User, org: Org) -> None:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["合同类型", "企业", "行业或区域", "生效日期", "期满日期", "所属工会"])
    sheet.append(["行业性集体合同", None, "快递行业", "2022-07-01", "2025-06-30", org.name])
    sheet.append(["工资专项集体合同", f.enterprise(org, 40).name, None, "2022-07-01", "2023-06-30", org.name])
    data = io.BytesIO()
    book.save(data)
    spec = entities.ContractEntity.excel_spec
    assert spec is not None
    result = spec.run_import(data.getvalue(), user=admin)
    assert not result.ok and any("请在页面上逐份录入" in message for _row, _header, message in result.errors)
    assert not CollectiveContract.objects.exists()  # the good row is not written either
