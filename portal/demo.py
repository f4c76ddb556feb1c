"""The portal's part of the demo district: the rights of the 职工 role and of the unions that answer
workers; an industry union that takes couriers and riders; a rider of a platform company without
a union here (not yet a member), to sign in, bind and join as; and things open to sign up for now
(the rest of the demo lies in 2021–23): a class, a competition, a volunteer activity and a
十佳微党课 vote. `HINTS` is what `demo_accounts` prints about the portal."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from stdnum.cn import ric

from core.demo.roles import grant, perms
from core.models import DictItem, Org, Person, User
from core.services import _org_create
from guidance.models import MicroCourse, Nomination, TopTenSelection
from kit.dates import today
from merit.models import Competition, Event
from portal.services import WORKER_PERMISSIONS
from rights.models import VolunteerActivity, VolunteerTeam
from skills.models import TrainingBase, TrainingClass

INDUSTRY_CODE = "320113HY01"
RIDER_NAME = "陈小军"
RIDER_BODY = "32011319950318123"
RIDER_ID = RIDER_BODY + ric.calc_check_digit(RIDER_BODY + "0")
WORKER_PHONE = "13800138000"

HINTS = [
    "职工手机端 /portal/ ：用任意手机号登录，验证码见“职工服务 → 短信发送记录”（admin）或服务日志；",
    f"    {WORKER_PHONE} 是演示职工 worker 的手机（已绑定档案、已是会员）；",
    f"    新号码登录后可用 {RIDER_NAME} / {RIDER_ID} 核对身份（外卖骑手，尚未入会，可试网上入会）。",
]


def _grant() -> None:
    grant("worker", WORKER_PERMISSIONS)
    answer = perms(["membershipapplication"], ["view", "review", "export"], "portal") + perms(
        ["selfregistration"], ["view", "review"], "portal"
    )
    for role in ("district_staff", "subdistrict_staff", "enterprise_chair"):
        grant(role, answer)
    grant("sysadmin", ["portal.view_textmessage"])
    grant("district_staff", ["portal.view_textmessage"])


def load(*, root: Any, towns: dict[str, Any], **_: Any) -> str:
    _grant()
    if Org.objects.filter(code=INDUSTRY_CODE).exists():
        return "已存在，跳过"
    industry = _org_create(
        actor=None,
        parent=root,
        name="栖霞区快递外卖行业工会",
        short_name="快递外卖行业工会",
        kind=Org.Kind.INDUSTRY,
        code=INDUSTRY_CODE,
    )
    categories = list(DictItem.objects.filter(dict_type__code="new_form", value__in=["courier", "rider", "delivery"]))
    industry.serves_new_form.set(categories)
    town = next(iter(towns.values()))
    rider = Person(
        name=RIDER_NAME,
        id_number=RIDER_ID,
        org=town,
        new_form_category=next((c for c in categories if c.value == "rider"), None),
        platform="某外卖平台（示例）",
        job="外卖骑手",
        is_union_member=False,
    )
    rider.full_clean()
    rider.save()
    worker = User.objects.filter(username="worker").first()
    if worker is not None and not worker.phone:
        worker.phone = WORKER_PHONE
        worker.save()

    day = today()
    base = TrainingBase.objects.order_by("id").first()
    if base is not None:
        TrainingClass.objects.create(
            base=base,
            name="新就业形态劳动者安全驾驶与急救培训班（示例）",
            programme="安全与急救",
            starts_on=day + timedelta(days=30),
            ends_on=day + timedelta(days=31),
            capacity=2,  # small, so that the waiting list can be tried
            teachers="区红十字会",
            org=root,
        )
    comp = Competition.objects.create(
        name=f"{day.year + 1}年栖霞区快递员职业技能竞赛（示例）",
        tier="district",
        organisers="栖霞区总工会",
        starts_on=day + timedelta(days=45),
        ends_on=day + timedelta(days=45),
        org=root,
        status="registration",
    )
    Event.objects.create(competition=comp, name="分拣与配送", theory_weight="0.30", practical_weight="0.70")
    team = VolunteerTeam.objects.filter(org=root, dissolved_on__isnull=True).order_by("id").first()
    if team is not None:
        VolunteerActivity.objects.create(
            team=team,
            title="爱心驿站周末值守（示例）",
            held_on=day + timedelta(days=14),
            place="栖霞区总工会职工服务中心",
            capacity=10,
            status="published",
        )
    courses = list(MicroCourse.objects.order_by("id")[:5])
    if courses and not TopTenSelection.objects.filter(year=day.year).exists():
        now = timezone.now()
        selection = TopTenSelection.objects.create(
            year=day.year,
            title=f"{day.year}年度“十佳微党课”网络投票（示例）",
            vote_opens=now - timedelta(days=1),
            vote_closes=now + timedelta(days=30),
            org=root,
        )
        for course in courses:
            Nomination.objects.create(selection=selection, course=course, nominated_by="栖霞区总工会")
    return f"行业工会 1 个、待入会骑手 1 名、开放报名的班次、竞赛、志愿活动和投票各 1 项（{industry}）"
