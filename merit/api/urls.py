"""/api/v1/merit/…"""

from django.urls import path
from rest_framework.routers import DefaultRouter

from kit import declare
from kit.figures_api import figures_view
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

ENTITIES = [
    (
        "competitions",
        Competition,
        ["name", "tier", "industry", "organisers", "training", "starts_on", "ends_on", "status", "org", "remark"],
        ("status",),
    ),
    (
        "events",
        Event,
        [
            "competition",
            "name",
            "theory_weight",
            "practical_weight",
            "time_limit",
            "eligibility",
            "drop_high_low",
            "scoring_round",
        ],
        ("scoring_round",),
    ),
    ("registrations", Registration, ["event", "person", "enterprise", "qualified", "org"], ("enterprise",)),
    (
        "awards",
        Award,
        ["event", "registration", "rank", "final_score", "prize", "granted_on"],
        ("event", "registration", "rank", "final_score", "prize", "granted_on"),
    ),
    (
        "studios",
        Studio,
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
        ("level",),
    ),
    ("studio-levels", StudioLevel, ["studio", "level", "since", "document"], ()),
    (
        "studio-reviews",
        StudioReview,
        ["studio", "year", "patents", "suggestions", "breakthroughs", "apprentices", "rating"],
        (),
    ),
    (
        "work-groups",
        WorkGroup,
        ["name", "theme", "party_branch", "members", "founded_on", "dissolved_on", "support", "org", "remark"],
        (),
    ),
    (
        "group-projects",
        GroupProject,
        ["group", "name", "beneficiary_area", "households", "income_increase", "started_on", "results", "honours"],
        (),
    ),
]

router = DefaultRouter()
for prefix, model, fields, read_only in ENTITIES:
    prefetch = ("members",) if model in (Studio, WorkGroup) else ()
    router.register(
        prefix,
        declare.viewset(model, declare.serializer(model, fields, read_only=read_only), prefetch_related=prefetch),
        basename=f"merit-{prefix}",
    )
urlpatterns = [path("figures/", figures_view(merit_figures.section), name="merit-figures"), *router.urls]
