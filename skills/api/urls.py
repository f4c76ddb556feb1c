"""/api/v1/skills/…"""

from django.urls import path
from rest_framework.routers import DefaultRouter

from kit import declare
from kit.figures_api import figures_view
from skills import figures as skills_figures
from skills.models import (
    Appraisal,
    Attendance,
    Enrolment,
    EnterpriseResult,
    InnovationProject,
    Mentorship,
    MentorshipPilot,
    Objection,
    Outcome,
    SelectionRound,
    Session,
    Submission,
    TrainingBase,
    TrainingClass,
)

ENTITIES = [
    ("pilots", MentorshipPilot, ["name", "enterprise", "started_on", "responsibility", "org"], ()),
    (
        "mentorships",
        Mentorship,
        ["pilot", "mentor", "apprentice", "chain", "goals", "starts_on", "ends_on", "midterm", "final"],
        (),
    ),
    ("outcomes", Outcome, ["mentorship", "kind", "title", "number", "person", "obtained_on"], ()),
    ("enterprise-results", EnterpriseResult, ["pilot", "year", "profit_growth", "income_growth", "source"], ()),
    ("bases", TrainingBase, ["name", "partner", "plaque_on", "capacity", "address", "org"], ()),
    (
        "classes",
        TrainingClass,
        ["base", "name", "programme", "starts_on", "ends_on", "teachers", "curriculum", "capacity", "org"],
        (),
    ),
    (
        "enrolments",
        Enrolment,
        ["training_class", "person", "status", "signed_up_at"],
        ("training_class", "person", "status", "signed_up_at"),
    ),
    ("sessions", Session, ["training_class", "held_on", "topic"], ()),
    ("attendance", Attendance, ["session", "enrolment", "present"], ()),
    ("appraisals", Appraisal, ["enrolment", "level", "passed", "certificate_no", "appraised_on"], ()),
    ("projects", InnovationProject, ["name", "training_class", "enterprise", "started_on", "result", "org"], ()),
    (
        "selections",
        SelectionRound,
        [
            "kind",
            "year",
            "title",
            "organisers",
            "rules",
            "quota",
            "submission_closes",
            "publicity_starts",
            "publicity_ends",
            "status",
            "org",
        ],
        ("status",),
    ),
    (
        "submissions",
        Submission,
        ["round", "enterprise", "title", "authors", "summary", "eligibility", "eligibility_reason", "prize", "org"],
        ("prize",),
    ),
    ("objections", Objection, ["submission", "raised_on", "content", "resolution", "resolved_on"], ()),
]

router = DefaultRouter()
for prefix, model, fields, read_only in ENTITIES:
    prefetch = ("authors",) if model is Submission else ()
    router.register(
        prefix,
        declare.viewset(model, declare.serializer(model, fields, read_only=read_only), prefetch_related=prefetch),
        basename=f"skills-{prefix}",
    )
urlpatterns = [path("figures/", figures_view(skills_figures.section), name="skills-figures"), *router.urls]
