"""The demo district's 法律援助 records as of 2023-04-06, from which the bulletin's figures of
"畅通维权渠道" come out: 230 cases closed by that date ("依法审结案件 230 件") whose amounts in dispute
add up to exactly 8,477,000.00 元 ("涉案标的达 847.7 万元"); the cooperation agreement with 江阴市总工会
(signed 2021-09-23) and its referrals; lawyers' check-ups of enterprises ("送法律'体检'进企业").
The figures and the partner are the bulletin's and the Jiangyin union's; people, amounts, lawyers
and firms are invented (marked 示例)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from core.demo.dicts import seed_dictionary
from core.demo.roles import grant, perms
from core.models import DictItem, Enterprise, Person, User
from kit.sequences import next_value
from legal.models import (
    CHECKUP_ITEMS,
    DISPUTE_TYPES,
    Case,
    CaseDocument,
    CaseSession,
    CentreCriterion,
    Checkup,
    EducationSession,
    Lawyer,
    MinimumWage,
    Partner,
    Referral,
    ReferralTask,
    ReferralUpdate,
)

DAY = date(2023, 4, 6)
CLOSED = 230
AMOUNT = Decimal("8477000.00")
CASE_MODELS = ["case", "casesession", "caseinterruption", "casedocument"]
OTHER_MODELS = [
    "lawyer",
    "partner",
    "referral",
    "referraltask",
    "referralupdate",
    "checkup",
    "educationsession",
    "centrecriterion",
    "minimumwage",
]
# a one-page PDF: the demo's closing reports all point at it
REPORT = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def load(*, root: Any, towns: dict[str, Any], enterprises: dict[str, Any], **_: Any) -> str:
    _grant()
    if Lawyer.all_objects.exists():
        return "已存在，跳过"
    rng = random.Random(847)
    _dictionaries()
    MinimumWage.objects.bulk_create(
        [
            MinimumWage(region="江苏省一类地区", monthly=Decimal("2020"), effective_from=date(2018, 8, 1)),
            MinimumWage(region="江苏省一类地区", monthly=Decimal("2280"), effective_from=date(2022, 10, 1)),
        ]
    )
    lawyers = _lawyers(root)
    partner = Partner.objects.create(
        name="江阴市总工会",
        region="江苏省无锡市江阴市",
        agreement_on=date(2021, 9, 23),
        agreement_scope=(
            "双方职工法律援助机构可以相互委托办理案件，相互认可对方出具的案件委托函、介绍信和法律文书；"
            "职工不便往返的，可在任一方提出申请，由受理方转交对方；相互协助调查取证、代理执行；双方各确定一名联络员。"
        ),
        our_liaison=lawyers[0],
        their_liaison="江阴市总工会联络员（示例）",
        org=root,
    )
    closed, amount = _cases(rng, root, lawyers, enterprises)
    _referrals(root, partner)
    checked = _checkups(rng, root, lawyers)
    _education(root, lawyers)
    for n, (code, text) in enumerate(
        [
            ("1", "有固定的服务场所和醒目标识（示例）"),
            ("2", "有专兼职工作人员和聘请律师（示例）"),
            ("3", "案件受理、指派、结案有书面记录并归档（示例）"),
        ]
    ):
        CentreCriterion.objects.create(
            standard="“三化”职工法律援助中心建设标准（示例）",
            code=code,
            criterion=text,
            self_assessment="met",
            assessor_result="met" if n else "partly",
            assessed_on=date(2022, 11, 20),
            org=root,
            remark="平台不内置标准条目，此为演示；请按省总工会下发的标准录入。",
        )
    return f"审结案件 {closed} 件、涉案标的 {amount} 元，协作工会 1 家，法律体检 {checked} 次"


def _grant() -> None:
    everything = perms(CASE_MODELS + OTHER_MODELS, ["view", "add", "change", "delete", "import", "export"], "legal")
    grant(
        "legal_supervisor",
        [*everything, "legal.review_case", "legal.supervise_case", "core.view_enterprise", "core.view_person"],
    )
    grant(
        "lawyer",
        perms(CASE_MODELS, ["view", "change"], "legal")
        + perms(["casesession", "caseinterruption", "casedocument"], ["add"], "legal")
        + perms(["lawyer", "checkup", "educationsession"], ["view"], "legal")
        + perms(["checkup", "educationsession"], ["add", "change"], "legal"),
    )
    # the federation's general staff: the figures, the check-ups and education — never a case
    grant(
        "district_staff",
        perms(["checkup", "educationsession", "centrecriterion", "minimumwage", "lawyer"], ["view", "export"], "legal"),
    )


def _dictionaries() -> None:
    """Migration 0002 seeds them; a flushed test database has lost them."""
    seed_dictionary("dispute_type", "劳动争议类型", [(v, label, "") for v, label in DISPUTE_TYPES])
    seed_dictionary("checkup_item", "法律体检项目", CHECKUP_ITEMS)


def _lawyers(root: Any) -> list[Lawyer]:
    rows = [
        ("周中心（示例）", "staff", "", ""),
        ("吴援助（示例）", "staff", "", ""),
        ("郑调解（示例）", "mediator", "", ""),
        ("王调解（示例）", "mediator", "", ""),
        ("冯律师（示例）", "hired", "江苏某律师事务所（示例）", "13201201910000001"),
        ("陈律师（示例）", "hired", "南京某律师事务所（示例）", "13201201810000002"),
        ("褚律师（示例）", "hired", "南京某律师事务所（示例）", "13201201710000003"),
        ("卫律师（示例）", "hired", "江苏某律师事务所（示例）", "13201201610000004"),
    ]
    made = [
        Lawyer.objects.create(
            name=name,
            kind=kind,
            firm=firm,
            licence_no=licence,
            engaged_on=date(2021, 1, 1),
            engaged_until=date(2023, 12, 31),
            org=root,
        )
        for name, kind, firm, licence in rows
    ]
    user = User.objects.filter(username="lvshi").first()
    if user is not None:
        made[4].user = user
        made[4].save(update_fields=["user"])
    return made


def _cases(rng: random.Random, root: Any, lawyers: list[Lawyer], enterprises: dict[str, Any]) -> tuple[int, Decimal]:
    types = {i.value: i for i in DictItem.objects.filter(dict_type__code="dispute_type")}
    people = list(Person.objects.filter(employer__isnull=False).select_related("employer").order_by("id")[:400])
    handlers = lawyers[2:]
    # amounts of the 230 closed cases, the last one making the total exact
    amounts = [Decimal(rng.randrange(5_000, 60_000)) for _ in range(CLOSED - 1)]
    amounts.append(AMOUNT - sum(amounts))
    assert amounts[-1] > 0
    outcomes = ["mediated"] * 6 + ["award"] * 3 + ["withdrawn", "litigation"]
    kinds = ["wages", "wages", "wages", "contract", "compensation", "injury", "insurance", "dismissal"]
    rows: list[Case] = []
    for n, amount in enumerate(amounts):
        person = people[n % len(people)]
        applied = date(2021, 1, 4) + timedelta(days=(n * 3) % 790)
        decided = applied + timedelta(days=3)
        outcome = outcomes[n % len(outcomes)]
        arbitration = outcome == "award"
        concluded = decided + timedelta(days=20 + n % 25)
        rows.append(
            Case(
                channel=["counter", "phone", "portal", "referral"][n % 4],
                room="arbitration" if arbitration else "mediation",
                applicant=person,
                employer=person.employer,
                employer_name=person.employer.name,
                dispute_type=types[kinds[n % len(kinds)]],
                facts="用人单位拖欠工资（示例）" if kinds[n % len(kinds)] == "wages" else "劳动争议（示例）",
                claims="支付拖欠的劳动报酬及经济补偿（示例）",
                amount=amount,
                workers_involved=5 if n % 23 == 0 else 1,
                collective=n % 23 == 0,
                migrant=n % 3 == 0,
                poor=n % 3 != 0,
                applied_on=applied,
                knew_on=applied - timedelta(days=40),
                decided_on=decided,
                lawyer=handlers[n % len(handlers)],
                assigned_on=decided + timedelta(days=1),
                mediation_received_on=None if arbitration else decided + timedelta(days=2),
                arbitration_received_on=decided + timedelta(days=2) if arbitration else None,
                arbitration_accepted_on=decided + timedelta(days=5) if arbitration else None,
                award_on=concluded if arbitration else None,
                award_received_on=concluded + timedelta(days=2) if arbitration else None,
                outcome=outcome,
                outcome_on=concluded,
                amount_recovered=(amount * Decimal("0.8")).quantize(Decimal("0.01")) if outcome != "withdrawn" else 0,
                closed_on=min(concluded + timedelta(days=5), DAY),
                status="closed",
                org=root,
            )
        )
    # two closed after the date: not in the figure for 2023-04-06
    for n in range(2):
        person = people[300 + n]
        rows.append(
            Case(
                room="mediation",
                applicant=person,
                employer=person.employer,
                employer_name=person.employer.name,
                dispute_type=types["wages"],
                facts="拖欠工资（示例）",
                claims="支付工资（示例）",
                amount=Decimal("36000.00"),
                migrant=True,
                applied_on=date(2023, 3, 20),
                knew_on=date(2023, 3, 1),
                decided_on=date(2023, 3, 22),
                lawyer=handlers[n],
                assigned_on=date(2023, 3, 23),
                mediation_received_on=date(2023, 3, 24),
                outcome="mediated",
                outcome_on=date(2023, 4, 20),
                amount_recovered=Decimal("36000.00"),
                closed_on=date(2023, 4, 25),
                status="closed",
                org=root,
            )
        )
    for case in rows:
        case.number = f"法援〔{case.applied_on.year}〕{next_value(f'legal.case.{root.pk}.{case.applied_on.year}')}号"
    Case.objects.bulk_create(rows, batch_size=500)
    report = default_storage.save("legal/demo/closing-report-example.pdf", ContentFile(REPORT))
    CaseDocument.objects.bulk_create(
        [
            CaseDocument(case=case, kind="closing", title="结案报告（示例）", file=report)
            for case in Case.objects.filter(status="closed")
        ],
        batch_size=500,
    )
    _open_cases(root, lawyers, people, types, enterprises)
    # consultations answered at the counter
    consults = []
    for n in range(300):
        person = people[(n * 7) % len(people)]
        on = date(2021, 3, 1) + timedelta(days=(n * 2) % 760)
        consults.append(
            Case(
                room="consult",
                channel="phone" if n % 2 else "counter",
                applicant=person,
                employer=person.employer,
                employer_name=person.employer.name,
                dispute_type=types[kinds[n % len(kinds)]],
                facts="咨询（示例）",
                claims="咨询",
                applied_on=on,
                closed_on=on,
                status="answered",
                org=root,
                number=f"法援〔{on.year}〕{next_value(f'legal.case.{root.pk}.{on.year}')}号",
            )
        )
    Case.objects.bulk_create(consults, batch_size=500)
    return CLOSED, AMOUNT


def _open_cases(
    root: Any, lawyers: list[Lawyer], people: list[Person], types: dict[str, Any], enterprises: dict[str, Any]
) -> None:
    """Cases under way on 2023-04-06: one of 银茂's workers (its union chair must not see it), a
    collective wage dispute in arbitration, one waiting for papers, a duplicate application."""
    yinmao = enterprises.get("南京银茂铅锌矿业有限公司") or Enterprise.objects.order_by("id").first()
    worker = Person.objects.filter(employer=yinmao).order_by("id").first() or people[0]
    hired = lawyers[4]
    specs: list[dict[str, Any]] = [
        {
            "applicant": worker,
            "employer": yinmao,
            "dispute_type": types["wages"],
            "amount": Decimal("48600.00"),
            "migrant": True,
            "applied_on": date(2023, 3, 13),
            "knew_on": date(2023, 2, 10),
            "decided_on": date(2023, 3, 15),
            "lawyer": hired,
            "assigned_on": date(2023, 3, 16),
            "room": "mediation",
            "mediation_received_on": date(2023, 3, 17),
            "status": "assigned",
        },
        {
            "applicant": people[350],
            "employer": people[350].employer,
            "dispute_type": types["wages"],
            "amount": Decimal("268000.00"),
            "workers_involved": 12,
            "collective": True,
            "poor": True,
            "applied_on": date(2023, 2, 20),
            "knew_on": date(2023, 1, 31),
            "decided_on": date(2023, 2, 22),
            "lawyer": hired,
            "assigned_on": date(2023, 2, 23),
            "room": "arbitration",
            "arbitration_received_on": date(2023, 2, 27),
            "arbitration_accepted_on": date(2023, 3, 2),
            "status": "assigned",
        },
        {
            "applicant": people[351],
            "employer": people[351].employer,
            "dispute_type": types["dismissal"],
            "amount": Decimal("30000.00"),
            "applied_on": date(2023, 3, 28),
            "knew_on": date(2022, 4, 20),  # the year runs out on 2023-04-20: urgent on the date
            "papers_missing": "劳动合同复印件；解除劳动合同通知书",
            "papers_notice_on": date(2023, 3, 30),
            "status": "papers",
        },
        {
            "applicant": people[352],
            "employer": people[352].employer,
            "dispute_type": types["insurance"],
            "amount": Decimal("15000.00"),
            "poor": True,
            "applied_on": date(2023, 4, 3),
            "knew_on": date(2023, 3, 1),
            "status": "applied",
        },
    ]
    rows = []
    for spec in specs:
        employer = spec["employer"]
        rows.append(
            Case(
                employer_name=employer.name,
                facts="案情（示例）",
                claims="请求事项（示例）",
                org=root,
                **spec,
            )
        )
    for case in rows:
        case.number = f"法援〔{case.applied_on.year}〕{next_value(f'legal.case.{root.pk}.{case.applied_on.year}')}号"
    Case.objects.bulk_create(rows)
    first = Case.objects.get(number=rows[0].number)
    CaseSession.objects.create(
        case=first,
        kind="mediation",
        held_on=date(2023, 3, 24),
        handler="郑调解（示例）",
        notes="双方各自陈述，约定再次调解（示例）",
    )
    collective = Case.objects.get(number=rows[1].number)
    CaseSession.objects.create(
        case=collective, kind="hearing", held_on=date(2023, 3, 29), handler="仲裁庭（示例）", notes="第一次开庭（示例）"
    )
    # a second application of the same worker, employer and dispute type: linked to the first
    Case.objects.create(
        applicant=worker,
        employer=yinmao,
        employer_name=yinmao.name,
        dispute_type=types["wages"],
        facts="同一事项再次申请（示例）",
        claims="支付工资（示例）",
        amount=Decimal("48600.00"),
        applied_on=date(2023, 4, 4),
        duplicate_of=first,
        org=root,
        number=f"法援〔2023〕{next_value(f'legal.case.{root.pk}.2023')}号",
    )


def _referrals(root: Any, partner: Partner) -> None:
    out_case = Case.objects.filter(status="closed", channel="referral").order_by("id").first()
    sent = Referral.objects.create(
        partner=partner,
        direction="out",
        case=out_case,
        worker_name=out_case.applicant.name if out_case else "职工（示例）",
        summary="职工在江阴务工期间被拖欠工资，现居栖霞，不便往返；委托对方就地调查取证（示例）。",
        sent_on=date(2022, 3, 15),
        status="done",
        org=root,
    )
    ReferralTask.objects.create(
        referral=sent,
        kind="evidence",
        description="调取考勤记录和工资发放记录（示例）",
        due_on=date(2022, 4, 15),
        done_on=date(2022, 4, 8),
        result="已调取并寄回（示例）",
    )
    ReferralUpdate.objects.create(
        referral=sent, source="theirs", on=date(2022, 4, 8), text="取证完成，材料已寄出（示例）"
    )
    received = Referral.objects.create(
        partner=partner,
        direction="in",
        worker_name="江阴籍职工（示例）",
        summary="江阴籍职工在栖霞某企业工伤，对方工会转来申请材料，请我方就地代理（示例）。",
        sent_on=date(2023, 2, 10),
        status="accepted",
        org=root,
    )
    ReferralTask.objects.create(
        referral=received, kind="represent", description="代理工伤赔偿仲裁（示例）", due_on=date(2023, 6, 30)
    )


def _checkups(rng: random.Random, root: Any, lawyers: list[Lawyer]) -> int:
    items = [value for value, _label, _anchor in CHECKUP_ITEMS]
    firms = list(Enterprise.objects.order_by("id")[:24])
    rows = []
    for n, firm in enumerate(firms):
        answers = dict.fromkeys(items, "pass")
        for item in rng.sample(items, n % 4):
            answers[item] = "fail"
        if n % 5 == 0:
            answers["collective_contract"] = "na"
        fails = sum(1 for v in answers.values() if v == "fail")
        visited = date(2022, 3, 1) + timedelta(days=12 * n)
        rows.append(
            Checkup(
                enterprise=firm,
                visited_on=visited,
                lawyer=lawyers[4 + n % 4],
                answers=answers,
                findings="发现问题见体检项目（示例）" if fails else "",
                risk="high" if fails >= 3 else "medium" if fails else "low",
                advice="按体检项目逐项整改（示例）" if fails else "",
                rectify_by=visited + timedelta(days=60) if fails else None,
                follow_up_on=visited + timedelta(days=75) if fails and n % 2 else None,
                follow_up_result="已整改（示例）" if fails and n % 2 else "",
                org=firm.org,
            )
        )
    Checkup.objects.bulk_create(rows)
    return len(rows)


def _education(root: Any, lawyers: list[Lawyer]) -> None:
    topics = [
        "劳动合同法解读",
        "工伤认定与赔偿",
        "欠薪维权途径",
        "新就业形态劳动者权益",
        "女职工特殊保护",
        "集体协商知识",
    ]
    EducationSession.objects.bulk_create(
        [
            EducationSession(
                title=f"{topics[n % len(topics)]}（示例）",
                held_on=date(2021, 5, 1) + timedelta(days=55 * n),
                place="普法室" if n % 2 else "企业现场",
                lawyer=lawyers[4 + n % 4],
                audience="一线职工",
                attendees=40 + 5 * n,
                org=root,
            )
            for n in range(12)
        ]
    )
