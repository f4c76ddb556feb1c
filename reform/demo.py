"""The demo district's 一体化推进 records, as of the source bulletin (2023-04-06): 21 projects on the
list, 100 service positions, 100 micro-service projects, 100 key-contact non-public enterprises,
the 党工共建实施意见 issued five years running. Documents and initiatives named by the bulletin are
real titles; projects, positions, enterprises and people are invented (marked 示例)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from stdnum.cn import uscc

from core.demo.roles import ALL_ACTIONS, grant, perms
from core.models import Enterprise, PolicyDocument
from reform.models import (
    Activity,
    Initiative,
    KeyContact,
    MicroService,
    Milestone,
    ProgressReport,
    ReformProject,
    ServicePosition,
    Visit,
)

BULLETIN_DATE = date(2023, 4, 6)
MODELS = [
    "initiative",
    "reformproject",
    "milestone",
    "progressreport",
    "serviceposition",
    "positioncheck",
    "microservice",
    "keycontact",
    "visit",
    "activity",
]

PROJECTS = [
    ("区委组织部", "“两新”组织党务工作者专业化建设（四级五专）"),
    ("区委组织部", "党建带工建示范点创建"),
    ("区总工会", "党工服务阵地标准化建设"),
    ("区总工会", "党工共建微服务项目培育"),
    ("区总工会", "重点联系非公企业走访全覆盖"),
    ("区总工会", "产业工人思想政治引领宣讲"),
    ("区委宣传部", "产改工作典型联宣"),
    ("区人力资源和社会保障局", "产业工人技能等级认定扩面"),
    ("区人力资源和社会保障局", "工资集体协商春秋要约行动"),
    ("区科学技术局", "职工科技创新成果转化"),
    ("区教育局", "劳模工匠进校园"),
    ("区教育局", "校企共建产业技能人才实训基地"),
    ("区总工会", "劳模（职工）创新工作室建设"),
    ("区总工会", "新就业形态劳动者入会服务"),
    ("区总工会", "安康·爱心驿站规范化建设"),
    ("区司法局", "职工法律援助“一庭三室”建设"),
    ("区财政局", "产改专项经费保障"),
    ("区总工会", "互助互济保险扩面"),
    ("区委组织部", "党工联建阵地共享"),
    ("区总工会", "职工志愿服务队伍建设"),
    ("区总工会", "产改工作联评"),
]


def _credit(n: int) -> str:
    body = f"91320113MA2P{n:05d}"
    return body + uscc.calc_check_digit(body)


def load(
    *,
    root: Any,
    towns: dict[str, Any],
    enterprises: dict[str, Any],
    units: dict[str, Any],
    items: dict[str, Any],
    **_: Any,
) -> str:
    district_perms = [
        *perms(MODELS, ALL_ACTIONS, "reform"),
        "reform.review_progressreport",
        "reform.review_reformproject",
    ]
    grant("district_staff", district_perms)
    # organising evaluations (kit scoring): sheets, rounds, subjects, scorers; scores are read-only
    grant(
        "district_staff",
        [
            *perms(
                ["scoresheet", "criterion", "scoringround", "roundsubject", "roundscorer"],
                ["view", "add", "change", "delete"],
                "kit",
            ),
            "kit.view_score",
        ],
    )
    grant("subdistrict_staff", perms(MODELS, ["view", "add", "change", "export"], "reform"))
    grant(
        "enterprise_chair",
        perms(["serviceposition", "microservice", "activity", "keycontact", "visit"], ["view"], "reform"),
    )
    grant(
        "member_unit",
        perms(["reformproject", "milestone", "initiative"], ["view"], "reform")
        + perms(["progressreport"], ["view", "add", "change"], "reform")
        + ["core.view_policydocument"],
    )
    if ReformProject.all_objects.exists():
        return "已存在，跳过"
    summary = _load(root=root, towns=towns, units=units, items=items)
    return "；".join(x for x in (summary, load_evaluation(root=root)) if x)


def _load(*, root: Any, towns: dict[str, Any], units: dict[str, Any], items: dict[str, Any]) -> str:
    rng = random.Random(20230406)

    for year in range(2019, 2024):
        PolicyDocument.objects.create(
            title=f"{year}年栖霞区党工共建工作实施意见",
            kind="opinion",
            series="党工共建实施意见",
            issuer="中共南京市栖霞区委组织部、南京市栖霞区总工会",
            doc_number=f"栖组通〔{year}〕{rng.randint(5, 40)}号",
            year=year,
            issued_on=date(year, 2, 20),
            org=root,
        )
    mechanism = PolicyDocument.objects.create(
        title="探索建立栖霞区党建、工建、产改一体化推进机制的实施意见",
        kind="opinion",
        series="一体化推进机制",
        issuer="中共南京市栖霞区委组织部、南京市栖霞区总工会",
        doc_number="栖组通〔2022〕18号",
        year=2022,
        issued_on=date(2022, 5, 10),
        org=root,
    )
    initiative = Initiative.objects.create(
        name="党建、工建、产改一体化推进机制",
        policy=mechanism,
        org=root,
        measures="组织体系一体化\n阵地建设一体化\n队伍建设一体化\n活动开展一体化\n考核评价一体化",
    )

    for i, (unit_name, name) in enumerate(PROJECTS):
        start = date(2022, 6, 1) + timedelta(days=10 * (i % 6))
        project = ReformProject.objects.create(
            initiative=initiative,
            name=name,
            owner_unit=units[unit_name],
            lead="（示例）",
            org=root,
            target=f"{name}：年内完成既定任务",
            target_value=100,
            target_unit="%",
            start_date=start,
            due_date=date(2023, 12, 31),
        )
        Milestone.objects.create(
            project=project, name="制定方案", due_date=start + timedelta(days=30), done_on=start + timedelta(days=25)
        )
        Milestone.objects.create(project=project, name="全面推进", due_date=date(2023, 9, 30))
        ProgressReport.objects.create(
            project=project,
            period_start=start,
            period_end=date(2023, 3, 31),
            value_reached=40 + (i * 7) % 50,
            narrative="按计划推进（示例）",
            status=ProgressReport.Status.ACCEPTED,
        )

    # 100 key-contact non-public enterprises (invented), spread over the sub-districts
    town_codes = sorted(towns)
    kinds = ["科技", "智能装备", "新材料", "电子", "物流", "软件", "精密制造", "环保", "生物", "包装"]
    key_enterprises = []
    for n in range(100):
        town = town_codes[n % len(town_codes)]
        ent = Enterprise.objects.filter(uscc=_credit(n)).first() or Enterprise.objects.create(
            name=f"南京栖霞{kinds[n % 10]}{n + 1:03d}有限公司（示例）",
            uscc=_credit(n),
            ownership="private",
            industry=items["industry"]["manufacturing"],
            subdistrict=towns[town].region,
            org=towns[town],
            employee_count=50 + (n * 37) % 400,
            is_key_contact=True,
            address=f"南京市栖霞区{towns[town].short_name}（示例地址）",
        )
        key_enterprises.append(ent)
        KeyContact.objects.create(
            enterprise=ent,
            contact=f"联系人{n + 1:03d}（示例）",
            contact_unit="区总工会",
            since=date(2021, 3, 1) + timedelta(days=n),
        )
        if n % 4 == 0:
            Visit.objects.create(
                enterprise=ent,
                visited_on=date(2022, 9, 1) + timedelta(days=n),
                visitors="区总工会联络组（示例）",
                issues="职工技能培训需求",
            )

    for n in range(100):
        town = town_codes[n % len(town_codes)]
        host = key_enterprises[n]
        position = ServicePosition.objects.create(
            name=f"{host.name.replace('有限公司（示例）', '')}党工服务站（示例）",
            kind="enterprise",
            host_enterprise=host,
            opened_on=date(2019, 6, 1) + timedelta(days=12 * n),
            level="model" if n < 20 else "standard",
            org=towns[town],
        )
        MicroService.objects.create(
            name=f"{['技能微课堂', '法律微咨询', '健康微体检', '心理微疏导', '子女微托管'][n % 5]}{n + 1:03d}（示例）",
            position=position,
            enterprise=host,
            launched_on=date(2020, 3, 1) + timedelta(days=11 * n),
            beneficiaries=30 + n,
            org=towns[town],
        )

    Activity.objects.create(
        kind="publicity",
        title="全省工会深化“三创争两提升”活动暨党建带工建“重整行装再出发”研讨会",
        held_on=date(2020, 10, 15),
        participants=150,
        org=root,
        summary="研讨会在栖霞召开（据专报）",
    )
    for n in range(12):
        Activity.objects.create(
            kind=["position", "event", "evaluation", "publicity"][n % 4],
            title=f"四带四联活动{n + 1}（示例）",
            held_on=date(2022, 1, 10) + timedelta(days=25 * n),
            participants=40 + n * 5,
            org=root,
        )
    return "21 个项目、100 个阵地、100 个微服务项目、100 家重点联系企业"


def load_evaluation(*, root: Any) -> str:
    """The 2022 year-end joint evaluation (工作联评), scored by three district reviewers and signed off."""
    from core.models import User
    from kit import scoring
    from kit.models import Criterion, ScoreSheet, ScoringRound
    from reform.services import PURPOSE, evaluation_start

    if ScoringRound.objects.filter(purpose=PURPOSE).exists():
        return ""
    admin = User.objects.get(username="admin")
    sheet = ScoreSheet.objects.create(
        name="产改项目工作联评评分表",
        aggregation="drop_high_low",
        tie_break=["goal", "innovation"],
        tie_break_note="总分相同时，依次比较“目标完成”“创新成效”得分",
    )
    for sort, (code, name, top) in enumerate(
        [("org", "组织推进", 30), ("goal", "目标完成", 50), ("innovation", "创新成效", 20)]
    ):
        Criterion.objects.create(sheet=sheet, code=code, name=name, kind="score", min_score=0, max_score=top, sort=sort)
    Criterion.objects.create(
        sheet=sheet, code="false_material", name="材料不实", kind="deduction", max_score=10, sort=9
    )
    reviewers = []
    for n in range(1, 4):
        user = User.objects.filter(username=f"reviewer{n}").first()
        if user is None:
            user = User(username=f"reviewer{n}", name=f"联评评审{n}（示例）", org=root)
            user.set_password("Changai@2023")
            user.save()
        reviewers.append(user)
    round_ = evaluation_start(actor=admin, year=2022, sheet=sheet, org=root, scorers=reviewers)
    leaves = {c.code: c.pk for c in Criterion.objects.filter(sheet=sheet)}
    rng = random.Random(2022)
    for subject in round_.subjects.all():
        for reviewer in reviewers:
            scoring.enter_scores(
                round=round_,
                actor=reviewer,
                subject=subject,
                values={
                    leaves["org"]: rng.randint(22, 30),
                    leaves["goal"]: rng.randint(35, 50),
                    leaves["innovation"]: rng.randint(12, 20),
                    leaves["false_material"]: 0,
                },
            )
    scoring.close_round(round=round_, actor=admin, comment="评审组签字确认")
    return "2022 年工作联评（21 个项目，3 名评审，已签字确认）"
