"""The demo district's 维权服务 (一) records as of 2023-04-06, from which the bulletin's figures of
"织密服务网络" come out: 312 units with 24,862 workers covered by the mutual-aid scheme that day
("300 多家企事业单位近 2.5 万人参保"), 117 worker volunteer teams, 103 activities of the "跟党走、
学先进、爱传递" campaign ("百场"), the "四赠送一建设" campaign and the 交通安全警示教育基地. The
figures are the bulletin's; units (marked （示例）), people, plans, amounts and the four items of the
campaign are invented — the bulletin does not name them (research/domain-wave2 §4)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from stdnum.cn import ric, uscc

from core.demo import data
from core.demo.roles import ALL_ACTIONS, grant, perms
from core.models import DictItem, DictType, Enterprise, Person, User
from kit.numbers import q2
from kit.pii import blind_index
from kit.text import pinyin_keys
from rights.models import (
    AidPlan,
    AidRecord,
    BaseSession,
    CampaignItem,
    Claim,
    EducationBase,
    EnrolledMember,
    GiftDelivery,
    HardshipFile,
    IncomeCheck,
    ReliefPolicy,
    RequiredDocument,
    ServiceCampaign,
    ServiceHours,
    UnitEnrolment,
    Volunteer,
    VolunteerActivity,
    VolunteerTeam,
)

DAY = date(2023, 4, 6)
UNITS = 312
INSURED = 24_862
TEAMS = 117
ACTIVITIES = 103
CAMPAIGN = "跟党走、学先进、爱传递"
MODELS = [
    "aidplan",
    "requireddocument",
    "unitenrolment",
    "enrolledmember",
    "claim",
    "reliefpolicy",
    "hardshipfile",
    "householdmember",
    "incomecheck",
    "filereview",
    "aidrecord",
    "volunteerteam",
    "volunteer",
    "volunteeractivity",
    "activitysignup",
    "servicehours",
    "volunteerrecord",
    "hourscorrection",
    "hourscertificate",
    "servicecampaign",
    "campaignitem",
    "giftdelivery",
    "educationbase",
    "basesession",
]


def load(*, root: Any, towns: dict[str, Any], enterprises: dict[str, Any], **_: Any) -> str:
    _grant()
    if AidPlan.all_objects.exists():
        return "已存在，跳过"
    rng = random.Random(2023)
    admin = User.objects.filter(is_superuser=True).order_by("id").first()
    units = _units(rng, towns, list(enterprises.values()))
    members = _mutual_aid(rng, root, units, admin)
    files = _hardship(rng, root, admin)
    teams, activities = _volunteers(rng, root, towns, units)
    served = _new_form(rng, root, units)
    return (
        f"互助保障 {len(units)} 家单位 {members} 人，困难档案 {files} 户，"
        f"志愿服务队 {teams} 支、活动 {activities} 场，新就业形态受赠 {served} 人"
    )


def _grant() -> None:
    review = ["rights.review_claim", "rights.review_hardshipfile", "rights.review_hourscorrection"]
    grant("district_staff", perms(MODELS, ALL_ACTIONS, "rights") + review + ["rights.view_pii_hardshipfile"])
    grant("subdistrict_staff", perms(MODELS, ["view", "add", "change", "export"], "rights"))
    grant(
        "enterprise_chair",
        perms(["aidplan", "requireddocument", "reliefpolicy"], ["view"], "rights")
        + perms(["unitenrolment", "enrolledmember", "claim"], ["view", "add", "change", "import", "export"], "rights")
        + perms(["hardshipfile", "householdmember", "volunteerteam", "volunteer"], ["view", "add", "change"], "rights")
        + perms(
            ["volunteeractivity", "activitysignup", "servicehours", "volunteerrecord"],
            ["view", "add", "change"],
            "rights",
        )
        + perms(["hourscorrection", "hourscertificate"], ["view", "add"], "rights"),
    )


# --- units and their workers ------------------------------------------------------------------------
def _units(rng: random.Random, towns: dict[str, Any], existing: list[Enterprise]) -> list[Enterprise]:
    """The 312 units: the demo's enterprises and invented ones spread over the sub-districts."""
    from core.models import Region

    regions = {r.code: r for r in Region.objects.filter(code__in=list(towns))}
    town_codes = sorted(towns)
    town_names = dict(data.SUBDISTRICTS)
    new = []
    for i in range(UNITS - len(existing)):
        code = town_codes[i % len(town_codes)]
        body = f"91320113MA2R{i:05d}"
        new.append(
            Enterprise(
                name=f"{town_names[code][:-2]}{_trade(i)}第{i + 1}企业（示例）",
                uscc=body + uscc.calc_check_digit(body),
                ownership="private" if i % 5 else "state",
                size="small" if i % 3 else "medium",
                subdistrict=regions.get(code),
                org=towns[code],
                employee_count=60 + (i * 37) % 400,
            )
        )
    Enterprise.objects.bulk_create(new, batch_size=500)
    return existing + list(Enterprise.objects.filter(name__endswith="企业（示例）").order_by("id"))


def _trade(i: int) -> str:
    return "机械制造电子物流餐饮建材纺织医药食品印刷"[(i % 10) * 2 : (i % 10) * 2 + 2]


def _people(rng: random.Random, n: int, employers: list[Enterprise], start: int) -> list[Person]:
    """`n` fictitious workers spread over `employers`, built in memory and written in bulk (the
    demo loader writes directly; the rules a form would apply are applied here by hand)."""
    taken = set(Person.all_objects.values_list("id_number_bidx", flat=True))
    out: list[Person] = []
    i = start
    while len(out) < n:
        i += 1
        born = date(1965, 1, 1) + timedelta(days=(i * 7919) % (365 * 38))
        body = f"320113{born:%Y%m%d}{i % 1000:03d}"
        id_number = body + ric.calc_check_digit(body + "0")
        bidx = blind_index(id_number, kind="id_number")
        if bidx in taken:
            continue
        taken.add(bidx)
        name = (
            data.SURNAMES[i % len(data.SURNAMES)]
            + data.GIVEN[(i * 7) % len(data.GIVEN)]
            + (data.GIVEN[(i * 13) % len(data.GIVEN)] if i % 3 else "")
        )
        phone = f"1{rng.choice('3579')}{rng.randrange(0, 10**9):09d}"
        employer = employers[len(out) % len(employers)]
        pinyin, initials = pinyin_keys(name)
        out.append(
            Person(
                name=name,
                name_pinyin=pinyin,
                name_initials=initials,
                id_number=id_number,
                id_number_bidx=bidx,
                phone=phone,
                phone_bidx=blind_index(phone, kind="phone"),
                phone_tail=phone[-4:],
                gender="M" if int(body[16]) % 2 else "F",
                birth_date=born,
                employer=employer,
                org_id=employer.org_id,
                job=data.JOBS[i % len(data.JOBS)],
            )
        )
    return Person.objects.bulk_create(out, batch_size=1000)


# --- mutual aid -----------------------------------------------------------------------------------
def _mutual_aid(rng: random.Random, root: Any, units: list[Enterprise], admin: Any) -> int:
    hospital = AidPlan.objects.create(
        name="在职职工住院互助保障计划（示例）",
        kind="hospital",
        year=2022,
        premium=Decimal("60"),
        cap=Decimal("15000"),
        org=root,
    )
    female = AidPlan.objects.create(
        name="在职女职工特殊疾病互助保障计划（示例）",
        kind="female",
        year=2022,
        premium=Decimal("20"),
        cap=Decimal("20000"),
        cover_months=24,
        org=root,
    )
    for plan, event, names in (
        (hospital, "hospital", ["补助申请表", "出院记录", "住院发票", "住院费用结算单"]),
        (female, "female", ["补助申请表", "病理报告", "出院记录"]),
    ):
        for sort, name in enumerate(names):
            RequiredDocument.objects.create(plan=plan, event_type=event, name=name, sort=sort)
    # the workers each unit covers: the demo's existing workers first, then fictitious ones
    existing = list(Person.objects.filter(employer__in=units).order_by("id"))
    people = existing + _people(rng, INSURED - len(existing), units, start=100_000)
    by_unit: dict[int, list[Person]] = {}
    for person in people:
        by_unit.setdefault(person.employer_id, []).append(person)
    enrolments = []
    for i, unit in enumerate(units):
        start = date(2022, 7, 1) if i % 4 else date(2023, 1, 1)
        enrolments.append(
            UnitEnrolment(
                plan=hospital,
                enterprise=unit,
                shares=1,
                starts_on=start,
                ends_on=date(start.year + 1, start.month, 1) - timedelta(days=1),
                amount_paid=Decimal(60 * len(by_unit.get(unit.pk, []))),
                org_id=unit.org_id,
            )
        )
    UnitEnrolment.objects.bulk_create(enrolments, batch_size=500)
    rows = [
        EnrolledMember(enrolment=e, person=p, first_time=True)
        for e in enrolments
        for p in by_unit.get(e.enterprise_id, [])
    ]
    EnrolledMember.objects.bulk_create(rows, batch_size=2000)
    # the women of a few units also take the special-illness plan (they are counted once)
    for e in enrolments[:20]:
        women_plan = UnitEnrolment.objects.create(
            plan=female, enterprise=e.enterprise, starts_on=date(2022, 7, 1), ends_on=date(2024, 6, 30), org_id=e.org_id
        )
        EnrolledMember.objects.bulk_create(
            [
                EnrolledMember(enrolment=women_plan, person=p)
                for p in by_unit.get(e.enterprise_id, [])
                if p.gender == "F"
            ]
        )
    # claims: most paid, some under review
    sample = rng.sample([r for r in rows if r.enrolment.starts_on == date(2022, 7, 1)], 40)
    for n, member in enumerate(sample):
        happened = date(2022, 8, 15) + timedelta(days=5 * n)
        claim = Claim.objects.create(
            member=member,
            event_type="hospital",
            event_date=happened,
            filed_on=happened + timedelta(days=20),
            documents=["补助申请表", "出院记录", "住院发票", "住院费用结算单"],
            amount_claimed=Decimal(1500 + 250 * (n % 12)),
            created_by=admin,
        )
        if n < 32:
            Claim.objects.filter(pk=claim.pk).update(
                status="paid",
                amount_approved=claim.amount_claimed,
                decided_on=happened + timedelta(days=30),
                paid_on=happened + timedelta(days=40),
            )
    return len({p.pk for p in people})


# --- hardship relief ------------------------------------------------------------------------------
def _hardship(rng: random.Random, root: Any, admin: Any) -> int:
    ReliefPolicy.objects.create(
        org=root,
        effective_from=date(2022, 7, 1),
        subsistence_line=Decimal("1045"),
        remark="示例值：请按南京市公布的城市居民最低生活保障标准修改",
    )
    workers = list(Person.objects.filter(employer__name__endswith="（示例）").order_by("id")[:12])
    for n, worker in enumerate(workers):
        income = Decimal(18000 + 2500 * n)
        file = HardshipFile(
            person=worker,
            household_size=3 + n % 2,
            annual_income=income,
            rigid_expense=Decimal(3000 + 500 * (n % 4)),
            hardship_expense=Decimal(20000) if n == 11 else Decimal(0),
            cause=["illness", "disability", "schooling", "single"][n % 4],
            assessed_on=date(2022, 8, 1),
            visit_on=date(2022, 8, 10),
            visit_record="入户了解家庭收支和住房情况（示例）",
            authorisation_signed=True,
            income_checked_on=date(2022, 8, 20),
            income_check_result="无房产、车辆和经营性收入（示例）",
            publicity_starts=date(2022, 8, 25),
            publicity_ends=date(2022, 9, 1),
            org_id=worker.org_id,
            created_by=admin,
        )
        file.full_clean()
        file.status = "filed"
        file.filed_on = date(2022, 9, 5)
        file.save()
        for m in range(6):
            IncomeCheck.objects.create(
                file=file,
                month=date(2022, 10 + m, 1) if m < 3 else date(2023, m - 2, 1),
                per_capita_income=q2(income / 12 / 3),
            )
        AidRecord.objects.create(
            file=file,
            kind="warmth",
            amount=Decimal("1000"),
            source=["union", "grassroots", "society"][n % 3],
            given_on=date(2023, 1, 10),
            approver="区总工会",
        )
    return len(workers)


# --- volunteers -----------------------------------------------------------------------------------
def _volunteers(rng: random.Random, root: Any, towns: dict[str, Any], units: list[Enterprise]) -> tuple[int, int]:
    dtype, _ = DictType.objects.get_or_create(
        code="volunteer_campaign", defaults={"name": "志愿服务主题行动", "is_system": True}
    )
    campaign, _ = DictItem.objects.get_or_create(
        dict_type=dtype, value="follow_learn_pass", defaults={"label": CAMPAIGN}
    )
    specialities = [c for c, _label in VolunteerTeam.Speciality.choices]
    from core.models import Org

    unions = Org.objects.filter(kind="enterprise", enterprises__in=units).distinct().order_by("id")
    hosts = [root, *towns.values(), *unions]
    teams = []
    for n in range(TEAMS):
        host = hosts[n % len(hosts)]
        teams.append(
            VolunteerTeam(
                name=f"{host.short_name or host.name}职工志愿服务队（示例{n + 1:03d}）",
                level="corps" if n == 0 else "branch" if host.kind != "enterprise" else "unit",
                speciality=specialities[n % len(specialities)],
                founded_on=date(2019, 3, 5) + timedelta(days=9 * n),
                org=host,
            )
        )
    # one more team, dissolved before the date: not counted in the stock
    teams.append(
        VolunteerTeam(
            name="原快递行业志愿服务队（示例，已撤销）",
            speciality="care",
            founded_on=date(2019, 5, 1),
            dissolved_on=date(2022, 12, 31),
            org=root,
        )
    )
    VolunteerTeam.objects.bulk_create(teams)
    teams = list(VolunteerTeam.objects.filter(dissolved_on__isnull=True).order_by("id"))
    volunteers = []
    workers = list(Person.objects.filter(employer__in=units[:60]).order_by("id")[: len(teams) * 4])
    for n, worker in enumerate(workers):
        volunteers.append(
            Volunteer(
                team=teams[n % len(teams)],
                person=worker,
                number=f"QX{2019 + n % 4}{n + 1:05d}",
                joined_on=date(2021, 3, 5),
            )
        )
    Volunteer.objects.bulk_create(volunteers)
    by_team: dict[int, list[Volunteer]] = {}
    for v in Volunteer.objects.order_by("id"):
        by_team.setdefault(v.team_id, []).append(v)
    held = 0
    for n in range(ACTIVITIES):
        team = teams[n % len(teams)]
        activity = VolunteerActivity.objects.create(
            team=team,
            title=f"“{CAMPAIGN}”职工志愿服务行动 第{n + 1}场（示例）",
            campaign=campaign,
            held_on=date(2022, 3, 5) + timedelta(days=3 * n),
            place=f"{team.org.short_name or team.org.name}服务点",
            beneficiaries=20 + (n * 7) % 60,
            status="published",
        )
        held += 1
        ServiceHours.objects.bulk_create(
            [
                ServiceHours(activity=activity, volunteer=v, hours=Decimal("2.5") + (n % 3))
                for v in by_team.get(team.pk, [])
            ]
        )
    # one planned for after the date, not yet held
    VolunteerActivity.objects.create(
        team=teams[0],
        title="“五一”关爱户外劳动者（示例，筹备中）",
        campaign=campaign,
        held_on=date(2023, 4, 28),
        place="仙林",
        status="draft",
    )
    return len(teams), held


# --- new-employment-form workers ----------------------------------------------------------------
def _new_form(rng: random.Random, root: Any, units: list[Enterprise]) -> int:
    categories = {i.value: i for i in DictItem.objects.filter(dict_type__code="new_form")}
    campaign = ServiceCampaign.objects.create(
        name="四赠送一建设专项行动",
        starts_on=date(2022, 5, 1),
        description="为快递员、外卖骑手等新就业形态劳动者赠送服务并建设交通安全警示教育基地。赠送项目为示例，请按实际录入。",
        org=root,
    )
    items = [
        CampaignItem.objects.create(campaign=campaign, name=name, unit=unit, sort=i)
        for i, (name, unit) in enumerate(
            [
                ("意外伤害保险（示例）", "份"),
                ("健康体检（示例）", "人次"),
                ("暖心礼包（示例）", "份"),
                ("法律服务卡（示例）", "张"),
            ]
        )
    ]
    riders = list(Person.objects.filter(employer__name__contains="物流").order_by("id")[:240])
    platforms = ["某外卖平台（示例）", "某快递公司（示例）", "某网约车平台（示例）"]
    for n, person in enumerate(riders):
        Person.objects.filter(pk=person.pk).update(
            new_form_category=categories.get(["rider", "courier", "ride_hailing"][n % 3]),
            platform=platforms[n % 3],
            joined_union_on=date(2022, 5, 1) + timedelta(days=n),
        )
    GiftDelivery.objects.bulk_create(
        [
            GiftDelivery(item=item, person=person, quantity=1, given_on=date(2022, 5, 20) + timedelta(days=n % 200))
            for n, person in enumerate(riders)
            for item in items[: 1 + n % len(items)]
        ]
    )
    base = EducationBase.objects.create(
        name="新就业形态劳动者交通安全警示教育基地",
        theme="交通安全警示教育",
        partner="区交警大队（示例）",
        address="南京市栖霞区（示例地址）",
        opened_on=date(2022, 6, 18),
        org=root,
    )
    for n in range(8):
        BaseSession.objects.create(
            base=base,
            held_on=date(2022, 7, 2) + timedelta(days=30 * n),
            topic=[
                "戴好头盔",
                "不闯红灯",
                "不逆行",
                "夏季高温骑行安全",
                "雨雪天气骑行安全",
                "路口礼让",
                "电动车充电安全",
                "交通事故后的维权",
            ][n],
            partner="区交警大队（示例）",
            attendees=45 + 5 * n,
        )
    return len(riders)
