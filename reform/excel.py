"""Excel import/export declarations of the reform module."""

from __future__ import annotations

from kit.declare import excel_spec
from reform.models import Activity, KeyContact, MicroService, ReformProject, ServicePosition, Visit

project = excel_spec(
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
    ],
    natural_key=("name", "org"),
)
position = excel_spec(
    ServicePosition,
    ["name", "kind", "host_enterprise", "host_name", "address", "opened_on", "closed_on", "level", "org"],
    natural_key=("name", "org"),
)
micro_service = excel_spec(
    MicroService,
    ["name", "enterprise", "content", "launched_on", "ended_on", "beneficiaries", "org"],
    natural_key=("name", "org"),
)
key_contact = excel_spec(
    KeyContact, ["enterprise", "contact", "contact_unit", "since", "until"], natural_key=("enterprise", "contact")
)
visit = excel_spec(
    Visit, ["enterprise", "visited_on", "visitors", "issues", "follow_up"], natural_key=("enterprise", "visited_on")
)
activity = excel_spec(
    Activity, ["kind", "title", "held_on", "participants", "summary", "org"], natural_key=("title", "held_on")
)
