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
from core.demo.dicts import seed_dictionary
from core.demo.roles import ALL_ACTIONS, grant, perms
from core.models import DictItem, Enterprise, Person, User
from kit.dates import add_months
from kit.numbers import q2
from kit.pii import blind_index
from kit.text import pinyin_keys
from rights.models import (
    STATION_AMENITIES,
    AidPlan,
    AidRecord,
    BaseSession,
    CampaignItem,
    Claim,
    CollectiveContract,
    EducationBase,
    EnrolledMember,
    GiftDelivery,
    HardshipFile,
    IncomeCheck,
    Instructor,
    InstructorRecord,
    Negotiation,
    NegotiationMeeting,
    Negotiator,
    OfferCampaign,
    ReliefPolicy,
    RequiredDocument,
    ServiceCampaign,
    ServiceHours,
    StarRating,
    Station,
    StationReview,
    StationTitle,
    StationVisit,
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
    "instructor",
    "instructorrecord",
    "offercampaign",
    "negotiation",
    "negotiator",
    "negotiationmeeting",
    "collectivecontract",
    "starrating",
    "station",
    "stationvisit",
    "stationreview",
    "stationtitle",
]
BARGAINING = ["negotiation", "negotiator", "negotiationmeeting", "collectivecontract"]


def load(*, root: Any, towns: dict[str, Any], enterprises: dict[str, Any], **_: Any) -> str:
    _grant()
    if AidPlan.all_objects.exists():
        units = list(enterprises.values()) + list(
            Enterprise.objects.filter(name__endswith="企业（示例）").order_by("id")
        )
        first = "已存在，跳过"
    else:
        rng = random.Random(2023)
        admin = User.objects.filter(is_superuser=True).order_by("id").first()
        units = _units(rng, towns, list(enterprises.values()))
        members = _mutual_aid(rng, root, units, admin)
        files = _hardship(rng, root, admin)
        teams, activities = _volunteers(rng, root, towns, units)
        served = _new_form(rng, root, units)
        first = (
            f"互助保障 {len(units)} 家单位 {members} 人，困难档案 {files} 户，"
            f"志愿服务队 {teams} 支、活动 {activities} 场，新就业形态受赠 {served} 人"
        )
    return f"{first}；{bargaining_and_stations(root=root, towns=towns, units=units)}"


def _grant() -> None:
    review = [
        "rights.review_claim",
        "rights.review_hardshipfile",
        "rights.review_hourscorrection",
        "rights.review_starrating",
    ]
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
        + perms(["hourscorrection", "hourscertificate"], ["view", "add"], "rights")
        + perms(BARGAINING, ["view", "add", "change"], "rights")
        + perms(["starrating", "offercampaign", "station", "stationtitle", "stationreview"], ["view"], "rights"),
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
    campaign = seed_dictionary("volunteer_campaign", "志愿服务主题行动", [("follow_learn_pass", CAMPAIGN)])[
        "follow_learn_pass"
    ]
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


# --- collective bargaining ------------------------------------------------------------------------
THREE_STAR = 44
STATIONS = 101
STARRED = 11
# (name, WGS-84 centre) of each sub-district, roughly — the demo's stations scatter around them
CENTRES = {
    "320113001": (118.875, 32.135),  # 尧化
    "320113002": (118.885, 32.045),  # 马群
    "320113003": (118.815, 32.105),  # 迈皋桥
    "320113004": (118.815, 32.150),  # 燕子矶
    "320113005": (118.925, 32.105),  # 仙林
    "320113007": (119.045, 32.175),  # 龙潭
    "320113008": (118.960, 32.160),  # 栖霞
    "320113009": (118.830, 32.185),  # 八卦洲
    "320113010": (118.990, 32.105),  # 西岗
}


def bargaining_and_stations(*, root: Any, towns: dict[str, Any], units: list[Enterprise]) -> str:
    """维权服务 (二) of the demo district as of 2023-04-06: instructors, the 2022 spring and autumn and
    the 2023 spring offer campaigns with their negotiations (one reply overdue, one refused, one
    vote failed), contracts, the 2021–2022 质效评估 (44 enterprises at 三星), and the 104 stations
    (101 in use that day), their reviews (11 at district level within the year), titles and visits."""
    if Station.all_objects.exists():
        return "已存在，跳过"
    rng = random.Random(2024)
    instructors = _instructors(root, units)
    negotiations = _negotiations(rng, root, units, instructors)
    stars = _ratings(units)
    stations = _stations(rng, root, towns)
    return f"集体协商指导员 {instructors[0]} 名、要约 {negotiations} 份、三星级企业 {stars} 家，爱心驿站 {stations} 个"


def _instructors(root: Any, units: list[Enterprise]) -> tuple[int, list[Instructor]]:
    backgrounds = ["律师", "高校教师", "企业人力资源经理", "退休劳动监察员", "工会干部"]
    made = []
    for n in range(24):
        full = n < 6
        instructor = Instructor.objects.create(
            name=data.SURNAMES[n % len(data.SURNAMES)] + data.GIVEN[(n * 5) % len(data.GIVEN)] + "（示例）",
            kind="full" if full else "part",
            background="工会干部" if full else backgrounds[n % len(backgrounds)],
            appointed_on=date(2021, 7, 1),
            term_ends_on=date(2024, 6, 30),
            letter_no=f"栖工协指〔2021〕{n + 1:02d}号",
            org=root,
        )
        instructor.enterprises.set(units[n * 10 : n * 10 + 10])
        InstructorRecord.objects.create(
            instructor=instructor, kind="training", on=date(2022, 3, 10), content="集体协商实务培训（示例）"
        )
        InstructorRecord.objects.create(
            instructor=instructor,
            kind="assessment",
            on=date(2023, 1, 10),
            content="2022年度考核",
            result="excellent" if n % 4 == 0 else "competent",
        )
        made.append(instructor)
    return len(made), made


def _team(negotiation: Negotiation, n: int) -> None:
    Negotiator.objects.bulk_create(
        [
            Negotiator(negotiation=negotiation, side=side, name=f"{label}代表{i + 1}（示例{n}）", chief=i == 0)
            for side, label in (("workers", "职工方"), ("employer", "企业方"))
            for i in range(3)
        ]
    )


def _negotiations(rng: random.Random, root: Any, units: list[Enterprise], instructors: tuple[int, list[Any]]) -> int:
    people = instructors[1]
    campaigns = {
        key: OfferCampaign.objects.create(
            name=f"{year}年{label}工资集体协商要约行动",
            year=year,
            season=season,
            starts_on=start,
            ends_on=end,
            org=root,
        )
        for key, year, season, label, start, end in (
            ("2022s", 2022, "spring", "春季", date(2022, 3, 1), date(2022, 5, 31)),
            ("2022a", 2022, "autumn", "秋季", date(2022, 9, 1), date(2022, 11, 30)),
            ("2023s", 2023, "spring", "春季", date(2023, 3, 1), date(2023, 5, 31)),
        )
    }
    made = 0
    # 2022: each of the first 60 units bargained its wages through to a published contract
    for n, unit in enumerate(units[:60]):
        spring = n % 2 == 0
        offer = date(2022, 3, 8) + timedelta(days=n % 40) if spring else date(2022, 9, 6) + timedelta(days=n % 40)
        signed = offer + timedelta(days=35)
        received = offer + timedelta(days=2)
        negotiation = Negotiation.objects.create(
            enterprise=unit,
            campaign=campaigns["2022s" if spring else "2022a"],
            instructor=people[n % len(people)],
            topics="工资调整幅度、工资支付办法、劳动定额",
            offer_on=offer,
            received_on=received,
            reply_on=received + timedelta(days=10),
            signed_on=signed,
            delegates_total=45,
            delegates_present=40,
            votes_for=38,
            submitted_on=signed + timedelta(days=8),
            labour_received_on=signed + timedelta(days=9),
            published_on=signed + timedelta(days=30),
            status="published",
            org=unit.org,
        )
        _team(negotiation, n)
        NegotiationMeeting.objects.create(
            negotiation=negotiation,
            held_on=offer + timedelta(days=20),
            recorder="记录员（示例）",
            minutes="第一轮协商：双方就工资增长幅度交换意见。",
        )
        starts = negotiation.labour_received_on + timedelta(days=15)
        CollectiveContract.objects.create(
            kind="wage",
            negotiation=negotiation,
            enterprise=unit,
            starts_on=starts,
            ends_on=add_months(starts, 12) - timedelta(days=1),
            employees_covered=unit.employee_count or 100,
            wage_growth=Decimal("4.50") + Decimal(n % 6) / 2,
            org=unit.org,
        )
        made += 1
    # comprehensive contracts (three years) for the next 60 units
    CollectiveContract.objects.bulk_create(
        [
            CollectiveContract(
                kind="comprehensive",
                enterprise=unit,
                starts_on=date(2020, 7, 1) + timedelta(days=n * 3),
                ends_on=add_months(date(2020, 7, 1) + timedelta(days=n * 3), 36) - timedelta(days=1),
                employees_covered=unit.employee_count or 100,
                org=unit.org,
            )
            for n, unit in enumerate(units[60:120])
        ]
    )
    express = CollectiveContract.objects.create(
        kind="trade",
        coverage="栖霞区快递行业（示例）",
        starts_on=date(2022, 7, 1),
        ends_on=date(2025, 6, 30),
        employees_covered=1860,
        wage_growth=Decimal("5.00"),
        org=root,
    )
    express.covered.set([u for u in units if "物流" in u.name][:12])
    # 2023 spring: offers under way on the date
    spring = campaigns["2023s"]
    for n, unit in enumerate(units[120:140]):
        offer = date(2023, 3, 1) + timedelta(days=n)
        received = offer + timedelta(days=1)
        fields: dict[str, Any] = {"reply_on": received + timedelta(days=7), "status": "answered"}
        if n == 0:  # no answer 20 days after receipt: on the overdue list
            fields = {"reply_on": None, "status": "offered"}
        elif n == 1:
            fields = {
                "reply_on": received + timedelta(days=5),
                "status": "refused",
                "refusal_reason": "企业称经营困难（示例）",
            }
        elif n == 2:  # the vote failed (24 of 45 present, under two thirds): back to negotiating
            fields = {
                "reply_on": received + timedelta(days=3),
                "signed_on": date(2023, 3, 25),
                "delegates_total": 45,
                "delegates_present": 24,
                "votes_for": 22,
                "status": "negotiating",
                "remark": "3月31日职代会到会代表不足三分之二，表决无效，继续协商",
            }
        elif n > 12:  # received recently: not yet due
            fields = {"reply_on": None, "status": "offered"}
            offer, received = date(2023, 3, 28) + timedelta(days=n - 13), date(2023, 3, 29) + timedelta(days=n - 13)
        negotiation = Negotiation.objects.create(
            enterprise=unit,
            campaign=spring,
            instructor=people[n % len(people)],
            topics="2023年度工资调整",
            offer_on=offer,
            received_on=received,
            org=unit.org,
            **fields,
        )
        if n == 2:
            _team(negotiation, 1000 + n)
            NegotiationMeeting.objects.create(
                negotiation=negotiation,
                held_on=date(2023, 3, 15),
                recorder="记录员（示例）",
                minutes="协商一致形成草案。",
            )
        made += 1
    return made


def _ratings(units: list[Enterprise]) -> int:
    """2021: the first 44 units at 二星 and others; 2022: the same 44 at 三星 (an earlier 二星 and the
    2022 wage contract), 16 more at 二星 (no earlier 二星: a top score stays 二星), others at 一星."""
    confirmed = {"status": "confirmed", "confirmed_on": date(2022, 1, 20)}
    StarRating.objects.bulk_create(
        [
            StarRating(enterprise=u, year=2021, score=Decimal("85.00"), stars=2, org=u.org, **confirmed)
            for u in units[:THREE_STAR]
        ]
    )
    ratings = []
    for n, unit in enumerate(units[:80]):
        rating = StarRating(
            enterprise=unit,
            year=2022,
            score=Decimal("92.00") if n < 60 else Decimal("75.50"),
            org=unit.org,
            status="confirmed",
            confirmed_on=date(2023, 1, 18),
        )
        rating.clean()  # the stars as the rules derive them
        ratings.append(rating)
    StarRating.objects.bulk_create(ratings)
    # a 2023 draft not yet confirmed: not counted
    StarRating.objects.create(enterprise=units[100], year=2023, score=Decimal("95"), stars=2, org=units[100].org)
    return sum(1 for r in ratings if r.stars == 3)


# --- stations -------------------------------------------------------------------------------------
def _stations(rng: random.Random, root: Any, towns: dict[str, Any]) -> int:
    from core.models import Region

    # the checklist migration 0003 seeds (again here: a flushed test database has lost it)
    seed_dictionary("station_amenity", "驿站服务设施", STATION_AMENITIES)
    amenities = list(DictItem.objects.filter(dict_type__code="station_amenity", is_active=True).order_by("sort"))
    regions = {r.code: r for r in Region.objects.filter(code__in=list(towns))}
    names = dict(data.SUBDISTRICTS)
    hosts = ["社区党群服务中心", "银行网点", "加油站", "便利店", "物业服务中心", "企业工会", "邮政网点"]
    codes = sorted(towns)
    stations = []
    for n in range(STATIONS + 3):
        code = codes[n % len(codes)]
        lng, lat = CENTRES[code]
        host = hosts[n % len(hosts)]
        flagship = n == 4  # 仙林 (the fifth code)
        stations.append(
            Station(
                code=f"QXYZ{n + 1:03d}",
                name="仙林街道户外劳动者服务站" if flagship else f"{names[code][:-2]}{host}爱心驿站（示例{n + 1}）",
                host="仙林街道总工会" if flagship else f"{host}（示例）",
                address=f"南京市栖霞区{names[code]}（示例地址{n + 1}号）",
                subdistrict=regions.get(code),
                longitude=Decimal(f"{lng + rng.uniform(-0.025, 0.025):.6f}"),
                latitude=Decimal(f"{lat + rng.uniform(-0.02, 0.02):.6f}"),
                opened_on=date(2019, 5, 1) + timedelta(days=11 * n),
                closed_on=date(2022, 12, 31) if n == STATIONS else None,  # one closed before the date
                hours="0:00-24:00" if n % 5 == 0 else "8:00-20:00",
                open_24h=n % 5 == 0,
                contact="站长（示例）",
                phone=f"025-8{n:07d}",
                org=towns[code],
            )
        )
    # two opened after the date: not counted on 2023-04-06
    stations[-1].opened_on = stations[-2].opened_on = date(2023, 5, 1)
    Station.objects.bulk_create(stations)
    stations = list(Station.objects.order_by("code"))
    through = Station.amenities.through
    through.objects.bulk_create(
        [
            through(station_id=s.pk, dictitem_id=a.pk)
            for n, s in enumerate(stations)
            for a in amenities[: 4 + n % (len(amenities) - 3)]
        ]
    )
    best = stations[4]
    StationTitle.objects.bulk_create(
        [
            StationTitle(station=best, title="national_best", year=2022, issuer="中华全国总工会"),
            StationTitle(station=best, title="province_five_star", year=2022, issuer="江苏省总工会"),
            StationTitle(station=stations[13], title="province_best", year=2022, issuer="江苏省总工会"),
            StationTitle(station=stations[22], title="province_best", year=2021, issuer="江苏省总工会"),
        ]
    )
    reviews = []
    for n, station in enumerate(stations[4 : 4 + STARRED]):
        checklist = {a.value: True for a in amenities} | {amenities[-1].value: n % 2 == 0}
        reviews.append(
            StationReview(
                station=station,
                level="district",
                reviewed_on=date(2022, 6, 20) + timedelta(days=20 * n),
                checklist=checklist,
                score=Decimal("96") if n == 0 else Decimal("82") + n,
                stars=5 if n == 0 else 3 + n % 2,
            )
        )
    # three reviewed in 2021 and not since: their stars have lapsed by the date
    for station in stations[40:43]:
        reviews.append(
            StationReview(
                station=station,
                level="district",
                reviewed_on=date(2021, 11, 30),
                checklist={a.value: True for a in amenities},
                score=Decimal("80"),
                stars=3,
            )
        )
    StationReview.objects.bulk_create(reviews)
    StationVisit.objects.bulk_create(
        [
            StationVisit(
                station=s, month=date(2022 + (m + 3) // 12, (m + 3) % 12 + 1, 1), visits=150 + (n * 37 + m * 11) % 400
            )
            for n, s in enumerate(stations[:STATIONS])
            for m in range(12)
        ]
    )
    return sum(1 for s in stations if s.in_use(DAY))
