"""/api/v1/reform/…: one viewset per entity, declared from field lists (kit.declare)."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from kit import declare
from kit.figures_api import figures_view
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

ENTITIES = [
    ("initiatives", Initiative, ["name", "measures", "policy", "org", "remark"], ()),
    (
        "projects",
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
        (),
    ),
    ("milestones", Milestone, ["project", "name", "due_date", "done_on", "late_reason", "remark"], ()),
    (
        "reports",
        ProgressReport,
        ["project", "period_start", "period_end", "value_reached", "narrative", "status"],
        ("status",),
    ),
    (
        "positions",
        ServicePosition,
        ["name", "kind", "host_enterprise", "host_name", "address", "opened_on", "closed_on", "level", "org", "remark"],
        (),
    ),
    ("position-checks", PositionCheck, ["position", "year", "checked_on", "result", "notes"], ()),
    (
        "micro-services",
        MicroService,
        ["name", "position", "enterprise", "content", "launched_on", "ended_on", "beneficiaries", "org", "remark"],
        (),
    ),
    ("key-contacts", KeyContact, ["enterprise", "contact", "contact_unit", "since", "until", "remark"], ()),
    ("visits", Visit, ["enterprise", "visited_on", "visitors", "issues", "follow_up"], ()),
    (
        "activities",
        Activity,
        ["kind", "title", "held_on", "position", "project", "enterprise", "participants", "summary", "org"],
        (),
    ),
]

router = DefaultRouter()
for prefix, model, fields, read_only in ENTITIES:
    router.register(
        prefix,
        declare.viewset(model, declare.serializer(model, fields, read_only=read_only)),
        basename=f"reform-{prefix}",
    )
urlpatterns = [
    path("figures/", figures_view(reform_figures.section), name="reform-figures"),
    *router.urls,
]
