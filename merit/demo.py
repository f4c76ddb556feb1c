"""The demo district's 建功立业 records as of 2023-04-06: 106 innovation studios at all levels, five
model-worker innovation groups with temporary party branches, the "一棵葡萄·一个梦想" project
(八卦洲街道 farmers, 48 families in 山西壶关 lifted out of poverty, 9,000 yuan more per household a
year, 江苏省服务职工优质项目一等奖), and the district's express-delivery, preschool and HR-window
skills competitions. Names the bulletin gives are real; studios, people and scores are invented."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from core.demo.roles import ALL_ACTIONS, grant, perms
from core.models import Person, User
from merit.models import Competition, Event, GroupProject, Studio, StudioLevel, WorkGroup

MODELS = [
    "competition",
    "event",
    "registration",
    "award",
    "studio",
    "studiolevel",
    "studioreview",
    "workgroup",
    "groupproject",
]
# 106 studios: national, province, city, district, enterprise
STUDIO_LEVELS = [("national", 2), ("province", 9), ("city", 25), ("district", 30), ("enterprise", 40)]


def load(*, root: Any, enterprises: dict[str, Any], items: dict[str, Any], **_: Any) -> str:
    grant("district_staff", perms(MODELS, ALL_ACTIONS, "merit"))
    grant("subdistrict_staff", perms(MODELS, ["view", "add", "change", "export"], "merit"))
    grant(
        "enterprise_chair",
        perms(["competition", "event", "award", "studio", "studioreview"], ["view"], "merit")
        + perms(["registration"], ["view", "add"], "merit"),
    )
    if Studio.all_objects.exists():
        return "已存在，跳过"
    rng = random.Random(106)
    ent_list = [e for e in enterprises.values() if e.people.exists()]
    n = 0
    for level, count in STUDIO_LEVELS:
        for _step in range(count):
            host = ent_list[n % len(ent_list)]
            leader = host.people.order_by("id")[n % max(1, host.people.count())]
            founded = date(2016, 3, 1) + timedelta(days=23 * n)
            studio = Studio.objects.create(
                name=f"{leader.name}劳模创新工作室（示例{n + 1:03d}）",
                kind="model_worker",
                level=level,
                host=host,
                leader=leader,
                field="技术革新",
                founded_on=founded,
                org=host.org,
            )
            # every studio starts at enterprise level and is promoted step by step to where it is now
            steps = ["enterprise", "district", "city", "province", "national"]
            for i, step in enumerate(steps[: steps.index(level) + 1]):
                StudioLevel.objects.create(studio=studio, level=step, since=founded + timedelta(days=300 * i))
            n += 1
    # one studio recognised after the bulletin's date does not count in it
    late_host = ent_list[0]
    late = Studio.objects.create(
        name="新建职工创新工作室（示例，2023年5月命名）",
        kind="worker",
        level="enterprise",
        host=late_host,
        leader=late_host.people.first(),
        founded_on=date(2023, 5, 8),
        org=late_host.org,
    )
    StudioLevel.objects.create(studio=late, level="enterprise", since=date(2023, 5, 8))

    models = list(Person.objects.filter(honours__isnull=False).distinct()[:10])
    groups = []
    for i, (theme, name) in enumerate(
        [
            ("poverty", "精准扶贫"),
            ("innovation", "科技创新"),
            ("education", "助学帮扶"),
            ("governance", "社会治理"),
            ("innovation", "智能制造攻关"),
        ]
    ):
        group = WorkGroup.objects.create(
            name=f"劳模（五一劳动奖章人才）{name}工作组",
            theme=theme,
            party_branch=f"{name}工作组临时党支部",
            founded_on=date(2020, 5, 1 + i),
            support="区委区政府在政策、资金、服务等方面给予支持",
            org=root,
        )
        group.members.set(models[i * 2 : i * 2 + 2])
        groups.append(group)
    GroupProject.objects.create(
        group=groups[0],
        name="一棵葡萄·一个梦想",
        beneficiary_area="山西壶关",
        households=48,
        income_increase=9000,
        started_on=date(2020, 6, 1),
        results="助力八卦洲街道部分农民每年每户增收9000元以上，帮助山西壶关48户困难家庭精准脱贫",
        honours="江苏省服务职工优质项目一等奖",
    )

    judges = []
    for j in range(1, 4):
        user = User.objects.filter(username=f"judge{j}").first()
        if user is None:
            user = User(username=f"judge{j}", name=f"竞赛裁判{j}（示例）", org=root)
            user.set_password("Changai@2023")
            user.save()
        judges.append(user)
    express = items["industry"]["express"]
    preschool = items["industry"]["preschool"]
    public = items["industry"]["public"]
    for name, industry, day in [
        ("栖霞区快递行业职工技能竞赛", express, date(2022, 9, 20)),
        ("栖霞区幼教行业职工技能竞赛", preschool, date(2022, 10, 18)),
        ("栖霞区人社窗口技能竞赛", public, date(2022, 11, 15)),
    ]:
        _competition(root=root, name=name, industry=industry, day=day, judges=judges, rng=rng)
    return f"{n} 家创新工作室、{len(groups)} 个劳模创新工作组、3 项行业技能竞赛"


def _competition(*, root: Any, name: str, industry: Any, day: date, judges: list[Any], rng: random.Random) -> None:
    from kit import scoring
    from merit import services

    admin = User.objects.get(username="admin")
    comp = Competition.objects.create(
        name=name,
        tier="industry",
        industry=industry,
        organisers="栖霞区总工会、区人社局",
        training="赛前集中培训两周（示例）",
        starts_on=day,
        ends_on=day,
        org=root,
        status="registration",
    )
    event = Event.objects.create(
        competition=comp, name="综合技能", theory_weight="0.30", practical_weight="0.70", drop_high_low=True
    )
    total = Person.objects.count()
    offset = rng.randint(0, max(0, total - 12))
    people = list(Person.objects.order_by("id")[offset : offset + 12])
    for person in people:
        services.register(actor=admin, event=event, person=person)
    Competition.objects.filter(pk=comp.pk).update(status="contest")
    round_ = services.event_setup(actor=admin, event=event, judges=judges)
    leaves = {c.code: c.pk for c in round_.sheet.criteria.all()}
    for subject in round_.subjects.all():
        for judge in judges:
            scoring.enter_scores(
                round=round_,
                actor=judge,
                subject=subject,
                values={leaves["theory"]: rng.randint(60, 98), leaves["practical"]: rng.randint(60, 98)},
            )
    scoring.close_round(round=round_, actor=admin, comment="裁判组签字确认")
    services.award(actor=admin, event=event, granted_on=day + timedelta(days=7))
    Competition.objects.filter(pk=comp.pk).update(status="awarded")
