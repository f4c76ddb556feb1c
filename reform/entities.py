"""The entities of 一体化推进, one declaration each (`kit.entity`): pages, filters, Excel and API
derive from these lines."""

from __future__ import annotations

from kit.entity import Entity
from kit.tables import Col
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

NAMED = ("name__contains",)
EDIT_ONLY = ("list", "detail", "add", "edit", "delete")


class ReformEntity(Entity):
    parent_crumbs = [("一体化推进", "/reform/")]


class InitiativeEntity(ReformEntity):
    model = Initiative
    fields = ["name", "measures", "policy", "org", "remark"]
    columns = ["name", "policy", "org"]
    search = NAMED
    related = [("项目清单", "projects", ["name", "owner_unit", "due_date"])]
    actions = EDIT_ONLY
    api = "initiatives"


class ProjectEntity(ReformEntity):
    model = ReformProject
    fields = [
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
    ]
    columns = [
        "name",
        "owner_unit",
        "lead",
        "due_date",
        Col("完成进度", "progress_on", render=lambda p: p.progress_on(), kind="progress"),
        Col("状态", "status", render=lambda p: p.get_status_display(), kind="status"),
    ]
    sort = "id"
    prefetch_related = ("milestones", "reports")
    filters = ["initiative", "owner_unit"]
    search = NAMED
    detail = [
        ("项目", ["name", ("状态", "get_status_display"), "initiative", "owner_unit", "lead", "org"]),
        ("目标与时限", ["target", "target_value", "target_unit", "start_date", "due_date", "remark"]),
    ]
    related = [
        ("里程碑", "milestones", ["name", "due_date", "done_on", "late_reason"]),
        ("进度报告", "reports", ["period_start", "period_end", "value_reached", "status"]),
    ]
    excel = True
    excel_key = ("name", "org")
    api = "projects"


class MilestoneEntity(ReformEntity):
    model = Milestone
    fields = ["project", "name", "due_date", "done_on", "late_reason", "remark"]
    columns = ["name", "project", "due_date", "done_on"]
    sort = "due_date"
    search = NAMED
    actions = EDIT_ONLY
    api = "milestones"


class ReportEntity(ReformEntity):
    model = ProgressReport
    fields = ["project", "period_start", "period_end", "value_reached", "narrative", "attachment"]
    read_only = ["status"]
    columns = ["project", "period_start", "period_end", "value_reached", "status"]
    filters = ["status", "project"]
    org_filter = None
    search = ("project__name__contains",)
    actions = EDIT_ONLY
    api = "reports"


class PositionEntity(ReformEntity):
    model = ServicePosition
    fields = [
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
    ]
    columns = ["name", "kind", "host_enterprise", "host_name", "level", "opened_on", "org"]
    filters = ["kind", "level"]
    search = NAMED
    related = [
        ("年度检查", "checks", ["year", "checked_on", "result", "notes"]),
        ("微服务项目", "micro_services", ["name", "launched_on", "beneficiaries"]),
    ]
    excel = True
    excel_key = ("name", "org")
    api = "positions"


class PositionCheckEntity(ReformEntity):
    model = PositionCheck
    fields = ["position", "year", "checked_on", "result", "notes"]
    columns = ["position", "year", "checked_on", "result"]
    sort = "-year"
    search = ("position__name__contains",)
    actions = EDIT_ONLY
    api = "position-checks"


class MicroServiceEntity(ReformEntity):
    model = MicroService
    fields = ["name", "position", "enterprise", "content", "launched_on", "ended_on", "beneficiaries", "org", "remark"]
    columns = ["name", "position", "enterprise", "launched_on", "beneficiaries", "org"]
    search = NAMED
    excel = True
    excel_key = ("name", "org")
    api = "micro-services"


class KeyContactEntity(ReformEntity):
    model = KeyContact
    fields = ["enterprise", "contact", "contact_unit", "since", "until", "remark"]
    columns = ["enterprise", "contact", "contact_unit", "since", "until"]
    search = ("enterprise__name__contains",)
    excel = True
    excel_key = ("enterprise", "contact")
    api = "key-contacts"


class VisitEntity(ReformEntity):
    model = Visit
    fields = ["enterprise", "visited_on", "visitors", "issues", "follow_up"]
    columns = ["enterprise", "visited_on", "visitors"]
    sort = "-visited_on"
    search = ("enterprise__name__contains",)
    excel = True
    excel_key = ("enterprise", "visited_on")
    api = "visits"


class ActivityEntity(ReformEntity):
    model = Activity
    fields = [
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
    ]
    columns = ["title", "kind", "held_on", "position", "project", "participants", "org"]
    sort = "-held_on"
    filters = ["kind"]
    search = ("title__contains",)
    excel = True
    excel_key = ("title", "held_on")
    api = "activities"
