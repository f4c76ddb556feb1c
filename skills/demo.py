"""The demo district's 技能提升 records as of 2023-04-06: the 传帮带 pilot at 南京银茂铅锌矿业有限公司
(5 invention patents, 2 winners of the 市职工发明专利奖, 1 市劳动模范, net profit and income up more
than 8 % a year), the 2021 and 2022 selections (12 innovation achievements, 9 operation methods), the
training base at 南京信息职业技术学院 with 36 classes and 5,200 person-times, and 9 innovation projects.
Names the bulletin gives are real; people, patents, classes and figures behind them are invented."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from core.demo.roles import ALL_ACTIONS, grant, perms
from core.models import Enterprise, Person
from skills.models import (
    Enrolment,
    EnterpriseResult,
    InnovationProject,
    Mentorship,
    MentorshipPilot,
    Outcome,
    SelectionRound,
    Submission,
    TrainingBase,
    TrainingClass,
)

MODELS = [
    "mentorshippilot",
    "mentorship",
    "outcome",
    "enterpriseresult",
    "trainingbase",
    "trainingclass",
    "enrolment",
    "session",
    "attendance",
    "appraisal",
    "innovationproject",
    "selectionround",
    "submission",
    "objection",
]
CLASSES, PERSON_TIMES = 36, 5200
SHANGHAI = ZoneInfo("Asia/Shanghai")


def load(*, root: Any, enterprises: dict[str, Any], **_: Any) -> str:
    grant("district_staff", perms(MODELS, ALL_ACTIONS, "skills"))
    grant("subdistrict_staff", perms(MODELS, ["view", "add", "change", "export"], "skills"))
    grant(
        "enterprise_chair",
        perms(["mentorshippilot", "mentorship", "outcome", "trainingclass", "submission"], ["view"], "skills")
        + perms(["enrolment", "submission"], ["view", "add"], "skills"),
    )
    if MentorshipPilot.all_objects.exists():
        return "已存在，跳过"
    from core.management.commands.load_demo import fictitious_id_number, fictitious_mobile

    rng = random.Random(5200)
    yinmao = enterprises["南京银茂铅锌矿业有限公司"]
    pilot = MentorshipPilot.objects.create(
        name="新型师徒“传帮带”试点",
        enterprise=yinmao,
        started_on=date(2019, 3, 1),
        org=yinmao.org,
        responsibility="师徒签订帮带目标责任书，按年考核，成果与评先评优挂钩",
    )
    staff = list(yinmao.people.order_by("id")[:12])
    while len(staff) < 12:  # a small demo (load_demo --people 20) still gets the pilot's six pairs
        person = Person(
            name=f"银茂职工{len(staff) + 1:02d}（示例）",
            id_number=fictitious_id_number(rng),
            phone=fictitious_mobile(rng),
            employer=yinmao,
            org=yinmao.org,
            job="选矿工",
        )
        person.full_clean()
        person.save()
        staff.append(person)
    pairs = []
    chains = ["party", "model", "leader"]
    for i in range(0, min(len(staff), 12) - 1, 2):
        pairs.append(
            Mentorship.objects.create(
                pilot=pilot,
                mentor=staff[i],
                apprentice=staff[i + 1],
                chain=chains[(i // 2) % 3],
                goals="三年内技能等级提升一级，参与一项技术攻关",
                starts_on=date(2019, 4, 1),
                ends_on=date(2022, 3, 31),
                final="excellent",
            )
        )
    for n in range(5):
        pair = pairs[n % len(pairs)]
        Outcome.objects.create(
            mentorship=pair,
            kind="patent",
            title=f"一种选矿工艺改进装置（示例{n + 1}）",
            number=f"ZL2021100{n:05d}.X",
            person=pair.apprentice,
            obtained_on=date(2020, 6, 1) + timedelta(days=150 * n),
        )
    for n in range(2):
        pair = pairs[n]
        Outcome.objects.create(
            mentorship=pair,
            kind="award",
            title="市职工发明专利奖",
            person=pair.apprentice,
            obtained_on=date(2022, 5, 1),
        )
    Outcome.objects.create(
        mentorship=pairs[0], kind="title", title="市劳动模范", person=pairs[0].mentor, obtained_on=date(2022, 4, 28)
    )
    for year, profit, income in [(2020, "8.6", "8.2"), (2021, "9.1", "8.8"), (2022, "8.4", "8.5")]:
        EnterpriseResult.objects.create(
            pilot=pilot,
            year=year,
            profit_growth=profit,
            income_growth=income,
            source="企业年度财务报告、工资台账（示例）",
        )

    ent_list = list(enterprises.values())
    for kind, quotas in (("innovation", {2021: 6, 2022: 6}), ("method", {2021: 4, 2022: 5})):
        label = dict(SelectionRound.Kind.choices)[kind]
        for year, quota in quotas.items():
            sel = SelectionRound.objects.create(
                kind=kind,
                year=year,
                title=f"{year}年栖霞区{label}评选",
                quota=quota,
                submission_closes=date(year, 6, 30),
                publicity_starts=date(year, 9, 1),
                publicity_ends=date(year, 9, 7),
                status="awarded",
                org=root,
            )
            for k in range(quota + 3):  # three entries not awarded
                ent = ent_list[(k + year) % len(ent_list)]
                prize = "first" if k == 0 else "second" if k < 3 else "third" if k < quota else ""
                sub = Submission.objects.create(
                    round=sel,
                    enterprise=ent,
                    title=f"{label}（示例{year}-{k + 1}）",
                    summary="在生产一线应用，效益显著（示例）",
                    eligibility="eligible",
                    prize=prize,
                    org=ent.org,
                )
                author = ent.people.first()
                if author:
                    sub.authors.set([author])

    base = TrainingBase.objects.create(
        name="栖霞区产业技能人才培养实训基地",
        partner="南京信息职业技术学院",
        plaque_on=date(2021, 5, 20),
        capacity=3000,
        org=root,
    )
    pool = list(Person.objects.all())
    employers = [e for e in ent_list if isinstance(e, Enterprise)]
    while len(pool) < 160:  # trainees (fictitious) so that the demo's classes can be as large as the real ones
        n = len(pool)
        person = Person(
            name=f"学员{n + 1:03d}（示例）",
            id_number=fictitious_id_number(rng),
            phone=fictitious_mobile(rng),
            employer=employers[n % len(employers)],
            org=employers[n % len(employers)].org,
            job="操作工",
        )
        person.full_clean()
        person.save()
        pool.append(person)
    sizes = [PERSON_TIMES // CLASSES + (1 if i < PERSON_TIMES % CLASSES else 0) for i in range(CLASSES)]
    classes = []
    for i, size in enumerate(sizes):
        start = date(2021, 6, 7) + timedelta(days=18 * i)
        tc = TrainingClass.objects.create(
            base=base,
            name=f"产业工人“火种”计划第{i + 1}期（示例）",
            programme="数控与智能制造",
            starts_on=start,
            ends_on=start + timedelta(days=10),
            capacity=size,
            teachers="南京信息职业技术学院教师团队",
            org=root,
        )
        classes.append(tc)
        trainees = rng.sample(pool, min(size, len(pool)))
        signed = datetime(tc.starts_on.year, tc.starts_on.month, tc.starts_on.day, 9, tzinfo=SHANGHAI) - timedelta(
            days=7
        )
        Enrolment.objects.bulk_create(
            [Enrolment(training_class=tc, person=p, status="completed", signed_up_at=signed) for p in trainees]
        )
    for n in range(9):
        tc = classes[3 + n * 3]
        InnovationProject.objects.create(
            name=f"生产线技术改造项目（示例{n + 1}）",
            training_class=tc,
            enterprise=ent_list[n % len(ent_list)],
            started_on=tc.ends_on + timedelta(days=30),
            result="节能降耗、提升良品率（示例）",
            org=root,
        )
    return (
        f"传帮带试点（{len(pairs)} 对）、评选 4 轮、{CLASSES} 个班次 "
        f"{Enrolment.objects.filter(status='completed').count()} 人次、9 个创新项目"
    )
