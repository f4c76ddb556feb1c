"""The entities of 技能提升, one declaration each (`kit.entity`): pages, filters, Excel and API
derive from these lines. Enrolments are made and removed by `skills.services` (capacity, waiting
list) and a submission's eligibility is the organiser's step (`check_eligibility`), from the page
and the API alike."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q

from kit.entity import Entity
from kit.filters import filterset_for
from kit.forms import ScopedModelForm
from skills import services
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

NAMED = ("name__contains",)
EDIT_ONLY = ("list", "detail", "add", "edit", "delete")


class SkillsEntity(Entity):
    parent_crumbs = [("技能提升", "/skills/")]


# --- the mentorship pilot -----------------------------------------------------------------------
class PilotEntity(SkillsEntity):
    model = MentorshipPilot
    fields = ["name", "enterprise", "started_on", "responsibility", "org", "remark"]
    columns = ["name", "enterprise", "started_on", "org"]
    search = NAMED
    related = [
        ("师徒结对", "pairs", ["mentor", "apprentice", "chain", "starts_on", "final"]),
        ("年度指标", "results", ["year", "profit_growth", "income_growth", "source"]),
    ]
    actions = EDIT_ONLY
    detail_template = "skills/pilot_detail.html"
    api = "pilots"


class MentorshipEntity(SkillsEntity):
    model = Mentorship
    fields = ["pilot", "mentor", "apprentice", "chain", "goals", "starts_on", "ends_on", "midterm", "final", "remark"]
    columns = ["mentor", "apprentice", "chain", "starts_on", "ends_on", "midterm", "final"]
    select_related = ["pilot"]
    filters = ["pilot", "chain"]
    org_filter = None
    search = ("mentor__name__startswith", "apprentice__name__startswith")
    related = [("帮带成果", "outcomes", ["kind", "title", "number", "person", "obtained_on"])]
    excel = True
    excel_key = ("apprentice", "chain", "starts_on")
    api = "mentorships"


class OutcomeEntity(SkillsEntity):
    model = Outcome
    fields = ["mentorship", "kind", "title", "number", "person", "obtained_on", "remark"]
    columns = ["title", "kind", "person", "number", "obtained_on"]
    sort = "-obtained_on"
    filters = ["kind"]
    org_filter = None
    search = ("title__contains",)
    excel = True
    excel_key = ("mentorship", "title")
    api = "outcomes"


class EnterpriseResultEntity(SkillsEntity):
    model = EnterpriseResult
    fields = ["pilot", "year", "profit_growth", "income_growth", "source"]
    sort = "-year"
    actions = EDIT_ONLY
    api = "enterprise-results"


# --- training -----------------------------------------------------------------------------------
class BaseEntity(SkillsEntity):
    model = TrainingBase
    fields = ["name", "partner", "plaque_on", "capacity", "address", "org", "remark"]
    columns = ["name", "partner", "plaque_on", "capacity", "org"]
    search = ("name__contains", "partner__contains")
    related = [("班次", "classes", ["name", "starts_on", "ends_on", "capacity"])]
    excel = True
    excel_key = ("name", "org")
    api = "bases"


class ClassEntity(SkillsEntity):
    model = TrainingClass
    fields = [
        "base",
        "name",
        "programme",
        "starts_on",
        "ends_on",
        "teachers",
        "curriculum",
        "capacity",
        "org",
        "remark",
    ]
    columns = ["name", "base", "programme", "starts_on", "ends_on", "capacity", "org"]
    sort = "-starts_on"
    filters = ["base"]
    search = ("name__contains",)
    related = [
        ("报名", "enrolments", ["person", "status", "signed_up_at"]),
        ("课次", "sessions", ["held_on", "topic"]),
        ("创新改造项目", "projects", ["name", "enterprise", "started_on"]),
    ]
    excel = ["base", "name", "programme", "starts_on", "ends_on", "teachers", "capacity", "org"]
    excel_key = ("name", "starts_on")
    detail_template = "skills/class_detail.html"
    api = "classes"


class EnrolmentEntity(SkillsEntity):
    """报名: made by `enrol` (capacity, waiting list), removed by `enrolment_delete` (which promotes
    the first waiting worker, exactly as a cancellation does)."""

    model = Enrolment
    fields = ["training_class", "person"]
    read_only = ["status", "signed_up_at"]
    columns = ["person", "training_class", "status", "signed_up_at"]
    filters = ["training_class", "status"]
    org_filter = None
    search = ("person__name__startswith",)
    actions = ("list", "detail", "add", "delete")
    empty_hint = "在班次页面为职工报名（可批量），名额满后自动进入候补。"
    api = "enrolments"

    @classmethod
    def save(cls, obj: Any, *, actor: Any, action: str, **kw: Any) -> Any:
        return services.enrol(actor=actor, training_class=obj.training_class, person=obj.person)

    @classmethod
    def delete(cls, obj: Any, *, actor: Any) -> None:
        services.enrolment_delete(actor=actor, enrolment=obj)


class SessionEntity(SkillsEntity):
    model = Session
    fields = ["training_class", "held_on", "topic"]
    columns = ["topic", "training_class", "held_on"]
    sort = "-held_on"
    related = [("考勤", "attendance", ["enrolment", "present"])]
    actions = EDIT_ONLY
    api = "sessions"


class AttendanceEntity(SkillsEntity):
    model = Attendance
    fields = ["session", "enrolment", "present"]
    select_related = ["enrolment__person", "session__training_class", "enrolment__training_class"]
    actions = EDIT_ONLY
    api = "attendance"


class AppraisalEntity(SkillsEntity):
    model = Appraisal
    fields = ["enrolment", "level", "passed", "certificate_no", "appraised_on", "remark"]
    columns = ["enrolment", "level", "passed", "certificate_no", "appraised_on"]
    select_related = ["enrolment__person", "enrolment__training_class"]
    actions = EDIT_ONLY
    api = "appraisals"


class ProjectEntity(SkillsEntity):
    model = InnovationProject
    fields = ["name", "training_class", "enterprise", "started_on", "result", "org", "remark"]
    columns = ["name", "training_class", "enterprise", "started_on", "org"]
    search = NAMED
    excel = True
    excel_key = ("name", "enterprise")
    api = "projects"


# --- selections ---------------------------------------------------------------------------------
class SelectionEntity(SkillsEntity):
    model = SelectionRound
    fields = [
        "kind",
        "year",
        "title",
        "organisers",
        "rules",
        "quota",
        "submission_closes",
        "publicity_starts",
        "publicity_ends",
        "org",
        "remark",
    ]
    read_only = ["status", "scoring_round"]
    columns = ["title", "kind", "year", "quota", "submission_closes", "status", "org"]
    sort = "-year"
    filters = ["kind", "year", "status"]
    search = ("title__contains",)
    related = [("申报", "submissions", ["title", "enterprise", "eligibility", "prize"])]
    actions = EDIT_ONLY
    detail_template = "skills/selection_detail.html"
    api = "selections"


class SubmissionForm(ScopedModelForm):
    """An enterprise union enters the calls published by the federations above it (a call is open
    to the organiser's whole subtree), whatever its own data scope on rounds."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.user
        if user is None or user.is_superuser or "round" not in self.fields:
            return
        path = getattr(getattr(user, "org", None), "path", "") or ""
        step = 4
        above = [path[:i] for i in range(step, len(path) + 1, step)]
        calls = Q(org__path__in=above, status=SelectionRound.Status.CALL)
        visible = SelectionRound.objects.visible_to(user, "view").values("pk")
        self.fields["round"].queryset = SelectionRound.objects.filter(calls | Q(pk__in=visible))  # type: ignore[attr-defined]


class SubmissionEntity(SkillsEntity):
    model = Submission
    fields = ["round", "enterprise", "title", "authors", "summary", "attachment"]
    read_only = ["eligibility", "eligibility_reason", "prize", "org"]
    columns = ["title", "round", "enterprise", "eligibility", "prize"]
    form_base = SubmissionForm
    filters = ["round", "eligibility", "prize"]
    search = ("title__contains",)
    related = [("公示异议", "objections", ["raised_on", "content", "resolution", "resolved_on"])]
    detail_template = "skills/submission_detail.html"
    api = "submissions"


class ObjectionEntity(SkillsEntity):
    model = Objection
    fields = ["submission", "raised_on", "content", "resolution", "resolved_on"]
    columns = ["submission", "raised_on", "resolved_on"]
    sort = "-raised_on"
    filterset = filterset_for(
        Objection,
        [],
        org_field=None,
        extra={"pending": django_filters.BooleanFilter(field_name="resolved_on", lookup_expr="isnull", label="待处理")},
    )
    actions = EDIT_ONLY
    api = "objections"
