"""The entities of 维权服务, one declaration each (`kit.entity`): pages, filters, Excel and API
derive from these lines. Members, aid, sign-ups and hours are written by `rights.services` from the
page and the API alike (locks, the organising team's scope)."""

from __future__ import annotations

from typing import Any

from django import forms

from core.checklists import ChecklistForm
from kit.entity import Entity
from kit.forms import ScopedModelForm
from kit.tables import Col
from rights import services
from rights.models import (
    ActivitySignup,
    AidPlan,
    AidRecord,
    BaseSession,
    CampaignItem,
    Claim,
    CollectiveContract,
    EducationBase,
    EnrolledMember,
    FileReview,
    GiftDelivery,
    HardshipFile,
    HoursCertificate,
    HoursCorrection,
    HouseholdMember,
    IncomeCheck,
    Instructor,
    InstructorRecord,
    Negotiation,
    NegotiationMeeting,
    Negotiator,
    OfferCampaign,
    ReliefPolicy,
    RequiredDocument,
    ServiceCampaign,
    ServiceHours,
    StarRating,
    Station,
    StationReview,
    StationTitle,
    StationVisit,
    UnitEnrolment,
    Volunteer,
    VolunteerActivity,
    VolunteerRecord,
    VolunteerTeam,
)

NAMED = ("name__contains",)
EDIT_ONLY = ("list", "detail", "add", "edit", "delete")


class RightsEntity(Entity):
    parent_crumbs = [("维权服务", "/rights/")]


# --- mutual aid ---------------------------------------------------------------------------------
class AidPlanEntity(RightsEntity):
    model = AidPlan
    fields = [
        "name",
        "kind",
        "year",
        "pricing",
        "premium",
        "max_shares",
        "cover_months",
        "cap",
        "waiting_days",
        "renewal_grace_days",
        "claim_deadline_days",
        "org",
        "remark",
    ]
    columns = ["name", "kind", "year", "pricing", "premium", "cap", "cover_months"]
    sort = "-year"
    filters = ["kind", "year"]
    org_filter = None
    search = NAMED
    related = [
        ("申领材料要求", "documents", ["event_type", "name"]),
        ("团体参保", "enrolments", ["enterprise", "shares", "starts_on", "ends_on", "amount_paid"]),
    ]
    actions = EDIT_ONLY
    api = "aid-plans"


class RequiredDocumentEntity(RightsEntity):
    model = RequiredDocument
    fields = ["plan", "event_type", "name", "sort"]
    columns = ["name", "plan", "event_type", "sort"]
    filters = ["plan", "event_type"]
    actions = EDIT_ONLY
    api = "required-documents"


class UnitEnrolmentEntity(RightsEntity):
    model = UnitEnrolment
    fields = ["plan", "enterprise", "shares", "starts_on", "ends_on", "amount_paid", "remark"]
    read_only = ["org"]
    columns = ["enterprise", "plan", "shares", "starts_on", "ends_on", "amount_paid", "org"]
    sort = "-starts_on"
    filters = ["plan"]
    search = ("enterprise__name__contains",)
    related = [("参保职工", "members", ["person", "first_time"])]
    excel = True
    excel_key = ("plan", "enterprise", "starts_on")
    detail_template = "rights/enrolment_detail.html"
    api = "enrolments"


class EnrolledMemberEntity(RightsEntity):
    """参保职工: added one by one or from the unit's workbook (workers found by ID number)."""

    model = EnrolledMember
    fields = ["enrolment", "person", "remark"]
    read_only = ["first_time"]
    columns = ["person", "enrolment", "first_time"]
    select_related = ["enrolment__plan", "enrolment__enterprise"]
    filters = ["enrolment", "first_time"]
    org_filter = None
    search = ("person__name__startswith",)
    excel = ["enrolment", "person"]
    excel_key = ("enrolment", "person")
    excel_instructions = [
        "每行一名参保职工。“团体参保”填写系统中的团体参保名称（单位（计划））；“参保职工”填写公民身份号码（推荐）或姓名。",
        "同一职工在同一计划中不能有重叠的保障期；个人不能脱离单位参保。",
    ]
    empty_hint = "在团体参保页面逐个或批量添加参保职工，或下载模板按单位名单导入。"
    api = "members"

    @classmethod
    def save(cls, obj: Any, *, actor: Any, action: str, extra: dict[str, Any] | None = None, **kw: Any) -> Any:
        return services.member_save(actor=actor, member=obj, action=action, **kw)


class ClaimForm(ScopedModelForm):
    """Documents handed in, one per line (the plan's list for the event is shown on the claim)."""

    documents = forms.CharField(
        label="已交材料",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="每行一项，与计划要求的材料名称一致",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and isinstance(self.instance.documents, list):
            self.initial["documents"] = "\n".join(self.instance.documents)

    def clean_documents(self) -> list[str]:
        lines = [line.strip() for line in (self.cleaned_data.get("documents") or "").splitlines()]
        return list(dict.fromkeys(line for line in lines if line))


class ClaimEntity(RightsEntity):
    model = Claim
    fields = ["member", "event_type", "event_date", "filed_on", "documents", "attachment", "amount_claimed", "remark"]
    read_only = ["amount_approved", "decided_on", "paid_on", "status"]
    columns = ["member", "event_type", "event_date", "amount_claimed", "amount_approved", "status"]
    select_related = ["member__person", "member__enrolment__plan"]
    sort = "-filed_on"
    filters = ["status", "event_type"]
    org_filter = None
    search = ("member__person__name__startswith",)
    form_base = ClaimForm
    detail_template = "rights/claim_detail.html"
    api = "claims"


# --- hardship relief ----------------------------------------------------------------------------
class ReliefPolicyEntity(RightsEntity):
    model = ReliefPolicy
    fields = [
        "org",
        "effective_from",
        "subsistence_line",
        "relative_multiple",
        "accident_ratio",
        "exit_months",
        "review_months",
        "living_months_deep",
        "living_months_other",
        "study_months",
        "medical_cap",
        "temporary_cap",
        "warmth_cap",
        "relative_one_kind",
        "remark",
    ]
    columns = ["org", "effective_from", "subsistence_line", "relative_multiple", "exit_months"]
    sort = "-effective_from"
    org_filter = None
    actions = EDIT_ONLY
    api = "relief-policies"


class HardshipFileEntity(RightsEntity):
    model = HardshipFile
    fields = [
        "person",
        "household_size",
        "annual_income",
        "rigid_expense",
        "hardship_expense",
        "major_event",
        "cause",
        "migrant",
        "labour_since",
        "bank_account",
        "assessed_on",
        "visit_on",
        "visit_record",
        "authorisation_signed",
        "income_checked_on",
        "income_check_result",
        "publicity_starts",
        "publicity_ends",
        "remark",
    ]
    read_only = ["category", "status", "filed_on", "closed_on", "org"]
    columns = ["person", "category", "household_size", "cause", "status", "filed_on", "org"]
    filters = ["status", "category", "cause"]
    search = ("person__name__startswith",)
    detail = [
        (
            "家庭情况",
            [
                "person",
                ("困难类别", "get_category_display"),
                ("人均月收入（元）", "per_capita_month"),
                "household_size",
                "annual_income",
                "rigid_expense",
                "hardship_expense",
                "major_event",
                "cause",
                "migrant",
                "labour_since",
                "bank_account",
                "org",
            ],
        ),
        (
            "建档流程",
            [
                "status",
                "assessed_on",
                "visit_on",
                "visit_record",
                "authorisation_signed",
                "income_checked_on",
                "income_check_result",
                "publicity_starts",
                "publicity_ends",
                "filed_on",
                ("下次复核", "review_due"),
                ("连续高于低保（月）", "months_above_line"),
                "closed_on",
                "remark",
            ],
        ),
    ]
    related = [
        ("家庭成员", "household", ["name", "relation", "id_number", "income", "note"]),
        ("收入核查", "income_checks", ["month", "per_capita_income"]),
        ("年度复核", "reviews", ["reviewed_on", "result", "notes"]),
        ("帮扶记录", "aid", ["given_on", "kind", "amount", "source", "approver"]),
    ]
    api = "hardship-files"


class HouseholdMemberEntity(RightsEntity):
    model = HouseholdMember
    fields = ["file", "name", "relation", "id_number", "income", "note"]
    columns = ["name", "file", "relation", "id_number", "income"]
    org_filter = None
    search = ("name__startswith",)
    actions = EDIT_ONLY
    api = "household-members"


class IncomeCheckEntity(RightsEntity):
    model = IncomeCheck
    fields = ["file", "month", "per_capita_income"]
    sort = "-month"
    actions = EDIT_ONLY
    api = "income-checks"


class FileReviewEntity(RightsEntity):
    model = FileReview
    fields = ["file", "reviewed_on", "result", "notes"]
    sort = "-reviewed_on"
    filters = ["result"]
    org_filter = None
    actions = EDIT_ONLY
    api = "file-reviews"


class AidRecordEntity(RightsEntity):
    model = AidRecord
    fields = ["file", "kind", "amount", "source", "given_on", "approver", "remark"]
    columns = ["file", "kind", "amount", "source", "given_on", "approver"]
    sort = "-given_on"
    filters = ["kind", "source"]
    org_filter = None
    search = ("file__person__name__startswith",)
    excel = ["file", "kind", "amount", "source", "given_on", "approver"]
    excel_key = ("file", "kind", "given_on")
    api = "aid-records"

    @classmethod
    def save(cls, obj: Any, *, actor: Any, action: str, extra: dict[str, Any] | None = None, **kw: Any) -> Any:
        return services.aid_save(actor=actor, record=obj, action=action, **kw)


# --- volunteers ---------------------------------------------------------------------------------
class VolunteerTeamEntity(RightsEntity):
    model = VolunteerTeam
    fields = ["name", "level", "speciality", "leader", "founded_on", "dissolved_on", "org", "remark"]
    columns = ["name", "level", "speciality", "leader", "founded_on", "org"]
    filters = ["level", "speciality"]
    search = NAMED
    related = [
        ("志愿者", "volunteers", ["person", "number", "joined_on"]),
        ("服务活动", "activities", ["title", "held_on", "status"]),
    ]
    excel = ["name", "level", "speciality", "founded_on", "dissolved_on", "org"]
    excel_key = ("name", "org")
    api = "volunteer-teams"


class VolunteerEntity(RightsEntity):
    model = Volunteer
    fields = ["team", "person", "number", "joined_on", "left_on", "remark"]
    columns = ["person", "team", "number", "joined_on", "left_on"]
    filters = ["team"]
    org_filter = None
    search = ("person__name__startswith", "number__startswith")
    related = [
        ("服务时长", "hours", ["activity", "hours", "note"]),
        ("培训、表彰与评价", "records", ["on", "kind", "content", "issuer"]),
        ("志愿服务证明", "certificates", ["number", "issued_on", "total_hours"]),
    ]
    excel = ["team", "person", "number", "joined_on"]
    excel_key = ("team", "person")
    detail_template = "rights/volunteer_detail.html"
    api = "volunteers"


class ActivityEntity(RightsEntity):
    model = VolunteerActivity
    fields = [
        "team",
        "title",
        "campaign",
        "held_on",
        "place",
        "capacity",
        "beneficiaries",
        "risky",
        "insurance",
        "remark",
    ]
    read_only = ["status"]
    columns = ["title", "team", "campaign", "held_on", "beneficiaries", "status"]
    sort = "-held_on"
    filters = ["team", "campaign", "status"]
    org_filter = None
    search = ("title__contains",)
    related = [
        ("报名", "signups", ["person", "status", "signed_up_at"]),
        ("服务时长", "hours", ["volunteer", "hours", "note"]),
    ]
    excel = ["team", "title", "campaign", "held_on", "place", "beneficiaries"]
    excel_key = ("team", "title", "held_on")
    detail_template = "rights/activity_detail.html"
    api = "activities"


class SignupEntity(RightsEntity):
    model = ActivitySignup
    fields = ["activity", "person"]
    read_only = ["status", "signed_up_at"]
    columns = ["person", "activity", "status", "signed_up_at"]
    filters = ["activity", "status"]
    org_filter = None
    search = ("person__name__startswith",)
    actions = ("list", "detail", "add", "delete")
    empty_hint = "在活动页面为职工报名，名额满后自动进入候补。"
    api = "signups"

    @classmethod
    def save(cls, obj: Any, *, actor: Any, action: str, **kw: Any) -> Any:
        return services.activity_sign_up(actor=actor, activity=obj.activity, person=obj.person)

    @classmethod
    def delete(cls, obj: Any, *, actor: Any) -> None:
        services.activity_signup_delete(actor=actor, signup=obj)


class HoursEntity(RightsEntity):
    model = ServiceHours
    fields = ["activity", "volunteer", "hours", "note"]
    columns = ["volunteer", "activity", "hours", "note"]
    select_related = ["volunteer__person"]
    filters = ["activity"]
    org_filter = None
    search = ("volunteer__person__name__startswith",)
    actions = ("list", "detail", "add", "delete")
    excel = ["activity", "volunteer", "hours", "note"]
    excel_key = ("activity", "volunteer")
    empty_hint = "由组织活动的服务队在活动页面为志愿者记录时长（谁组织谁记录）。"
    api = "hours"

    @classmethod
    def save(cls, obj: Any, *, actor: Any, action: str, extra: dict[str, Any] | None = None, **kw: Any) -> Any:
        return services.hours_save(actor=actor, record=obj, action=action, **kw)


class VolunteerRecordEntity(RightsEntity):
    model = VolunteerRecord
    fields = ["volunteer", "kind", "on", "content", "issuer"]
    columns = ["volunteer", "kind", "on", "content"]
    sort = "-on"
    filters = ["kind"]
    org_filter = None
    actions = EDIT_ONLY
    api = "volunteer-records"


class CorrectionEntity(RightsEntity):
    model = HoursCorrection
    fields = ["record", "requested_hours", "reason"]
    read_only = ["status"]
    columns = ["record", "requested_hours", "reason", "status"]
    filters = ["status"]
    org_filter = None
    actions = ("list", "detail", "add")
    detail_template = "rights/correction_detail.html"
    api = "corrections"


class CertificateEntity(RightsEntity):
    model = HoursCertificate
    read_only = ["number", "volunteer", "issued_on", "period_start", "period_end", "total_hours", "activities"]
    columns = [Col("证明编号", "number", sort="number", link=True), "volunteer", "issued_on", "total_hours"]
    select_related = ["volunteer__person"]
    org_filter = None
    search = ("number__startswith",)
    actions = ("list", "detail")
    empty_hint = "在志愿者页面按已记录的服务时长开具证明。"
    detail_template = "rights/certificate_detail.html"
    api = "certificates"


# --- new-employment-form workers ----------------------------------------------------------------
class CampaignEntity(RightsEntity):
    model = ServiceCampaign
    fields = ["name", "starts_on", "ends_on", "description", "org", "remark"]
    columns = ["name", "starts_on", "ends_on", "org"]
    sort = "-starts_on"
    search = NAMED
    related = [("赠送项目", "items", ["name", "unit", "sort"])]
    actions = EDIT_ONLY
    api = "campaigns"


class CampaignItemEntity(RightsEntity):
    model = CampaignItem
    fields = ["campaign", "name", "unit", "sort"]
    columns = ["name", "campaign", "unit", "sort"]
    filters = ["campaign"]
    org_filter = None
    actions = EDIT_ONLY
    api = "campaign-items"


class GiftEntity(RightsEntity):
    model = GiftDelivery
    fields = ["item", "person", "quantity", "given_on", "remark"]
    columns = ["person", "item", "quantity", "given_on"]
    sort = "-given_on"
    filters = ["item"]
    org_filter = None
    search = ("person__name__startswith",)
    excel = ["item", "person", "quantity", "given_on"]
    excel_key = ("item", "person", "given_on")
    api = "gifts"


class EducationBaseEntity(RightsEntity):
    model = EducationBase
    fields = ["name", "theme", "partner", "address", "opened_on", "closed_on", "org", "remark"]
    columns = ["name", "theme", "partner", "opened_on", "org"]
    search = NAMED
    related = [("活动", "sessions", ["held_on", "topic", "partner", "attendees"])]
    actions = EDIT_ONLY
    api = "education-bases"


class BaseSessionEntity(RightsEntity):
    model = BaseSession
    fields = ["base", "held_on", "topic", "partner", "attendees", "remark"]
    columns = ["topic", "base", "held_on", "partner", "attendees"]
    sort = "-held_on"
    filters = ["base"]
    org_filter = None
    search = ("topic__contains",)
    excel = ["base", "held_on", "topic", "partner", "attendees"]
    excel_key = ("base", "held_on", "topic")
    api = "base-sessions"


# --- collective bargaining ------------------------------------------------------------------------
class InstructorEntity(RightsEntity):
    model = Instructor
    fields = [
        "name",
        "person",
        "kind",
        "background",
        "appointed_on",
        "term_ends_on",
        "letter_no",
        "enterprises",
        "org",
        "remark",
    ]
    columns = ["name", "kind", "background", "appointed_on", "term_ends_on", "org"]
    filters = ["kind"]
    search = ("name__startswith",)
    related = [
        ("培训与考核", "records", ["on", "kind", "content", "result"]),
        ("指导的协商", "negotiations", ["enterprise", "offer_on", "status"]),
    ]
    excel = ["name", "kind", "background", "appointed_on", "term_ends_on", "letter_no", "org"]
    excel_key = ("name", "org")
    api = "instructors"


class InstructorRecordEntity(RightsEntity):
    model = InstructorRecord
    fields = ["instructor", "kind", "on", "content", "result"]
    columns = ["instructor", "kind", "on", "content", "result"]
    sort = "-on"
    filters = ["kind", "result"]
    org_filter = None
    actions = EDIT_ONLY
    api = "instructor-records"


class OfferCampaignEntity(RightsEntity):
    model = OfferCampaign
    fields = ["name", "year", "season", "starts_on", "ends_on", "org", "remark"]
    columns = ["name", "year", "season", "starts_on", "ends_on", "org"]
    sort = "-starts_on"
    filters = ["year", "season"]
    related = [("要约", "negotiations", ["enterprise", "offer_on", "reply_on", "status"])]
    actions = EDIT_ONLY
    api = "offer-campaigns"


class NegotiationEntity(RightsEntity):
    model = Negotiation
    fields = [
        "enterprise",
        "campaign",
        "instructor",
        "initiator",
        "topics",
        "offer_on",
        "received_on",
        "reply_on",
        "refusal_reason",
        "signed_on",
        "delegates_total",
        "delegates_present",
        "votes_for",
        "submitted_on",
        "labour_received_on",
        "remark",
    ]
    read_only = ["status", "objection_on", "published_on", "org"]
    columns = ["enterprise", "campaign", "offer_on", "reply_on", "status", "org"]
    sort = "-offer_on"
    filters = ["campaign", "status", "instructor"]
    search = ("enterprise__name__contains",)
    detail = [
        (
            "要约与应约",
            [
                "enterprise",
                "campaign",
                "instructor",
                "initiator",
                "topics",
                "offer_on",
                "received_on",
                ("应约期限", "reply_due"),
                "reply_on",
                "refusal_reason",
                "status",
                "org",
            ],
        ),
        (
            "签署、表决与审查",
            [
                "signed_on",
                "delegates_total",
                "delegates_present",
                "votes_for",
                "submitted_on",
                ("报送期限", "submit_due"),
                "labour_received_on",
                "objection_on",
                ("生效日期", "effective_on"),
                "published_on",
                "remark",
            ],
        ),
    ]
    related = [
        ("协商代表", "negotiators", ["side", "name", "chief", "post"]),
        ("协商会议", "meetings", ["held_on", "recorder"]),
    ]
    api = "negotiations"


class NegotiatorEntity(RightsEntity):
    model = Negotiator
    fields = ["negotiation", "side", "name", "chief", "post"]
    columns = ["name", "negotiation", "side", "chief", "post"]
    filters = ["side"]
    org_filter = None
    actions = EDIT_ONLY
    api = "negotiators"


class MeetingEntity(RightsEntity):
    model = NegotiationMeeting
    fields = ["negotiation", "held_on", "recorder", "minutes"]
    columns = ["negotiation", "held_on", "recorder"]
    sort = "-held_on"
    org_filter = None
    actions = EDIT_ONLY
    api = "negotiation-meetings"


class ContractEntity(RightsEntity):
    model = CollectiveContract
    fields = [
        "kind",
        "negotiation",
        "enterprise",
        "coverage",
        "covered",
        "starts_on",
        "ends_on",
        "employees_covered",
        "wage_growth",
        "org",
        "remark",
    ]
    columns = ["enterprise", "kind", "coverage", "starts_on", "ends_on", "employees_covered", "wage_growth"]
    sort = "-starts_on"
    filters = ["kind"]
    search = ("enterprise__name__contains", "coverage__contains")
    excel = ["kind", "enterprise", "coverage", "starts_on", "ends_on", "employees_covered", "wage_growth", "org"]
    excel_key = ("enterprise", "kind", "starts_on")
    api = "contracts"

    @classmethod
    def save(cls, obj: Any, *, actor: Any, action: str, extra: dict[str, Any] | None = None, **kw: Any) -> Any:
        return services.contract_save(actor=actor, contract=obj, action=action, **kw)


class StarRatingEntity(RightsEntity):
    model = StarRating
    fields = ["enterprise", "year", "score", "remark"]
    read_only = ["stars", "wage_talks", "status", "confirmed_on", "scoring_round", "org"]
    columns = [
        "enterprise",
        "year",
        "score",
        Col("星级", "stars", sort="stars", render=lambda r: r.get_stars_display()),
        "status",
        "confirmed_on",
    ]
    sort = "-year"
    filters = ["year", "stars", "status"]
    search = ("enterprise__name__contains",)
    detail = [
        (
            "评估",
            [
                "enterprise",
                "year",
                "score",
                ("星级", "get_stars_display"),
                "wage_talks",
                "status",
                "confirmed_on",
                "scoring_round",
                "org",
                "remark",
            ],
        )
    ]
    excel = ["enterprise", "year", "score"]
    excel_key = ("enterprise", "year")
    excel_instructions = [
        "得分按《集体协商工作质效评价标准》评定；星级由系统按规则计算（三星须此前已评为二星且本年开展工资专项协商），区总工会确认后生效。"
    ]
    api = "star-ratings"


# --- stations -------------------------------------------------------------------------------------
class StationEntity(RightsEntity):
    model = Station
    fields = [
        "code",
        "name",
        "host",
        "address",
        "subdistrict",
        "longitude",
        "latitude",
        "opened_on",
        "closed_on",
        "hours",
        "open_24h",
        "amenities",
        "contact",
        "phone",
        "org",
        "remark",
    ]
    columns = ["code", "name", "host", "subdistrict", "opened_on", "open_24h", "org"]
    sort = "code"
    filters = ["subdistrict", "open_24h", "amenities"]
    search = ("name__contains", "code__startswith", "address__contains")
    related = [
        ("星级评定", "reviews", ["reviewed_on", "level", "stars", "score"]),
        ("荣誉", "titles", ["year", "title", "issuer"]),
        ("服务人次", "visits", ["month", "visits"]),
    ]
    excel = [
        "code",
        "name",
        "host",
        "address",
        "subdistrict",
        "longitude",
        "latitude",
        "opened_on",
        "closed_on",
        "hours",
        "open_24h",
        "contact",
        "phone",
        "org",
    ]
    excel_key = "code"
    excel_instructions = [
        "坐标填写 WGS-84 经纬度（手机定位、天地图），如 经度 118.9095、纬度 32.1027；不要填高德、百度地图上取的坐标。"
    ]
    detail_template = "rights/station_detail.html"
    api = "stations"


class StationVisitEntity(RightsEntity):
    model = StationVisit
    fields = ["station", "month", "visits"]
    sort = "-month"
    filters = ["station"]
    org_filter = None
    excel = True
    excel_key = ("station", "month")
    api = "station-visits"


class StationReviewForm(ChecklistForm):
    """The amenity checklist answered item by item (有 / 无), all of it."""

    checklist_dict = "station_amenity"
    checklist_choices = ((True, "有"), (False, "无"))


class StationReviewEntity(RightsEntity):
    model = StationReview
    fields = ["station", "level", "reviewed_on", "checklist", "score", "stars", "remark"]
    read_only = ["scoring_round"]
    columns = ["station", "level", "stars", "score", "reviewed_on"]
    sort = "-reviewed_on"
    filters = ["level", "stars"]
    org_filter = None
    search = ("station__name__contains",)
    form_base = StationReviewForm
    actions = EDIT_ONLY
    api = "station-reviews"


class StationTitleEntity(RightsEntity):
    model = StationTitle
    fields = ["station", "title", "year", "issuer"]
    columns = ["station", "title", "year", "issuer"]
    sort = "-year"
    filters = ["title", "year"]
    org_filter = None
    actions = EDIT_ONLY
    api = "station-titles"
