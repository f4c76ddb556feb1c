"""The entities of 法律援助, one declaration each (`kit.entity`): pages, filters, Excel and API derive
from these lines. Cases and everything filed under them are confidential: a user without the
permission gets 404, every opening is logged, and the lawyer sees only the cases assigned to him."""

from __future__ import annotations

from typing import Any

from django import forms
from rest_framework import serializers

from core.checklists import ChecklistForm, items
from kit.api.viewsets import VersionedSerializer
from kit.entity import Entity
from kit.forms import ScopedModelForm
from kit.tables import Col
from legal import selectors, services
from legal.models import (
    Case,
    CaseDocument,
    CaseInterruption,
    CaseSession,
    CentreCriterion,
    Checkup,
    EducationSession,
    Lawyer,
    MinimumWage,
    Partner,
    Referral,
    ReferralTask,
    ReferralUpdate,
)

EDIT_ONLY = ("list", "detail", "add", "edit", "delete")
INTAKE_FIELDS = ("applicant_id_number", "applicant_name", "applicant_phone")


class LegalEntity(Entity):
    parent_crumbs = [("法律援助", "/legal/")]


class ConfidentialEntity(LegalEntity):
    confidential = True


# --- reference data -------------------------------------------------------------------------------
class MinimumWageEntity(LegalEntity):
    model = MinimumWage
    fields = ["region", "monthly", "effective_from", "remark"]
    columns = ["region", "monthly", "effective_from"]
    sort = "-effective_from"
    org_filter = None
    excel = ["region", "monthly", "effective_from"]
    excel_key = ("region", "effective_from")
    api = "minimum-wages"


class LawyerEntity(LegalEntity):
    model = Lawyer
    fields = ["name", "kind", "firm", "licence_no", "phone", "user", "engaged_on", "engaged_until", "org", "remark"]
    columns = ["name", "kind", "firm", "licence_no", "engaged_until", "org"]
    sort = "name"
    filters = ["kind"]
    search = ("name__contains", "firm__contains")
    related = [("承办的案件", "cases", ["number", "status", "applied_on"])]
    excel = ["name", "kind", "firm", "licence_no", "phone", "engaged_on", "engaged_until", "org"]
    excel_key = ("name", "org")
    api = "lawyers"


# --- cases ----------------------------------------------------------------------------------------
class CaseForm(ScopedModelForm):
    """受理登记: the applicant by his ID number (found on the platform, or registered with his name);
    afterwards the applicant is fixed."""

    applicant_id_number = forms.CharField(label="申请人公民身份号码", max_length=18)
    applicant_name = forms.CharField(
        label="申请人姓名", max_length=50, required=False, help_text="平台中没有该职工时必填"
    )
    applicant_phone = forms.CharField(label="申请人电话", max_length=20, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.pop("applicant", None)
        if self.instance.pk:
            for name in INTAKE_FIELDS:
                self.fields.pop(name, None)
        else:
            order = [*INTAKE_FIELDS, *(n for n in self.fields if n not in INTAKE_FIELDS)]
            self.order_fields(order)


CASE_FIELDS = [
    "channel",
    "room",
    "applicant",
    "employer",
    "employer_name",
    "dispute_type",
    "facts",
    "claims",
    "amount",
    "workers_involved",
    "migrant",
    "poor",
    "serious",
    "applied_on",
    "knew_on",
    "wages_during_employment",
    "employment_ended_on",
    "papers_missing",
    "lawyer",
    "mediation_received_on",
    "mediation_failed_on",
    "arbitration_received_on",
    "arbitration_accepted_on",
    "extension_approved_on",
    "award_on",
    "award_received_on",
    "outcome",
    "outcome_on",
    "amount_recovered",
    "termination_ground",
    "org",
    "remark",
]
CASE_READ_ONLY = ["number", "status", "collective", "decided_on", "assigned_on", "closed_on", "duplicate_of"]


class CaseSerializer(VersionedSerializer):
    applicant_id_number = serializers.CharField(write_only=True, required=False, help_text="新建时必填")
    applicant_name = serializers.CharField(write_only=True, required=False, help_text="平台中没有该职工时必填")
    applicant_phone = serializers.CharField(write_only=True, required=False)
    extra_fields = INTAKE_FIELDS

    class Meta:
        model = Case
        fields = ["id", "version", *CASE_FIELDS, *INTAKE_FIELDS, *CASE_READ_ONLY]
        read_only_fields = ["applicant", *CASE_READ_ONLY]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is None and not attrs.get("applicant_id_number"):
            raise serializers.ValidationError({"applicant_id_number": "请填写申请人的公民身份号码"})
        return attrs


class CaseEntity(ConfidentialEntity):
    model = Case
    fields = CASE_FIELDS
    read_only = CASE_READ_ONLY
    form_base = CaseForm
    serializer = CaseSerializer
    columns = [
        "number",
        "applicant",
        "employer_name",
        "dispute_type",
        "room",
        "amount",
        Col("集体", "collective", render=lambda c: "集体争议" if c.collective else ""),
        "status",
        "applied_on",
    ]
    sort = "-applied_on"
    filters = ["status", "room", "channel", "dispute_type", "collective", "lawyer"]
    search = ("number__contains", "employer_name__contains", "applicant__name__startswith")
    search_placeholder = "案件编号、单位或申请人姓名"
    detail = [
        (
            "受理",
            [
                "number",
                "channel",
                "room",
                "applicant",
                "employer_name",
                "dispute_type",
                "facts",
                "claims",
                "amount",
                "workers_involved",
                "collective",
                "applied_on",
                "status",
                "duplicate_of",
                "org",
            ],
        ),
        (
            "援助条件与时效",
            [
                "migrant",
                "poor",
                "serious",
                ("免于经济状况审查", "means_test_exempt"),
                "knew_on",
                "wages_during_employment",
                "employment_ended_on",
                ("仲裁时效届满", "limitation_ends"),
                ("超过仲裁时效", "time_barred"),
                "papers_missing",
                "papers_notice_on",
                "decided_on",
                "lawyer",
                "assigned_on",
            ],
        ),
        (
            "调解与仲裁",
            [
                "mediation_received_on",
                "mediation_failed_on",
                "arbitration_received_on",
                "arbitration_accepted_on",
                "extension_approved_on",
                ("可能为终局裁决", "final_award"),
                "award_on",
                "award_received_on",
            ],
        ),
        (
            "结果",
            ["outcome", "outcome_on", "amount_recovered", "termination_ground", "closed_on", "remark"],
        ),
    ]
    related = [
        ("调解与开庭", "sessions", ["held_on", "kind", "handler"]),
        ("材料", "documents", ["kind", "title"]),
        ("时效中断", "interruptions", ["on", "kind", "note"]),
        ("异地协作", "referrals", ["partner", "direction", "sent_on", "status"]),
    ]
    select_related = ("applicant", "dispute_type", "lawyer", "org")
    detail_template = "legal/case_detail.html"
    excel = [
        "number",
        "channel",
        "room",
        "employer_name",
        "dispute_type",
        "amount",
        "workers_involved",
        "applied_on",
        "outcome",
        "amount_recovered",
        "org",
    ]
    excel_key = None
    actions = ("list", "detail", "add", "edit", "export")
    api = "cases"

    @classmethod
    def save(cls, obj: Any, *, actor: Any, action: str, extra: dict[str, Any] | None = None, **kw: Any) -> Any:
        return services.case_save(actor=actor, case=obj, action=action, extra=extra, **kw)

    @classmethod
    def detail_extra(cls, obj: Any, user: Any) -> dict[str, Any]:
        from core.selectors import calendar
        from kit.dates import today

        cal = calendar()
        day = today()
        visible = Case.objects.visible_to(user)
        return {
            "deadlines": [
                {"deadline": d, "overdue": d.overdue(day), "days_left": d.days_left(day)} for d in obj.deadlines(cal)
            ],
            "urgent": obj.urgent(day, cal),
            "duplicates": list(visible.filter(pk__in=selectors.open_duplicates(obj).values("pk"))),
            "can_move": obj.room == "mediation" and obj.status == "assigned" and user.has_perm("legal.change_case"),
        }


class SessionEntity(ConfidentialEntity):
    model = CaseSession
    fields = ["case", "kind", "held_on", "handler", "notes"]
    columns = ["case", "kind", "held_on", "handler"]
    sort = "-held_on"
    filters = ["kind"]
    org_filter = None
    actions = EDIT_ONLY
    api = "case-sessions"


class InterruptionEntity(ConfidentialEntity):
    model = CaseInterruption
    fields = ["case", "kind", "on", "note"]
    columns = ["case", "kind", "on", "note"]
    sort = "-on"
    org_filter = None
    actions = EDIT_ONLY
    api = "case-interruptions"


class DocumentEntity(ConfidentialEntity):
    model = CaseDocument
    fields = ["case", "kind", "title", "file"]
    columns = ["case", "kind", "title"]
    filters = ["kind"]
    org_filter = None
    actions = EDIT_ONLY
    api = "case-documents"


# --- cross-region ---------------------------------------------------------------------------------
class PartnerEntity(LegalEntity):
    model = Partner
    fields = [
        "name",
        "region",
        "agreement_on",
        "agreement_scope",
        "our_liaison",
        "their_liaison",
        "their_phone",
        "valid_until",
        "org",
        "remark",
    ]
    columns = ["name", "region", "agreement_on", "our_liaison", "their_liaison", "valid_until"]
    sort = "name"
    search = ("name__contains",)
    related = [("转介", "referrals", ["direction", "worker_name", "sent_on", "status"])]
    actions = EDIT_ONLY
    api = "partners"


class ReferralEntity(LegalEntity):
    model = Referral
    fields = ["partner", "direction", "case", "worker_name", "summary", "sent_on", "org", "remark"]
    read_only = ["status"]
    columns = ["partner", "direction", "worker_name", "sent_on", "status", "org"]
    sort = "-sent_on"
    filters = ["partner", "direction", "status"]
    search = ("worker_name__startswith",)
    related = [
        ("委托事项", "tasks", ["kind", "description", "due_on", "done_on", "result"]),
        ("协作进展", "updates", ["on", "source", "text"]),
    ]
    detail_template = "legal/referral_detail.html"
    actions = EDIT_ONLY
    api = "referrals"


class ReferralTaskEntity(LegalEntity):
    model = ReferralTask
    fields = ["referral", "kind", "description", "due_on", "done_on", "result"]
    columns = ["referral", "kind", "description", "due_on", "done_on"]
    filters = ["kind"]
    org_filter = None
    actions = EDIT_ONLY
    api = "referral-tasks"


class ReferralUpdateEntity(LegalEntity):
    model = ReferralUpdate
    fields = ["referral", "source", "on", "text"]
    columns = ["referral", "source", "on", "text"]
    sort = "-on"
    org_filter = None
    actions = EDIT_ONLY
    api = "referral-updates"


# --- check-ups, education, the centre ----------------------------------------------------------------
class CheckupForm(ChecklistForm):
    """The check-up's items answered one by one (合规 / 不合规 / 不适用), each with its legal basis."""

    checklist_dict = "checkup_item"
    checklist_field = "answers"
    checklist_choices = tuple(Checkup.Answer.choices)


class CheckupEntity(LegalEntity):
    model = Checkup
    fields = [
        "enterprise",
        "visited_on",
        "lawyer",
        "answers",
        "findings",
        "risk",
        "advice",
        "rectify_by",
        "follow_up_on",
        "follow_up_result",
        "remark",
    ]
    read_only = ["org"]
    form_base = CheckupForm
    columns = [
        "enterprise",
        "visited_on",
        "lawyer",
        "risk",
        Col("不合规项", "answers", render=lambda c: str(len(c.issues()))),
        "rectify_by",
        "follow_up_on",
    ]
    sort = "-visited_on"
    filters = ["risk", "lawyer"]
    search = ("enterprise__name__contains",)
    detail_template = "legal/checkup_detail.html"
    api = "checkups"

    @classmethod
    def detail_extra(cls, obj: Any, user: Any) -> dict[str, Any]:
        labels: dict[Any, str] = dict(Checkup.Answer.choices)
        answers: dict[str, Any] = obj.answers if isinstance(obj.answers, dict) else {}
        return {
            "checklist": [
                {
                    "label": i.label,
                    "anchor": i.remark,
                    "answer": labels.get(answers.get(i.value), "未答"),
                    "code": answers.get(i.value),
                }
                for i in items("checkup_item")
            ]
        }


class EducationEntity(LegalEntity):
    model = EducationSession
    fields = ["title", "held_on", "place", "lawyer", "audience", "attendees", "org", "remark"]
    columns = ["title", "held_on", "place", "lawyer", "attendees", "org"]
    sort = "-held_on"
    search = ("title__contains",)
    excel = ["title", "held_on", "place", "audience", "attendees", "org"]
    excel_key = ("title", "held_on")
    api = "education-sessions"


class CentreCriterionEntity(LegalEntity):
    model = CentreCriterion
    fields = [
        "standard",
        "code",
        "criterion",
        "evidence",
        "self_assessment",
        "assessor_result",
        "assessed_on",
        "org",
        "remark",
    ]
    columns = ["standard", "code", "criterion", "self_assessment", "assessor_result", "assessed_on"]
    sort = "code"
    filters = ["standard", "self_assessment", "assessor_result"]
    search = ("criterion__contains",)
    excel = ["standard", "code", "criterion", "self_assessment", "assessor_result", "assessed_on", "org"]
    excel_key = ("org", "standard", "code")
    excel_instructions = ["平台不内置标准条目：请按省总工会下发的建设标准逐条录入或导入。"]
    api = "centre-criteria"
