"""The demo district's 思想引领 records, as of 2023-04-06: 237 lectures with 20,462 workers,
teachers and students (the bulletin: "累计开展宣讲 237 场，2 万余名职工、师生参与"), the
《职工思想政治教育和文化建设工作实施意见》 issued three years running, the lecturer group, the
online micro-course classroom with a 2022 top-ten selection, media reports and the 优秀组织奖.
Titles the bulletin names are real; lecturers, lectures and courses are invented (示例)."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from core.demo.dicts import seed_dictionary
from core.demo.roles import ALL_ACTIONS, grant, perms
from core.models import Person, PolicyDocument
from guidance.models import Lecture, Lecturer, MediaReport, MicroCourse, Nomination, TopTenSelection, UnionHonour

MODELS = ["lecturer", "lecture", "microcourse", "toptenselection", "nomination", "mediareport", "unionhonour"]
LECTURES = 237
AUDIENCE = 20_462
SHANGHAI = ZoneInfo("Asia/Shanghai")


def load(*, root: Any, towns: dict[str, Any], enterprises: dict[str, Any], **_: Any) -> str:
    grant("district_staff", perms(MODELS, ALL_ACTIONS, "guidance"))
    grant("subdistrict_staff", perms(MODELS, ["view", "add", "change", "export"], "guidance"))
    grant("enterprise_chair", perms(["lecture", "microcourse", "toptenselection"], ["view"], "guidance"))
    # every role whose users may vote in the 十佳微党课 selection
    for role in ("district_staff", "subdistrict_staff", "enterprise_chair", "worker"):
        grant(role, ["guidance.add_vote"])
    campaigns = list(
        seed_dictionary(
            "lecture_campaign",
            "宣讲活动",
            [("to_school", "劳模工匠进校园"), ("to_enterprise", "思政教师进企业"), ("theory", "党的创新理论宣讲")],
        ).values()
    )
    if Lecture.all_objects.exists():
        return "已存在，跳过"
    rng = random.Random(2023)

    for year in (2021, 2022, 2023):
        PolicyDocument.objects.create(
            title=f"{year}年栖霞区职工思想政治教育和文化建设工作实施意见",
            kind="opinion",
            series="职工思想政治教育和文化建设工作实施意见",
            issuer="南京市栖霞区总工会",
            doc_number=f"栖工〔{year}〕{rng.randint(3, 30)}号",
            year=year,
            issued_on=date(year, 3, 1),
            org=root,
        )

    lecturers = []
    honoured = Person.objects.filter(honours__isnull=False).distinct()[:12]
    for p in honoured:
        lecturers.append(
            Lecturer.objects.create(
                person=p,
                name=p.name,
                kind="model_worker",
                org=root,
                affiliation=str(p.employer or ""),
                specialities="劳模精神、工匠精神",
            )
        )
    for n in range(8):
        lecturers.append(
            Lecturer.objects.create(
                name=f"党校教师{n + 1}（示例）",
                kind="party_school",
                org=root,
                affiliation="中共南京市栖霞区委党校",
                specialities="党的创新理论",
            )
        )

    # 237 sessions between 2020-03 and 2023-03; audiences that add up to exactly AUDIENCE
    ent_list = list(enterprises.values())
    audiences = [rng.randint(40, 130) for _ in range(LECTURES)]
    audiences[-1] += AUDIENCE - sum(audiences)
    town_orgs = list(towns.values())
    for n, total in enumerate(audiences):
        held = date(2020, 3, 2) + timedelta(days=(n * 1095) // LECTURES)
        campaign = campaigns[n % 3]
        to_school = campaign.value == "to_school"
        lecture = Lecture.objects.create(
            held_on=held,
            topic=f"{'劳模精神进课堂' if to_school else '学习贯彻党的创新理论'}（第{n + 1}场，示例）",
            venue_type="school" if to_school else "enterprise",
            host_school="南京信息职业技术学院" if to_school else "",
            host_enterprise=None if to_school else ent_list[n % len(ent_list)],
            campaign=campaign,
            audience_students=total if to_school else 0,
            audience_workers=0 if to_school else total,
            org=town_orgs[n % len(town_orgs)],
        )
        lecture.lecturers.set([lecturers[n % len(lecturers)]])

    courses = [
        MicroCourse.objects.create(
            title=f"微党课：{t}（示例）",
            author=f"主讲人{i + 1}（示例）",
            published_on=date(2022, 3, 1) + timedelta(days=20 * i),
            views=500 + 37 * i,
            org=root,
        )
        for i, t in enumerate(
            [
                "从劳模精神看初心",
                "一线班组里的党课",
                "工匠的坚守",
                "产业工人的新时代",
                "技能成才之路",
                "安全生产与责任",
                "师带徒的传承",
                "创新工作室的故事",
                "快递小哥的温暖",
                "网聚职工正能量",
                "法治护航劳动者",
                "我身边的共产党员",
            ]
        )
    ]
    selection = TopTenSelection.objects.create(
        year=2022,
        title="2022年度栖霞区“十佳微党课”评选",
        org=root,
        vote_opens=datetime(2022, 11, 1, 9, tzinfo=SHANGHAI),
        vote_closes=datetime(2022, 11, 30, 18, tzinfo=SHANGHAI),
        published_on=date(2022, 12, 20),
    )
    for course in courses:
        Nomination.objects.create(selection=selection, course=course, nominated_by="区总工会")

    for outlet, level, title, day in [
        ("工人日报", "national", "南京栖霞：“四聚焦”“四培养”推动产改落地见效", date(2022, 11, 18)),
        ("中共江苏省委新闻网", "province", "栖霞区党建带工建助推产业工人队伍建设改革", date(2022, 7, 6)),
        ("工人日报", "national", "栖霞区劳模创新工作组助农增收", date(2021, 9, 23)),
        ("中共江苏省委新闻网", "province", "栖霞“一庭三室”畅通职工维权渠道", date(2023, 3, 15)),
    ]:
        MediaReport.objects.create(title=title, outlet=outlet, level=level, published_on=day, org=root)
    UnionHonour.objects.create(
        name="优秀组织奖",
        activity="网聚职工正能量 争做中国好网民",
        issuer="南京市总工会",
        level="city",
        awarded_on=date(2022, 12, 28),
        org=root,
    )
    extra = load_expert_round(root=root, selection=selection)
    return f"{LECTURES} 场宣讲（{AUDIENCE} 人次）、{len(lecturers)} 名讲师、{len(courses)} 门微党课；{extra}"


def load_expert_round(*, root: Any, selection: TopTenSelection) -> str:
    """Expert scores for the 2022 top-ten selection (a closed kit scoring round) and some votes."""
    from core.models import User
    from guidance.models import Vote
    from kit import scoring
    from kit.models import Criterion, RoundScorer, RoundSubject, ScoreSheet, ScoringRound

    admin = User.objects.get(username="admin")
    sheet = ScoreSheet.objects.create(
        name="十佳微党课专家评分表",
        aggregation="mean",
        tie_break=["thought"],
        tie_break_note="总分相同时比较“思想性”得分",
    )
    for sort, (code, name, top) in enumerate(
        [("thought", "思想性", 40), ("art", "艺术性", 30), ("appeal", "感染力", 30)]
    ):
        Criterion.objects.create(sheet=sheet, code=code, name=name, kind="score", min_score=0, max_score=top, sort=sort)
    round_ = ScoringRound.objects.create(sheet=sheet, title="2022年度十佳微党课专家评审", purpose="topten", org=root)
    experts = []
    for n in range(1, 4):
        user = User.objects.filter(username=f"expert{n}").first()
        if user is None:
            user = User(username=f"expert{n}", name=f"评审专家{n}（示例）", org=root)
            user.set_password("Changai@2023")
            user.save()
        experts.append(user)
        RoundScorer.objects.create(round=round_, user=user, role="专家")
    leaves = {c.code: c.pk for c in Criterion.objects.filter(sheet=sheet)}
    rng = random.Random(1122)
    for i, nomination in enumerate(selection.nominations.select_related("course")):
        subject = RoundSubject.objects.create(
            round=round_,
            object_type="guidance.nomination",
            object_id=str(nomination.pk),
            label=str(nomination.course),
            sort=i,
        )
        for expert in experts:
            scoring.enter_scores(
                round=round_,
                actor=expert,
                subject=subject,
                values={
                    leaves["thought"]: rng.randint(28, 40),
                    leaves["art"]: rng.randint(20, 30),
                    leaves["appeal"]: rng.randint(20, 30),
                },
            )
    scoring.close_round(round=round_, actor=admin, comment="专家组签字确认")
    selection.scoring_round = round_
    selection.save(update_fields=["scoring_round"])
    voters = list(User.objects.all())
    day0 = selection.vote_opens.astimezone(SHANGHAI).date()
    for d in range(20):
        for v, voter in enumerate(voters):
            nomination = list(selection.nominations.all())[(v * 3 + d * (v % 4 + 1)) % selection.nominations.count()]
            Vote.objects.get_or_create(
                nomination=nomination,
                voter=voter,
                voted_on=day0 + timedelta(days=d),
                defaults={"at": selection.vote_opens + timedelta(days=d, hours=v % 8)},
            )
    return f"专家评审 {len(experts)} 人、投票 {Vote.objects.count()} 张"
