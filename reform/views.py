"""Pages of 一体化推进: declarations for kit.crud."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from kit import declare
from kit.crud import CrudViews
from kit.figures import FiguresPage
from kit.models import ScoringRound
from reform import excel, selectors
from reform import figures as reform_figures
from reform.models import (
    Activity,
    Initiative,
    KeyContact,
    MicroService,
    Milestone,
    PositionCheck,
    ProgressReport,
    ReformProject,
    ServicePosition,
    Visit,
)

CRUMBS = [("一体化推进", "/reform/")]


def _named(qs: Any, q: str) -> Any:
    return qs.filter(name__contains=q)


class InitiativeViews(CrudViews):
    model = Initiative
    table = declare.table(Initiative, ["name", "policy", "org"])
    form = declare.form(Initiative, ["name", "measures", "policy", "org", "remark"])
    search = staticmethod(_named)  # type: ignore[assignment]
    detail_fieldsets = [("举措", ["name", "measures", "policy", "org", "remark"])]
    detail_related = [("项目清单", "projects", declare.table(ReformProject, ["name", "owner_unit", "due_date"]))]
    actions = ("list", "detail", "add", "edit", "delete")
    parent_crumbs = CRUMBS


ProjectTable = declare.table(
    ReformProject,
    ["name", "owner_unit", "lead", "due_date"],
    render={},
    default_sort="id",
)
ProjectTable.columns = [*ProjectTable.columns, declare.Col("状态", "status", render=lambda p: p.get_status_display())]
ProjectTable.prefetch_related = ("milestones", "reports")


class ProjectViews(CrudViews):
    model = ReformProject
    table = ProjectTable
    form = declare.form(
        ReformProject,
        [
            "initiative",
            "name",
            "owner_unit",
            "lead",
            "target",
            "target_value",
            "target_unit",
            "start_date",
            "due_date",
            "org",
            "remark",
        ],
    )
    filterset = declare.filterset(ReformProject, ["initiative", "owner_unit"])
    excel = excel.project
    search = staticmethod(_named)  # type: ignore[assignment]
    detail_fieldsets = [
        ("项目", ["name", ("状态", "get_status_display"), "initiative", "owner_unit", "lead", "org"]),
        ("目标与时限", ["target", "target_value", "target_unit", "start_date", "due_date", "remark"]),
    ]
    detail_related = [
        ("里程碑", "milestones", declare.table(Milestone, ["name", "due_date", "done_on", "late_reason"])),
        (
            "进度报告",
            "reports",
            declare.table(ProgressReport, ["period_start", "period_end", "value_reached", "status"]),
        ),
    ]
    parent_crumbs = CRUMBS


class MilestoneViews(CrudViews):
    model = Milestone
    table = declare.table(Milestone, ["name", "project", "due_date", "done_on"], default_sort="due_date")
    form = declare.form(Milestone, ["project", "name", "due_date", "done_on", "late_reason", "remark"])
    search = staticmethod(_named)  # type: ignore[assignment]
    detail_fieldsets = [("里程碑", ["project", "name", "due_date", "done_on", "late_reason", "remark"])]
    actions = ("list", "detail", "add", "edit", "delete")
    parent_crumbs = CRUMBS


class ReportViews(CrudViews):
    model = ProgressReport
    table = declare.table(
        ProgressReport, ["project", "period_start", "period_end", "value_reached", "status"], link="project"
    )
    form = declare.form(
        ProgressReport, ["project", "period_start", "period_end", "value_reached", "narrative", "attachment"]
    )
    filterset = declare.filterset(ProgressReport, ["status", "project"], org_field=None)
    search = staticmethod(lambda qs, q: qs.filter(project__name__contains=q))  # type: ignore[assignment]
    detail_fieldsets = [
        ("进度报告", ["project", "period_start", "period_end", "value_reached", "narrative", "attachment", "status"])
    ]
    actions = ("list", "detail", "add", "edit", "delete")
    parent_crumbs = CRUMBS


class PositionViews(CrudViews):
    model = ServicePosition
    table = declare.table(
        ServicePosition, ["name", "kind", "host_enterprise", "host_name", "level", "opened_on", "org"]
    )
    form = declare.form(
        ServicePosition,
        ["name", "kind", "host_enterprise", "host_name", "address", "opened_on", "closed_on", "level", "org", "remark"],
    )
    filterset = declare.filterset(ServicePosition, ["kind", "level"])
    excel = excel.position
    search = staticmethod(_named)  # type: ignore[assignment]
    detail_fieldsets = [
        (
            "阵地",
            [
                "name",
                "kind",
                "host_enterprise",
                "host_name",
                "address",
                "opened_on",
                "closed_on",
                "level",
                "org",
                "remark",
            ],
        )
    ]
    detail_related = [
        ("年度检查", "checks", declare.table(PositionCheck, ["year", "checked_on", "result", "notes"])),
        ("微服务项目", "micro_services", declare.table(MicroService, ["name", "launched_on", "beneficiaries"])),
    ]
    parent_crumbs = CRUMBS


class PositionCheckViews(CrudViews):
    model = PositionCheck
    table = declare.table(PositionCheck, ["position", "year", "checked_on", "result"], default_sort="-year")
    form = declare.form(PositionCheck, ["position", "year", "checked_on", "result", "notes"])
    search = staticmethod(lambda qs, q: qs.filter(position__name__contains=q))  # type: ignore[assignment]
    detail_fieldsets = [("检查", ["position", "year", "checked_on", "result", "notes"])]
    actions = ("list", "detail", "add", "edit", "delete")
    parent_crumbs = CRUMBS


class MicroServiceViews(CrudViews):
    model = MicroService
    table = declare.table(MicroService, ["name", "position", "enterprise", "launched_on", "beneficiaries", "org"])
    form = declare.form(
        MicroService,
        ["name", "position", "enterprise", "content", "launched_on", "ended_on", "beneficiaries", "org", "remark"],
    )
    filterset = declare.filterset(MicroService, [])
    excel = excel.micro_service
    search = staticmethod(_named)  # type: ignore[assignment]
    detail_fieldsets = [
        (
            "项目",
            ["name", "position", "enterprise", "content", "launched_on", "ended_on", "beneficiaries", "org", "remark"],
        )
    ]
    parent_crumbs = CRUMBS


class KeyContactViews(CrudViews):
    model = KeyContact
    table = declare.table(KeyContact, ["enterprise", "contact", "contact_unit", "since", "until"])
    form = declare.form(KeyContact, ["enterprise", "contact", "contact_unit", "since", "until", "remark"])
    excel = excel.key_contact
    search = staticmethod(lambda qs, q: qs.filter(enterprise__name__contains=q))  # type: ignore[assignment]
    detail_fieldsets = [("联系", ["enterprise", "contact", "contact_unit", "since", "until", "remark"])]
    parent_crumbs = CRUMBS


class VisitViews(CrudViews):
    model = Visit
    table = declare.table(Visit, ["enterprise", "visited_on", "visitors"], default_sort="-visited_on")
    form = declare.form(Visit, ["enterprise", "visited_on", "visitors", "issues", "follow_up"])
    excel = excel.visit
    search = staticmethod(lambda qs, q: qs.filter(enterprise__name__contains=q))  # type: ignore[assignment]
    detail_fieldsets = [("走访", ["enterprise", "visited_on", "visitors", "issues", "follow_up"])]
    parent_crumbs = CRUMBS


class ActivityViews(CrudViews):
    model = Activity
    table = declare.table(
        Activity, ["title", "kind", "held_on", "position", "project", "participants", "org"], default_sort="-held_on"
    )
    form = declare.form(
        Activity,
        ["kind", "title", "held_on", "position", "project", "enterprise", "participants", "summary", "photo", "org"],
    )
    filterset = declare.filterset(Activity, ["kind"])
    excel = excel.activity
    search = staticmethod(lambda qs, q: qs.filter(title__contains=q))  # type: ignore[assignment]
    detail_fieldsets = [
        (
            "活动",
            [
                "kind",
                "title",
                "held_on",
                "position",
                "project",
                "enterprise",
                "participants",
                "summary",
                "photo",
                "org",
            ],
        )
    ]
    parent_crumbs = CRUMBS


class OverviewView(LoginRequiredMixin, FiguresPage, TemplateView):
    """一体化推进 at a glance: the section's figures for a chosen date or year, within the user's scope."""

    template_name = "reform/overview.html"
    title = "一体化推进"
    section = staticmethod(reform_figures.section)

    def extra(self, period: Any, org: Any) -> dict[str, Any]:
        user = self.request.user  # type: ignore[attr-defined]
        return {
            "queue": list(selectors.review_queue(user)[:20]),
            "evaluations": list(
                ScoringRound.objects.visible_to(user).filter(purpose="reform_evaluation").order_by("-id")[:10]
            ),
        }


class UnitRankingView(LoginRequiredMixin, TemplateView):
    """工作联评: results by member unit, once the round is signed off."""

    template_name = "reform/evaluation_units.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from django.http import Http404

        from kit import scoring

        ctx = super().get_context_data(**kwargs)
        round_ = ScoringRound.objects.filter(pk=kwargs["pk"], purpose="reform_evaluation").first()
        if round_ is None or not scoring.has_round_access(round_, self.request.user):
            raise Http404("不存在或不在您的数据范围内")
        ctx.update(
            title=f"{round_.title}：按成员单位",
            round=round_,
            rows=selectors.evaluation_by_unit(round_),
            breadcrumbs=[("一体化推进", "/reform/"), ("工作联评", "/reform/evaluation/"), (round_.title, None)],
        )
        return ctx
