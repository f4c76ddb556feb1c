"""The generic view/import/export/API tests for every 法律援助 entity (kit.testing): anonymous, no
permission (for a case: 404, as if it did not exist), permitted, another org's user who sees
nothing; every opening of a case logged."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from core.models import Org
from core.tests import factories as f
from kit import testing
from legal import entities
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
from legal.tests import factories as lf


class MinimumWageTests(testing.ModelTestCase):
    entity = entities.MinimumWageEntity
    api_path = "/api/v1/legal/minimum-wages/"
    scoped = False

    def make(self, org: Org, n: int = 0) -> MinimumWage:
        return lf.minimum_wage(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"region": "江苏省二类地区", "monthly": "2070", "effective_from": "2022-10-01"}

    def edit_data(self, obj: MinimumWage) -> dict[str, Any]:
        return {"region": obj.region, "monthly": "2490", "effective_from": obj.effective_from.isoformat()}

    def changed(self, obj: MinimumWage) -> bool:
        return obj.monthly == Decimal("2490")

    def export_marker(self, obj: MinimumWage) -> str:
        return obj.region

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        return [{"适用地区": f"导入地区{i}", "月最低工资（元）": 2000 + i, "执行日期": "2023-01-01"} for i in range(3)]


class LawyerTests(testing.ModelTestCase):
    entity = entities.LawyerEntity
    api_path = "/api/v1/legal/lawyers/"

    def make(self, org: Org, n: int = 0) -> Lawyer:
        return lf.lawyer(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"name": "赵律师", "kind": "hired", "firm": "某律所", "licence_no": "13201201910009999", "org": org.pk}

    def edit_data(self, obj: Lawyer) -> dict[str, Any]:
        return {"name": obj.name, "kind": obj.kind, "phone": "025-88886666", "org": obj.org_id}

    def changed(self, obj: Lawyer) -> bool:
        return obj.phone == "025-88886666"

    def export_marker(self, obj: Lawyer) -> str:
        return obj.name

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        return [{"姓名": f"导入律师{i}", "类别": "中心工作人员", "所属法律援助中心": org.name} for i in range(3)]


class CaseTests(testing.ModelTestCase):
    entity = entities.CaseEntity
    api_path = "/api/v1/legal/cases/"

    def make(self, org: Org, n: int = 0) -> Case:
        return lf.case(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "applicant_id_number": f.id_number(880001),
            "applicant_name": "新职工",
            "channel": "counter",
            "room": "mediation",
            "employer_name": "某物流公司",
            "dispute_type": lf.dispute().pk,
            "facts": "拖欠两个月工资",
            "claims": "支付工资 12000 元",
            "amount": "12000.50",
            "workers_involved": 1,
            "applied_on": "2023-03-01",
            "org": org.pk,
        }

    def api_data(self, org: Org) -> dict[str, Any]:
        return {**self.form_data(org), "applicant_id_number": f.id_number(880002)}

    def edit_data(self, obj: Case) -> dict[str, Any]:
        return {
            "channel": obj.channel,
            "room": obj.room,
            "employer_name": obj.employer_name,
            "dispute_type": obj.dispute_type_id,
            "facts": obj.facts,
            "claims": obj.claims,
            "amount": "9999.99",
            "workers_involved": 4,
            "applied_on": obj.applied_on.isoformat(),
            "org": obj.org_id,
        }

    def changed(self, obj: Case) -> bool:
        return obj.amount == Decimal("9999.99") and obj.collective

    def export_marker(self, obj: Case) -> str:
        return obj.number


class SessionTests(testing.ModelTestCase):
    entity = entities.SessionEntity
    api_path = "/api/v1/legal/case-sessions/"

    def make(self, org: Org, n: int = 0) -> CaseSession:
        return lf.session(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"case": lf.case(org, 50).pk, "kind": "hearing", "held_on": "2023-03-20", "handler": "仲裁员"}

    def edit_data(self, obj: CaseSession) -> dict[str, Any]:
        return {"case": obj.case_id, "kind": obj.kind, "held_on": obj.held_on.isoformat(), "notes": "补记"}

    def changed(self, obj: CaseSession) -> bool:
        return obj.notes == "补记"


class InterruptionTests(testing.ModelTestCase):
    entity = entities.InterruptionEntity
    api_path = "/api/v1/legal/case-interruptions/"

    def make(self, org: Org, n: int = 0) -> CaseInterruption:
        return lf.interruption(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"case": lf.case(org, 51).pk, "kind": "authority", "on": "2023-01-05"}

    def edit_data(self, obj: CaseInterruption) -> dict[str, Any]:
        return {"case": obj.case_id, "kind": obj.kind, "on": obj.on.isoformat(), "note": "向劳动监察投诉"}

    def changed(self, obj: CaseInterruption) -> bool:
        return obj.note == "向劳动监察投诉"


class DocumentTests(testing.ModelTestCase):
    entity = entities.DocumentEntity
    api_path = "/api/v1/legal/case-documents/"
    api_format = "multipart"

    def make(self, org: Org, n: int = 0) -> CaseDocument:
        return lf.document(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"case": lf.case(org, 52).pk, "kind": "evidence", "title": "工资条", "file": lf.pdf()}

    def edit_data(self, obj: CaseDocument) -> dict[str, Any]:
        return {"case": obj.case_id, "kind": obj.kind, "title": "工资条（补）"}

    def changed(self, obj: CaseDocument) -> bool:
        return obj.title == "工资条（补）"


class PartnerTests(testing.ModelTestCase):
    entity = entities.PartnerEntity
    api_path = "/api/v1/legal/partners/"

    def make(self, org: Org, n: int = 0) -> Partner:
        return lf.partner(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "name": "江阴市总工会",
            "region": "江阴",
            "agreement_on": "2021-09-23",
            "agreement_scope": "相互委托办理案件",
            "their_liaison": "李联络",
            "org": org.pk,
        }

    def edit_data(self, obj: Partner) -> dict[str, Any]:
        return {**self.form_data(obj.org), "name": obj.name, "their_phone": "0510-12345678"}

    def changed(self, obj: Partner) -> bool:
        return obj.their_phone == "0510-12345678"


class ReferralTests(testing.ModelTestCase):
    entity = entities.ReferralEntity
    api_path = "/api/v1/legal/referrals/"

    def make(self, org: Org, n: int = 0) -> Referral:
        return lf.referral(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "partner": lf.partner(org, 53).pk,
            "direction": "in",
            "worker_name": "王某",
            "summary": "工伤",
            "sent_on": "2023-02-01",
            "org": org.pk,
        }

    def edit_data(self, obj: Referral) -> dict[str, Any]:
        return {
            "partner": obj.partner_id,
            "direction": obj.direction,
            "worker_name": obj.worker_name,
            "summary": "补充摘要",
            "sent_on": obj.sent_on.isoformat(),
            "org": obj.org_id,
        }

    def changed(self, obj: Referral) -> bool:
        return obj.summary == "补充摘要"


class ReferralTaskTests(testing.ModelTestCase):
    entity = entities.ReferralTaskEntity
    api_path = "/api/v1/legal/referral-tasks/"

    def make(self, org: Org, n: int = 0) -> ReferralTask:
        return lf.task(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"referral": lf.referral(org, 54).pk, "kind": "enforcement", "description": "代理执行"}

    def edit_data(self, obj: ReferralTask) -> dict[str, Any]:
        return {
            "referral": obj.referral_id,
            "kind": obj.kind,
            "description": obj.description,
            "done_on": "2023-03-01",
            "result": "已执行到位",
        }

    def changed(self, obj: ReferralTask) -> bool:
        return obj.done_on == date(2023, 3, 1)


class ReferralUpdateTests(testing.ModelTestCase):
    entity = entities.ReferralUpdateEntity
    api_path = "/api/v1/legal/referral-updates/"

    def make(self, org: Org, n: int = 0) -> ReferralUpdate:
        return lf.update(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"referral": lf.referral(org, 55).pk, "source": "ours", "on": "2023-02-02", "text": "已受理"}

    def edit_data(self, obj: ReferralUpdate) -> dict[str, Any]:
        return {"referral": obj.referral_id, "source": obj.source, "on": obj.on.isoformat(), "text": "已开庭"}

    def changed(self, obj: ReferralUpdate) -> bool:
        return obj.text == "已开庭"


class CheckupTests(testing.ModelTestCase):
    entity = entities.CheckupEntity
    api_path = "/api/v1/legal/checkups/"

    def make(self, org: Org, n: int = 0) -> Checkup:
        return lf.checkup(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        items = {f"item_{i.value}": "pass" for i in lf.checkup_items()}
        return {
            "enterprise": f.enterprise(org, 56).pk,
            "visited_on": "2022-08-01",
            "lawyer": lf.lawyer(org, 56).pk,
            "risk": "medium",
            **items,
            "item_probation": "fail",
            "advice": "试用期改为两个月",
            "rectify_by": "2022-10-01",
        }

    def api_data(self, org: Org) -> dict[str, Any]:
        return {
            "enterprise": f.enterprise(org, 57).pk,
            "visited_on": "2022-08-01",
            "lawyer": lf.lawyer(org, 57).pk,
            "risk": "low",
            "answers": lf.answers(),
        }

    def edit_data(self, obj: Checkup) -> dict[str, Any]:
        items = {f"item_{value}": answer for value, answer in obj.answers.items()}
        return {
            "enterprise": obj.enterprise_id,
            "visited_on": obj.visited_on.isoformat(),
            "lawyer": obj.lawyer_id,
            "risk": obj.risk,
            **items,
            "follow_up_on": "2022-09-01",
            "follow_up_result": "已整改",
        }

    def changed(self, obj: Checkup) -> bool:
        return obj.follow_up_result == "已整改"

    def export_marker(self, obj: Checkup) -> str:
        return obj.enterprise.name


class EducationTests(testing.ModelTestCase):
    entity = entities.EducationEntity
    api_path = "/api/v1/legal/education-sessions/"

    def make(self, org: Org, n: int = 0) -> EducationSession:
        return lf.education(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"title": "劳动合同法讲座", "held_on": "2022-06-01", "place": "普法室", "attendees": 60, "org": org.pk}

    def edit_data(self, obj: EducationSession) -> dict[str, Any]:
        return {
            "title": obj.title,
            "held_on": obj.held_on.isoformat(),
            "place": obj.place,
            "attendees": 99,
            "org": obj.org_id,
        }

    def changed(self, obj: EducationSession) -> bool:
        return obj.attendees == 99

    def export_marker(self, obj: EducationSession) -> str:
        return obj.title

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        return [
            {"主题": f"导入普法{i}", "日期": "2022-07-01", "地点": "普法室", "参加人数": 30, "组织单位": org.name}
            for i in range(3)
        ]


class CentreCriterionTests(testing.ModelTestCase):
    entity = entities.CentreCriterionEntity
    api_path = "/api/v1/legal/centre-criteria/"

    def make(self, org: Org, n: int = 0) -> CentreCriterion:
        return lf.criterion(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"standard": "三化", "code": "1.1", "criterion": "有固定场所", "self_assessment": "met", "org": org.pk}

    def edit_data(self, obj: CentreCriterion) -> dict[str, Any]:
        return {
            "standard": obj.standard,
            "code": obj.code,
            "criterion": obj.criterion,
            "assessor_result": "partly",
            "assessed_on": "2022-11-20",
            "org": obj.org_id,
        }

    def changed(self, obj: CentreCriterion) -> bool:
        return obj.assessor_result == "partly"

    def export_marker(self, obj: CentreCriterion) -> str:
        return obj.code

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        return [
            {"建设标准": "三化", "序号": f"I{i}", "标准条目": f"条目{i}", "法律援助中心": org.name} for i in range(3)
        ]
