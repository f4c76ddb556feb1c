"""Pages of 建功立业: declarations for kit.crud, the overview and the event's scoring and awards."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from kit import declare
from kit.crud import CrudViews
from kit.figures import FiguresPage
from merit import excel, selectors, services
from merit import figures as merit_figures
from merit.models import (
    Award,
    Competition,
    Event,
    GroupProject,
    Registration,
    Studio,
    StudioLevel,
    StudioReview,
    WorkGroup,
)

CRUMBS = [("建功立业", "/merit/")]


class CompetitionViews(CrudViews):
    model = Competition
    table = declare.table(
        Competition, ["name", "tier", "industry", "starts_on", "status", "org"], default_sort="-starts_on"
    )
    form = declare.form(
        Competition, ["name", "tier", "industry", "organisers", "training", "starts_on", "ends_on", "org", "remark"]
    )
    filterset = declare.filterset(Competition, ["tier", "industry", "status"])
    excel = excel.competition
    search = staticmethod(lambda qs, q: qs.filter(name__contains=q))  # type: ignore[assignment]
    detail_fieldsets = [
        (
            "竞赛",
            ["name", "tier", "industry", "organisers", "training", "starts_on", "ends_on", "status", "org", "remark"],
        )
    ]
    detail_related = [
        ("比赛项目", "events", declare.table(Event, ["name", "theory_weight", "practical_weight", "drop_high_low"]))
    ]
    parent_crumbs = CRUMBS


class EventViews(CrudViews):
    model = Event
    table = declare.table(Event, ["name", "competition", "theory_weight", "practical_weight", "time_limit"])
    form = declare.form(
        Event,
        [
            "competition",
            "name",
            "theory_weight",
            "practical_weight",
            "time_limit",
            "eligibility",
            "drop_high_low",
            "remark",
        ],
    )
    search = staticmethod(lambda qs, q: qs.filter(name__contains=q))  # type: ignore[assignment]
    detail_fieldsets = [
        (
            "项目",
            [
                "competition",
                "name",
                "theory_weight",
                "practical_weight",
                "time_limit",
                "eligibility",
                "drop_high_low",
                "scoring_round",
                "remark",
            ],
        )
    ]
    detail_related = [
        ("报名", "registrations", declare.table(Registration, ["person", "enterprise", "qualified"])),
        ("获奖", "awards", declare.table(Award, ["rank", "registration", "final_score", "prize", "granted_on"])),
    ]
    actions = ("list", "detail", "add", "edit", "delete")
    parent_crumbs = CRUMBS
    detail_template = "merit/event_detail.html"


class RegistrationViews(CrudViews):
    model = Registration
    table = declare.table(
        Registration, ["person", "event", "enterprise", "qualified", "org"], select_related=["event__competition"]
    )
    form = declare.form(Registration, ["event", "person", "qualified", "remark"])
    filterset = declare.filterset(Registration, ["event", "qualified"])
    search = staticmethod(lambda qs, q: qs.filter(person__name__startswith=q))  # type: ignore[assignment]
    detail_fieldsets = [("报名", ["event", "person", "enterprise", "qualified", "org", "remark"])]
    actions = ("list", "detail", "add", "edit", "delete")
    parent_crumbs = CRUMBS


class AwardViews(CrudViews):
    model = Award
    table = declare.table(
        Award,
        ["registration", "event", "rank", "final_score", "prize", "granted_on"],
        default_sort="rank",
        select_related=["registration__person", "registration__event", "event__competition"],
    )
    filterset = declare.filterset(Award, ["event", "prize"], org_field=None)
    detail_fieldsets = [("获奖", ["event", "registration", "rank", "final_score", "prize", "granted_on"])]
    actions = ("list", "detail")
    empty_hint = "成绩签字确认后，在比赛项目页面评定奖项。"
    parent_crumbs = CRUMBS


class StudioViews(CrudViews):
    model = Studio
    table = declare.table(Studio, ["name", "level", "kind", "host", "leader", "founded_on", "org"])
    form = declare.form(
        Studio,
        [
            "name",
            "kind",
            "host",
            "leader",
            "leader_reason",
            "members",
            "field",
            "founded_on",
            "closed_on",
            "org",
            "remark",
        ],
    )
    filterset = declare.filterset(Studio, ["level", "kind"])
    excel = excel.studio
    search = staticmethod(lambda qs, q: qs.filter(name__contains=q))  # type: ignore[assignment]
    detail_fieldsets = [
        (
            "工作室",
            [
                "name",
                "level",
                "kind",
                "host",
                "leader",
                "leader_reason",
                "members",
                "field",
                "founded_on",
                "closed_on",
                "org",
                "remark",
            ],
        )
    ]
    detail_related = [
        ("命名与晋级", "levels", declare.table(StudioLevel, ["since", "level", "document"])),
        (
            "年度考评",
            "reviews",
            declare.table(StudioReview, ["year", "patents", "suggestions", "breakthroughs", "apprentices", "rating"]),
        ),
    ]
    parent_crumbs = CRUMBS


class StudioLevelViews(CrudViews):
    model = StudioLevel
    table = declare.table(StudioLevel, ["studio", "level", "since", "document"], default_sort="-since")
    form = declare.form(StudioLevel, ["studio", "level", "since", "document"])
    detail_fieldsets = [("命名", ["studio", "level", "since", "document"])]
    actions = ("list", "detail", "add")
    parent_crumbs = CRUMBS

    @classmethod
    def after_save(cls, form: Any, obj: Any, user: Any) -> None:
        """The studio's current level follows its latest recognition."""
        latest = obj.studio.levels.order_by("-since", "-id").first()
        Studio.all_objects.filter(pk=obj.studio_id).update(level=latest.level)


class StudioReviewViews(CrudViews):
    model = StudioReview
    table = declare.table(
        StudioReview,
        ["studio", "year", "patents", "suggestions", "breakthroughs", "apprentices", "rating"],
        default_sort="-year",
    )
    form = declare.form(
        StudioReview, ["studio", "year", "patents", "suggestions", "breakthroughs", "apprentices", "rating", "remark"]
    )
    excel = excel.review
    search = staticmethod(lambda qs, q: qs.filter(studio__name__contains=q))  # type: ignore[assignment]
    detail_fieldsets = [
        ("考评", ["studio", "year", "patents", "suggestions", "breakthroughs", "apprentices", "rating", "remark"])
    ]
    parent_crumbs = CRUMBS


class WorkGroupViews(CrudViews):
    model = WorkGroup
    table = declare.table(WorkGroup, ["name", "theme", "party_branch", "founded_on", "org"])
    form = declare.form(
        WorkGroup,
        ["name", "theme", "party_branch", "members", "founded_on", "dissolved_on", "support", "org", "remark"],
    )
    excel = excel.work_group
    search = staticmethod(lambda qs, q: qs.filter(name__contains=q))  # type: ignore[assignment]
    detail_fieldsets = [
        (
            "工作组",
            ["name", "theme", "party_branch", "members", "founded_on", "dissolved_on", "support", "org", "remark"],
        )
    ]
    detail_related = [
        (
            "项目",
            "projects",
            declare.table(GroupProject, ["name", "beneficiary_area", "households", "income_increase", "honours"]),
        )
    ]
    parent_crumbs = CRUMBS


class GroupProjectViews(CrudViews):
    model = GroupProject
    table = declare.table(
        GroupProject, ["name", "group", "beneficiary_area", "households", "income_increase", "started_on"]
    )
    form = declare.form(
        GroupProject,
        [
            "group",
            "name",
            "beneficiary_area",
            "households",
            "income_increase",
            "started_on",
            "results",
            "honours",
            "remark",
        ],
    )
    excel = excel.group_project
    search = staticmethod(lambda qs, q: qs.filter(name__contains=q))  # type: ignore[assignment]
    detail_fieldsets = [
        (
            "项目",
            [
                "group",
                "name",
                "beneficiary_area",
                "households",
                "income_increase",
                "started_on",
                "results",
                "honours",
                "remark",
            ],
        )
    ]
    parent_crumbs = CRUMBS


class OverviewView(LoginRequiredMixin, FiguresPage, TemplateView):
    """建功立业 at a glance: the section's figures for a chosen date or year, within the user's scope."""

    template_name = "merit/overview.html"
    title = "建功立业"
    section = staticmethod(merit_figures.section)

    def extra(self, period: Any, org: Any) -> dict[str, Any]:
        return {
            "levels": selectors.studios_by_level(period=period, org=org),
            "participation": selectors.participation(period=period, org=org),
        }


class EventActionView(LoginRequiredMixin, View):
    """设置评分 (judges) and 评定奖项 from an event's page."""

    def post(self, request: HttpRequest, pk: int, action: str) -> HttpResponseRedirect:
        from core.models import User

        event = EventViews.get_object(request.user, pk, "change")
        if not request.user.has_perm("merit.change_event"):
            raise PermissionDenied
        try:
            if action == "setup":
                names = [n.strip() for n in request.POST.get("judges", "").replace("，", ",").split(",") if n.strip()]
                judges = list(User.objects.filter(username__in=names))
                missing = set(names) - {j.username for j in judges}
                if missing:
                    raise ValidationError(f"找不到裁判账号：{'、'.join(sorted(missing))}")
                services.event_setup(actor=request.user, event=event, judges=judges)
                messages.success(request, "已设置评分，裁判可在“我的评审”中打分")
            elif action == "award":
                services.award(actor=request.user, event=event, granted_on=date.today())
                messages.success(request, "已评定奖项并记入获奖职工的荣誉")
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        return HttpResponseRedirect(reverse("merit:event_detail", args=[event.pk]))
