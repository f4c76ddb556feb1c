"""The generic view/import/export/API tests for every 维权服务 entity (kit.testing): anonymous, no
permission, permitted, another org's user who sees nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from core.models import Org
from core.tests import factories as f
from kit import testing
from rights import entities
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
from rights.tests import factories as rf


# --- mutual aid ---------------------------------------------------------------------------------
class AidPlanTests(testing.ModelTestCase):
    entity = entities.AidPlanEntity
    api_path = "/api/v1/rights/aid-plans/"
    scoped = False

    def make(self, org: Org, n: int = 0) -> AidPlan:
        return rf.plan(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "name": "重大疾病互助保障",
            "kind": "critical",
            "year": 2023,
            "pricing": "share",
            "premium": "55",
            "max_shares": 3,
            "cover_months": 12,
            "cap": "15000",
            "waiting_days": 30,
            "renewal_grace_days": 30,
            "claim_deadline_days": 90,
            "org": org.pk,
        }

    def edit_data(self, obj: AidPlan) -> dict[str, Any]:
        return {**self.form_data(obj.org), "name": obj.name, "kind": obj.kind, "year": obj.year, "cap": "20000"}

    def changed(self, obj: AidPlan) -> bool:
        return obj.cap == Decimal("20000")


class RequiredDocumentTests(testing.ModelTestCase):
    entity = entities.RequiredDocumentEntity
    api_path = "/api/v1/rights/required-documents/"
    scoped = False

    def make(self, org: Org, n: int = 0) -> RequiredDocument:
        return rf.required_document(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"plan": rf.plan(org, 90).pk, "event_type": "hospital", "name": "住院发票", "sort": 1}

    def edit_data(self, obj: RequiredDocument) -> dict[str, Any]:
        return {"plan": obj.plan_id, "event_type": obj.event_type, "name": obj.name, "sort": 9}

    def changed(self, obj: RequiredDocument) -> bool:
        return obj.sort == 9


class UnitEnrolmentTests(testing.ModelTestCase):
    entity = entities.UnitEnrolmentEntity
    api_path = "/api/v1/rights/enrolments/"

    def make(self, org: Org, n: int = 0) -> UnitEnrolment:
        return rf.enrolment(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "plan": rf.plan(org, 91).pk,
            "enterprise": f.enterprise(org, 91).pk,
            "shares": 1,
            "starts_on": "2023-01-01",
            "amount_paid": "1200",
        }

    def edit_data(self, obj: UnitEnrolment) -> dict[str, Any]:
        return {
            "plan": obj.plan_id,
            "enterprise": obj.enterprise_id,
            "shares": 1,
            "starts_on": obj.starts_on.isoformat(),
            "ends_on": obj.ends_on.isoformat(),
            "amount_paid": "999",
        }

    def changed(self, obj: UnitEnrolment) -> bool:
        return obj.amount_paid == Decimal("999")

    def export_marker(self, obj: UnitEnrolment) -> str:
        return obj.enterprise.name

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        p = rf.plan(org, 92)
        return [
            {"保障计划": str(p), "参保单位": f.enterprise(org, 920 + i).name, "每人份数": 1, "保障开始": "2023-01-01"}
            for i in range(3)
        ]


class EnrolledMemberTests(testing.ModelTestCase):
    entity = entities.EnrolledMemberEntity
    api_path = "/api/v1/rights/members/"

    def make(self, org: Org, n: int = 0) -> EnrolledMember:
        return rf.member(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"enrolment": rf.enrolment(org, 93).pk, "person": f.person(org, 930).pk}

    def edit_data(self, obj: EnrolledMember) -> dict[str, Any]:
        return {"enrolment": obj.enrolment_id, "person": obj.person_id, "remark": "已核对"}

    def changed(self, obj: EnrolledMember) -> bool:
        return obj.remark == "已核对"

    def export_marker(self, obj: EnrolledMember) -> str:
        return obj.person.name

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        e = rf.enrolment(org, 94)
        return [{"团体参保": str(e), "参保职工": f.person(org, 940 + i).id_number} for i in range(3)]


class ClaimTests(testing.ModelTestCase):
    entity = entities.ClaimEntity
    api_path = "/api/v1/rights/claims/"

    def make(self, org: Org, n: int = 0) -> Claim:
        return rf.claim(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "member": rf.member(org, 95).pk,
            "event_type": "hospital",
            "event_date": "2022-06-01",
            "filed_on": "2022-06-10",
            "documents": "出院记录\n住院发票",
            "amount_claimed": "2500",
        }

    def api_data(self, org: Org) -> dict[str, Any]:
        return {**self.form_data(org), "documents": ["出院记录", "住院发票"]}

    def edit_data(self, obj: Claim) -> dict[str, Any]:
        return {
            "member": obj.member_id,
            "event_type": obj.event_type,
            "event_date": obj.event_date.isoformat(),
            "filed_on": obj.filed_on.isoformat(),
            "amount_claimed": "2800",
        }

    def changed(self, obj: Claim) -> bool:
        return obj.amount_claimed == Decimal("2800")

    def export_marker(self, obj: Claim) -> str:
        return obj.member.person.name


# --- hardship relief ----------------------------------------------------------------------------
class ReliefPolicyTests(testing.ModelTestCase):
    entity = entities.ReliefPolicyEntity
    api_path = "/api/v1/rights/relief-policies/"
    scoped = False

    def make(self, org: Org, n: int = 0) -> ReliefPolicy:
        return rf.policy(org, effective_from=date(2020 + n, 1, 1))

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "org": org.pk,
            "effective_from": "2023-07-01",
            "subsistence_line": "1045",
            "relative_multiple": "2",
            "accident_ratio": "0.8",
            "exit_months": 6,
            "review_months": 12,
            "living_months_deep": 12,
            "living_months_other": 10,
            "study_months": 10,
            "medical_cap": "20000",
            "temporary_cap": "3000",
            "warmth_cap": "2000",
            "relative_one_kind": "on",
        }

    def edit_data(self, obj: ReliefPolicy) -> dict[str, Any]:
        return {**self.form_data(obj.org), "effective_from": obj.effective_from.isoformat(), "subsistence_line": "1100"}

    def changed(self, obj: ReliefPolicy) -> bool:
        return obj.subsistence_line == Decimal("1100")


class HardshipFileTests(testing.ModelTestCase):
    entity = entities.HardshipFileEntity
    api_path = "/api/v1/rights/hardship-files/"

    def make(self, org: Org, n: int = 0) -> HardshipFile:
        return rf.hardship_file(org, n, bank_account="6222020200112233445")

    def form_data(self, org: Org) -> dict[str, Any]:
        rf.policy(org)
        return {
            "person": f.person(org, 960).pk,
            "household_size": 4,
            "annual_income": "36000",
            "rigid_expense": "12000",
            "hardship_expense": "0",
            "cause": "illness",
            "assessed_on": "2022-06-01",
        }

    def edit_data(self, obj: HardshipFile) -> dict[str, Any]:
        return {**self.form_data(obj.org), "person": obj.person_id, "household_size": 5}

    def changed(self, obj: HardshipFile) -> bool:
        return obj.household_size == 5


class HouseholdMemberTests(testing.ModelTestCase):
    entity = entities.HouseholdMemberEntity
    api_path = "/api/v1/rights/household-members/"

    def make(self, org: Org, n: int = 0) -> HouseholdMember:
        m = rf.household(org, n)
        m.id_number = f.id_number(70000 + n)
        m.full_clean()
        m.save()
        return m

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"file": rf.hardship_file(org, 97).pk, "name": "王小明", "relation": "child", "income": "0"}

    def edit_data(self, obj: HouseholdMember) -> dict[str, Any]:
        return {"file": obj.file_id, "name": obj.name, "relation": obj.relation, "income": "0", "note": "在读"}

    def changed(self, obj: HouseholdMember) -> bool:
        return obj.note == "在读"


class IncomeCheckTests(testing.ModelTestCase):
    entity = entities.IncomeCheckEntity
    api_path = "/api/v1/rights/income-checks/"

    def make(self, org: Org, n: int = 0) -> IncomeCheck:
        return rf.income_check(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"file": rf.filed(org, 98).pk, "month": "2022-10-01", "per_capita_income": "1200"}

    def edit_data(self, obj: IncomeCheck) -> dict[str, Any]:
        return {"file": obj.file_id, "month": obj.month.isoformat(), "per_capita_income": "1300"}

    def changed(self, obj: IncomeCheck) -> bool:
        return obj.per_capita_income == Decimal("1300")


class FileReviewTests(testing.ModelTestCase):
    entity = entities.FileReviewEntity
    api_path = "/api/v1/rights/file-reviews/"

    def make(self, org: Org, n: int = 0) -> FileReview:
        return rf.review(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"file": rf.filed(org, 99).pk, "reviewed_on": "2023-02-01", "result": "continue"}

    def edit_data(self, obj: FileReview) -> dict[str, Any]:
        return {"file": obj.file_id, "reviewed_on": obj.reviewed_on.isoformat(), "result": "exit"}

    def changed(self, obj: FileReview) -> bool:
        return obj.result == "exit"


class AidRecordTests(testing.ModelTestCase):
    entity = entities.AidRecordEntity
    api_path = "/api/v1/rights/aid-records/"

    def make(self, org: Org, n: int = 0) -> AidRecord:
        return rf.aid(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "file": rf.filed(org, 100).pk,
            "kind": "living",
            "amount": "2000",
            "source": "union",
            "given_on": "2023-01-20",
            "approver": "区总工会",
        }

    def edit_data(self, obj: AidRecord) -> dict[str, Any]:
        return {
            "file": obj.file_id,
            "kind": obj.kind,
            "amount": "600",
            "source": obj.source,
            "given_on": obj.given_on.isoformat(),
            "approver": obj.approver,
        }

    def changed(self, obj: AidRecord) -> bool:
        return obj.amount == Decimal("600")

    def export_marker(self, obj: AidRecord) -> str:
        return str(obj.file)

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        return [
            {
                "档案": str(rf.filed(org, 101 + i)),
                "救助类别": "送温暖慰问",
                "金额（元）": 500,
                "资金来源": "社会（企业）参与",
                "发放日期": "2023-01-18",
                "审批人": "区总工会",
            }
            for i in range(3)
        ]


# --- volunteers ---------------------------------------------------------------------------------
class VolunteerTeamTests(testing.ModelTestCase):
    entity = entities.VolunteerTeamEntity
    api_path = "/api/v1/rights/volunteer-teams/"

    def make(self, org: Org, n: int = 0) -> VolunteerTeam:
        return rf.team(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "name": "法律服务志愿队",
            "level": "branch",
            "speciality": "legal",
            "founded_on": "2021-05-01",
            "org": org.pk,
        }

    def edit_data(self, obj: VolunteerTeam) -> dict[str, Any]:
        return {**self.form_data(obj.org), "name": obj.name, "speciality": "psychology"}

    def changed(self, obj: VolunteerTeam) -> bool:
        return obj.speciality == "psychology"

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        return [
            {
                "服务队名称": f"导入服务队{i}",
                "层级": "企业（基层）服务队",
                "服务专长": "帮扶关爱",
                "成立日期": "2021-06-01",
                "所属工会": org.name,
            }
            for i in range(3)
        ]


class VolunteerTests(testing.ModelTestCase):
    entity = entities.VolunteerEntity
    api_path = "/api/v1/rights/volunteers/"

    def make(self, org: Org, n: int = 0) -> Volunteer:
        return rf.volunteer(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"team": rf.team(org, 102).pk, "person": f.person(org, 1020).pk, "joined_on": "2022-01-01"}

    def edit_data(self, obj: Volunteer) -> dict[str, Any]:
        return {"team": obj.team_id, "person": obj.person_id, "joined_on": obj.joined_on.isoformat(), "number": "ZY001"}

    def changed(self, obj: Volunteer) -> bool:
        return obj.number == "ZY001"

    def export_marker(self, obj: Volunteer) -> str:
        return obj.person.name

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        t = rf.team(org, 103)
        return [
            {"服务队": t.name, "志愿者": f.person(org, 1030 + i).id_number, "加入日期": "2022-02-01"} for i in range(3)
        ]


class ActivityTests(testing.ModelTestCase):
    entity = entities.ActivityEntity
    api_path = "/api/v1/rights/activities/"

    def make(self, org: Org, n: int = 0) -> VolunteerActivity:
        return rf.activity(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "team": rf.team(org, 104).pk,
            "title": "关爱环卫工人",
            "held_on": "2022-08-01",
            "place": "仙林",
            "beneficiaries": 30,
        }

    def edit_data(self, obj: VolunteerActivity) -> dict[str, Any]:
        return {
            "team": obj.team_id,
            "title": obj.title,
            "held_on": obj.held_on.isoformat(),
            "place": "马群",
            "beneficiaries": 12,
        }

    def changed(self, obj: VolunteerActivity) -> bool:
        return obj.place == "马群"

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        t = rf.team(org, 105)
        return [
            {
                "组织服务队": t.name,
                "活动名称": f"导入活动{i}",
                "活动日期": "2022-09-01",
                "地点": "社区",
                "服务对象人数": 10,
            }
            for i in range(3)
        ]


class SignupTests(testing.ModelTestCase):
    entity = entities.SignupEntity
    api_path = "/api/v1/rights/signups/"

    def make(self, org: Org, n: int = 0) -> ActivitySignup:
        return rf.signup(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        upcoming = rf.activity(org, 106, held_on=date(2030, 5, 1), capacity=10)
        return {"activity": upcoming.pk, "person": f.person(org, 1060).pk}

    def export_marker(self, obj: ActivitySignup) -> str:
        return obj.person.name


class HoursTests(testing.ModelTestCase):
    entity = entities.HoursEntity
    api_path = "/api/v1/rights/hours/"

    def make(self, org: Org, n: int = 0) -> ServiceHours:
        return rf.hours(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        act = rf.activity(org, 107)
        vol = rf.volunteer(org, 107, team=act.team)
        return {"activity": act.pk, "volunteer": vol.pk, "hours": "2.5"}

    def export_marker(self, obj: ServiceHours) -> str:
        return str(obj.activity)

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        act = rf.activity(org, 108)
        return [
            {"活动": act.title, "志愿者": str(rf.volunteer(org, 1080 + i, team=act.team)), "服务时长（小时）": 2}
            for i in range(3)
        ]


class VolunteerRecordTests(testing.ModelTestCase):
    entity = entities.VolunteerRecordEntity
    api_path = "/api/v1/rights/volunteer-records/"

    def make(self, org: Org, n: int = 0) -> VolunteerRecord:
        return rf.volunteer_record(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "volunteer": rf.volunteer(org, 109).pk,
            "kind": "award",
            "on": "2022-12-01",
            "content": "最美职工志愿者",
        }

    def edit_data(self, obj: VolunteerRecord) -> dict[str, Any]:
        return {"volunteer": obj.volunteer_id, "kind": obj.kind, "on": obj.on.isoformat(), "content": "心理疏导培训"}

    def changed(self, obj: VolunteerRecord) -> bool:
        return obj.content == "心理疏导培训"


class CorrectionTests(testing.ModelTestCase):
    entity = entities.CorrectionEntity
    api_path = "/api/v1/rights/corrections/"

    def make(self, org: Org, n: int = 0) -> HoursCorrection:
        return rf.correction(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"record": rf.hours(org, 110).pk, "requested_hours": "4.5", "reason": "活动延长一小时"}


class CertificateTests(testing.ModelTestCase):
    entity = entities.CertificateEntity
    api_path = "/api/v1/rights/certificates/"

    def make(self, org: Org, n: int = 0) -> HoursCertificate:
        return rf.certificate(org, n)

    def export_marker(self, obj: HoursCertificate) -> str:
        return obj.number


# --- new-employment-form workers ----------------------------------------------------------------
class CampaignTests(testing.ModelTestCase):
    entity = entities.CampaignEntity
    api_path = "/api/v1/rights/campaigns/"

    def make(self, org: Org, n: int = 0) -> ServiceCampaign:
        return rf.campaign(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"name": "四赠送一建设", "starts_on": "2022-03-01", "org": org.pk}

    def edit_data(self, obj: ServiceCampaign) -> dict[str, Any]:
        return {"name": obj.name, "starts_on": obj.starts_on.isoformat(), "ends_on": "2022-12-31", "org": obj.org_id}

    def changed(self, obj: ServiceCampaign) -> bool:
        return obj.ends_on == date(2022, 12, 31)


class CampaignItemTests(testing.ModelTestCase):
    entity = entities.CampaignItemEntity
    api_path = "/api/v1/rights/campaign-items/"

    def make(self, org: Org, n: int = 0) -> CampaignItem:
        return rf.item(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"campaign": rf.campaign(org, 111).pk, "name": "健康体检", "unit": "人次", "sort": 2}

    def edit_data(self, obj: CampaignItem) -> dict[str, Any]:
        return {"campaign": obj.campaign_id, "name": obj.name, "unit": "份", "sort": 5}

    def changed(self, obj: CampaignItem) -> bool:
        return obj.sort == 5


class GiftTests(testing.ModelTestCase):
    entity = entities.GiftEntity
    api_path = "/api/v1/rights/gifts/"

    def make(self, org: Org, n: int = 0) -> GiftDelivery:
        return rf.gift(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"item": rf.item(org, 112).pk, "person": f.person(org, 1120).pk, "quantity": 1, "given_on": "2022-06-15"}

    def edit_data(self, obj: GiftDelivery) -> dict[str, Any]:
        return {"item": obj.item_id, "person": obj.person_id, "quantity": 2, "given_on": obj.given_on.isoformat()}

    def changed(self, obj: GiftDelivery) -> bool:
        return obj.quantity == 2

    def export_marker(self, obj: GiftDelivery) -> str:
        return obj.person.name

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        it = rf.item(org, 113)
        return [
            {"赠送项目": str(it), "受赠职工": f.person(org, 1130 + i).id_number, "数量": 1, "日期": "2022-06-20"}
            for i in range(3)
        ]


class EducationBaseTests(testing.ModelTestCase):
    entity = entities.EducationBaseEntity
    api_path = "/api/v1/rights/education-bases/"

    def make(self, org: Org, n: int = 0) -> EducationBase:
        return rf.education_base(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "name": "新就业形态劳动者交通安全警示教育基地",
            "theme": "交通安全",
            "opened_on": "2021-09-01",
            "org": org.pk,
        }

    def edit_data(self, obj: EducationBase) -> dict[str, Any]:
        return {
            "name": obj.name,
            "theme": obj.theme,
            "opened_on": obj.opened_on.isoformat(),
            "partner": "区交警大队",
            "org": obj.org_id,
        }

    def changed(self, obj: EducationBase) -> bool:
        return obj.partner == "区交警大队"


class BaseSessionTests(testing.ModelTestCase):
    entity = entities.BaseSessionEntity
    api_path = "/api/v1/rights/base-sessions/"

    def make(self, org: Org, n: int = 0) -> BaseSession:
        return rf.session(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"base": rf.education_base(org, 114).pk, "held_on": "2022-08-08", "topic": "电动车安全", "attendees": 60}

    def edit_data(self, obj: BaseSession) -> dict[str, Any]:
        return {"base": obj.base_id, "held_on": obj.held_on.isoformat(), "topic": obj.topic, "attendees": 75}

    def changed(self, obj: BaseSession) -> bool:
        return obj.attendees == 75

    def export_marker(self, obj: BaseSession) -> str:
        return obj.topic

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        b = rf.education_base(org, 115)
        return [{"基地": b.name, "日期": "2022-09-09", "主题": f"导入主题{i}", "参加人数": 20 + i} for i in range(3)]


# --- collective bargaining ------------------------------------------------------------------------
class InstructorTests(testing.ModelTestCase):
    entity = entities.InstructorEntity
    api_path = "/api/v1/rights/instructors/"

    def make(self, org: Org, n: int = 0) -> Instructor:
        return rf.instructor(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "name": "张律师",
            "kind": "part",
            "background": "律师",
            "appointed_on": "2022-01-01",
            "term_ends_on": "2024-12-31",
            "enterprises": [f.enterprise(org, 51).pk],
            "org": org.pk,
        }

    def api_data(self, org: Org) -> dict[str, Any]:
        return {**self.form_data(org), "enterprises": []}

    def edit_data(self, obj: Instructor) -> dict[str, Any]:
        return {**self.form_data(obj.org), "name": obj.name, "enterprises": [], "letter_no": "栖工〔2022〕1号"}

    def changed(self, obj: Instructor) -> bool:
        return obj.letter_no == "栖工〔2022〕1号"

    def export_marker(self, obj: Instructor) -> str:
        return obj.name

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        return [
            {
                "姓名": f"导入指导员{i}",
                "类型": "兼职",
                "聘任日期": "2022-01-01",
                "聘期届满": "2024-12-31",
                "聘任工会": org.name,
            }
            for i in range(3)
        ]


class InstructorRecordTests(testing.ModelTestCase):
    entity = entities.InstructorRecordEntity
    api_path = "/api/v1/rights/instructor-records/"

    def make(self, org: Org, n: int = 0) -> InstructorRecord:
        return rf.instructor_record(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "instructor": rf.instructor(org, 52).pk,
            "kind": "assessment",
            "on": "2023-01-10",
            "content": "2022年度考核",
            "result": "competent",
        }

    def edit_data(self, obj: InstructorRecord) -> dict[str, Any]:
        return {
            "instructor": obj.instructor_id,
            "kind": obj.kind,
            "on": obj.on.isoformat(),
            "content": "更正后的内容",
        }

    def changed(self, obj: InstructorRecord) -> bool:
        return obj.content == "更正后的内容"


class OfferCampaignTests(testing.ModelTestCase):
    entity = entities.OfferCampaignEntity
    api_path = "/api/v1/rights/offer-campaigns/"

    def make(self, org: Org, n: int = 0) -> OfferCampaign:
        return rf.offer_campaign(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "name": "2023年春季要约行动",
            "year": 2023,
            "season": "spring",
            "starts_on": "2023-03-01",
            "ends_on": "2023-05-31",
            "org": org.pk,
        }

    def edit_data(self, obj: OfferCampaign) -> dict[str, Any]:
        return {**self.form_data(obj.org), "name": obj.name, "ends_on": "2023-06-30"}

    def changed(self, obj: OfferCampaign) -> bool:
        return obj.ends_on == date(2023, 6, 30)


class NegotiationTests(testing.ModelTestCase):
    entity = entities.NegotiationEntity
    api_path = "/api/v1/rights/negotiations/"

    def make(self, org: Org, n: int = 0) -> Negotiation:
        return rf.negotiation(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "enterprise": f.enterprise(org, 53).pk,
            "initiator": "union",
            "topics": "工资调整",
            "offer_on": "2023-03-01",
            "received_on": "2023-03-02",
        }

    def edit_data(self, obj: Negotiation) -> dict[str, Any]:
        return {
            "enterprise": obj.enterprise_id,
            "initiator": obj.initiator,
            "topics": obj.topics,
            "offer_on": obj.offer_on.isoformat(),
            "received_on": obj.received_on.isoformat(),
            "reply_on": "2023-03-10",
        }

    def changed(self, obj: Negotiation) -> bool:
        return obj.reply_on == date(2023, 3, 10)

    def export_marker(self, obj: Negotiation) -> str:
        return obj.enterprise.name


class NegotiatorTests(testing.ModelTestCase):
    entity = entities.NegotiatorEntity
    api_path = "/api/v1/rights/negotiators/"

    def make(self, org: Org, n: int = 0) -> Negotiator:
        return rf.negotiator(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"negotiation": rf.negotiation(org, 54).pk, "side": "employer", "name": "李经理", "chief": "on"}

    def api_data(self, org: Org) -> dict[str, Any]:
        return {**self.form_data(org), "chief": True}

    def edit_data(self, obj: Negotiator) -> dict[str, Any]:
        return {"negotiation": obj.negotiation_id, "side": obj.side, "name": obj.name, "post": "工会主席"}

    def changed(self, obj: Negotiator) -> bool:
        return obj.post == "工会主席" and not obj.chief


class MeetingTests(testing.ModelTestCase):
    entity = entities.MeetingEntity
    api_path = "/api/v1/rights/negotiation-meetings/"

    def make(self, org: Org, n: int = 0) -> NegotiationMeeting:
        return rf.meeting(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "negotiation": rf.negotiation(org, 55).pk,
            "held_on": "2023-03-12",
            "recorder": "王记录",
            "minutes": "议定",
        }

    def edit_data(self, obj: NegotiationMeeting) -> dict[str, Any]:
        return {
            "negotiation": obj.negotiation_id,
            "held_on": obj.held_on.isoformat(),
            "recorder": obj.recorder,
            "minutes": "补充记录",
        }

    def changed(self, obj: NegotiationMeeting) -> bool:
        return obj.minutes == "补充记录"


class ContractTests(testing.ModelTestCase):
    entity = entities.ContractEntity
    api_path = "/api/v1/rights/contracts/"

    def make(self, org: Org, n: int = 0) -> CollectiveContract:
        return rf.contract(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "kind": "comprehensive",
            "enterprise": f.enterprise(org, 56).pk,
            "starts_on": "2022-07-01",
            "ends_on": "2025-06-30",
            "employees_covered": 320,
            "org": org.pk,
        }

    def edit_data(self, obj: CollectiveContract) -> dict[str, Any]:
        return {
            "kind": obj.kind,
            "enterprise": obj.enterprise_id,
            "starts_on": obj.starts_on.isoformat(),
            "ends_on": obj.ends_on.isoformat(),
            "employees_covered": 150,
            "wage_growth": "5.5",
            "org": obj.org_id,
        }

    def changed(self, obj: CollectiveContract) -> bool:
        return obj.wage_growth == Decimal("5.5") and obj.employees_covered == 150

    def export_marker(self, obj: CollectiveContract) -> str:
        return obj.enterprise.name

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        return [
            {
                "合同类型": "工资专项集体合同",
                "企业": f.enterprise(org, 560 + i).name,
                "生效日期": "2022-05-01",
                "期满日期": "2023-04-30",
                "覆盖职工人数": 80,
                "所属工会": org.name,
            }
            for i in range(3)
        ]


class StarRatingTests(testing.ModelTestCase):
    entity = entities.StarRatingEntity
    api_path = "/api/v1/rights/star-ratings/"

    def make(self, org: Org, n: int = 0) -> StarRating:
        return rf.rating(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"enterprise": f.enterprise(org, 57).pk, "year": 2022, "score": "81.5"}

    def edit_data(self, obj: StarRating) -> dict[str, Any]:
        return {"enterprise": obj.enterprise_id, "year": obj.year, "score": "72"}

    def changed(self, obj: StarRating) -> bool:
        return obj.score == Decimal("72") and obj.stars == 1

    def export_marker(self, obj: StarRating) -> str:
        return obj.enterprise.name

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        return [{"企业": f.enterprise(org, 570 + i).name, "年度": 2022, "评估得分": 75 + i} for i in range(3)]


# --- stations -------------------------------------------------------------------------------------
class StationTests(testing.ModelTestCase):
    entity = entities.StationEntity
    api_path = "/api/v1/rights/stations/"

    def make(self, org: Org, n: int = 0) -> Station:
        return rf.station(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "code": "qx-new-1",
            "name": "仙林新驿站",
            "address": "仙林大道1号",
            "longitude": "118.9095",
            "latitude": "32.1027",
            "opened_on": "2023-01-01",
            "hours": "8:00-18:00",
            "amenities": [item.pk for item in rf.amenities()[:3]],
            "org": org.pk,
        }

    def api_data(self, org: Org) -> dict[str, Any]:
        return {**self.form_data(org), "code": "QX-API-1"}

    def edit_data(self, obj: Station) -> dict[str, Any]:
        return {
            "code": obj.code,
            "name": obj.name,
            "address": obj.address,
            "longitude": str(obj.longitude),
            "latitude": str(obj.latitude),
            "opened_on": obj.opened_on.isoformat(),
            "hours": "7:30-21:00",
            "org": obj.org_id,
        }

    def changed(self, obj: Station) -> bool:
        return obj.hours == "7:30-21:00"

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        return [
            {
                "站点编号": f"IMP{org.pk}{i}",
                "站点名称": f"导入驿站{i}",
                "地址": "栖霞区某路",
                "经度（WGS-84）": 118.91 + i / 100,
                "纬度（WGS-84）": 32.10,
                "投入使用日期": "2022-06-01",
                "开放时间": "8:00-20:00",
                "所属工会": org.name,
            }
            for i in range(3)
        ]


class StationVisitTests(testing.ModelTestCase):
    entity = entities.StationVisitEntity
    api_path = "/api/v1/rights/station-visits/"

    def make(self, org: Org, n: int = 0) -> StationVisit:
        return rf.visit(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"station": rf.station(org, 58).pk, "month": "2022-07-15", "visits": 230}

    def edit_data(self, obj: StationVisit) -> dict[str, Any]:
        return {"station": obj.station_id, "month": obj.month.isoformat(), "visits": 999}

    def changed(self, obj: StationVisit) -> bool:
        return obj.visits == 999

    def export_marker(self, obj: StationVisit) -> str:
        return obj.station.name

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        station = rf.station(org, 59)
        return [{"站点": station.name, "月份": f"2022-0{i + 1}-01", "服务人次": 100 + i} for i in range(3)]


class StationReviewTests(testing.ModelTestCase):
    entity = entities.StationReviewEntity
    api_path = "/api/v1/rights/station-reviews/"

    def make(self, org: Org, n: int = 0) -> StationReview:
        return rf.station_review(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        answers = {f"item_{item.value}": "True" for item in rf.amenities()}
        return {
            "station": rf.station(org, 60).pk,
            "level": "district",
            "reviewed_on": "2023-01-05",
            "score": "88",
            "stars": 4,
            **answers,
        }

    def api_data(self, org: Org) -> dict[str, Any]:
        return {
            "station": rf.station(org, 61).pk,
            "level": "district",
            "reviewed_on": "2023-01-05",
            "checklist": rf.checklist(),
            "score": "88",
            "stars": 4,
        }

    def edit_data(self, obj: StationReview) -> dict[str, Any]:
        answers = {f"item_{value}": str(present) for value, present in obj.checklist.items()}
        return {
            "station": obj.station_id,
            "level": obj.level,
            "reviewed_on": obj.reviewed_on.isoformat(),
            "score": "70",
            "stars": 2,
            **answers,
            "item_reading": "False",
        }

    def changed(self, obj: StationReview) -> bool:
        return obj.stars == 2 and obj.checklist["reading"] is False


class StationTitleTests(testing.ModelTestCase):
    entity = entities.StationTitleEntity
    api_path = "/api/v1/rights/station-titles/"

    def make(self, org: Org, n: int = 0) -> StationTitle:
        return rf.station_title(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"station": rf.station(org, 62).pk, "title": "province_best", "year": 2022, "issuer": "江苏省总工会"}

    def edit_data(self, obj: StationTitle) -> dict[str, Any]:
        return {"station": obj.station_id, "title": obj.title, "year": obj.year, "issuer": "南京市总工会"}

    def changed(self, obj: StationTitle) -> bool:
        return obj.issuer == "南京市总工会"
