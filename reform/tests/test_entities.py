"""The generic view/import/export/API tests for every 一体化推进 entity (kit.testing)."""

from __future__ import annotations

from datetime import date
from typing import Any

from core import entities as core_entities
from core.models import MemberUnit, Org, PolicyDocument
from core.tests import factories as f
from kit import testing
from reform import entities
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


def initiative(org: Org, n: int = 0) -> Initiative:
    return Initiative.objects.create(name=f"举措{org.code}-{n}", org=org)


def unit(org: Org) -> MemberUnit:
    return MemberUnit.objects.get_or_create(org=org, name=f"区人社局{org.code}")[0]


def project(org: Org, n: int = 0) -> ReformProject:
    return ReformProject.objects.create(
        initiative=initiative(org, n),
        name=f"项目{org.code}-{n}",
        owner_unit=unit(org),
        target="完成",
        target_value=100,
        start_date=date(2023, 1, 1),
        due_date=date(2023, 12, 31),
        org=org,
    )


def position(org: Org, n: int = 0) -> ServicePosition:
    return ServicePosition.objects.create(
        name=f"阵地{org.code}-{n}", kind="community", host_name="某社区", opened_on=date(2021, 1, 1), org=org
    )


class Renamed:
    """Tests whose edit appends （改） to a text field."""

    text_field = "name"

    def changed(self, obj: Any) -> bool:
        return str(getattr(obj, self.text_field)).endswith("（改）")


class PolicyDocumentTests(Renamed, testing.ModelTestCase):
    entity = core_entities.PolicyDocumentEntity
    api_path = "/api/v1/policies/"
    text_field = "title"

    def make(self, org: Org, n: int = 0) -> PolicyDocument:
        return PolicyDocument.objects.create(
            title=f"实施意见{org.code}-{n}", kind="opinion", issuer="区总工会", year=2022, org=org
        )

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"title": "新实施意见", "kind": "opinion", "issuer": "区总工会", "year": 2023, "org": org.pk}

    def edit_data(self, obj: PolicyDocument) -> dict[str, Any]:
        return {
            "title": obj.title + "（改）",
            "kind": obj.kind,
            "issuer": obj.issuer,
            "year": obj.year,
            "org": obj.org_id,
        }

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        return [
            {
                "文件标题": f"导入文件{i}",
                "文种": "实施意见",
                "印发单位": "区总工会",
                "年度": 2020 + i,
                "登记单位": org.name,
            }
            for i in range(3)
        ]


class InitiativeTests(Renamed, testing.ModelTestCase):
    entity = entities.InitiativeEntity
    api_path = "/api/v1/reform/initiatives/"

    def make(self, org: Org, n: int = 0) -> Initiative:
        return initiative(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"name": "新举措", "org": org.pk}

    def edit_data(self, obj: Initiative) -> dict[str, Any]:
        return {"name": obj.name + "（改）", "org": obj.org_id}


class ReformProjectTests(Renamed, testing.ModelTestCase):
    entity = entities.ProjectEntity
    api_path = "/api/v1/reform/projects/"

    def make(self, org: Org, n: int = 0) -> ReformProject:
        return project(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "initiative": initiative(org, 99).pk,
            "name": "新项目",
            "owner_unit": unit(org).pk,
            "target": "完成",
            "start_date": "2023-01-01",
            "due_date": "2023-12-31",
            "org": org.pk,
        }

    def edit_data(self, obj: ReformProject) -> dict[str, Any]:
        return {
            "initiative": obj.initiative_id,
            "name": obj.name + "（改）",
            "owner_unit": obj.owner_unit_id,
            "target": obj.target,
            "start_date": "2023-01-01",
            "due_date": "2023-12-31",
            "org": obj.org_id,
        }

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        ini = initiative(org, 98)
        return [
            {
                "所属举措": ini.name,
                "项目名称": f"导入项目{i}",
                "牵头成员单位": unit(org).name,
                "目标任务": "完成",
                "开始日期": "2023-01-01",
                "完成时限": "2023-12-31",
                "所属组织": org.name,
            }
            for i in range(3)
        ]


class MilestoneTests(Renamed, testing.ModelTestCase):
    entity = entities.MilestoneEntity
    api_path = "/api/v1/reform/milestones/"

    def make(self, org: Org, n: int = 0) -> Milestone:
        return Milestone.objects.create(project=project(org, 50 + n), name=f"节点{n}", due_date=date(2023, 6, 30))

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"project": project(org, 77).pk, "name": "制定方案", "due_date": "2023-03-31"}

    def edit_data(self, obj: Milestone) -> dict[str, Any]:
        return {"project": obj.project_id, "name": obj.name + "（改）", "due_date": "2023-06-30"}


class ProgressReportTests(testing.ModelTestCase):
    entity = entities.ReportEntity
    api_path = "/api/v1/reform/reports/"

    def make(self, org: Org, n: int = 0) -> ProgressReport:
        return ProgressReport.objects.create(
            project=project(org, 60 + n),
            period_start=date(2023, 1, 1),
            period_end=date(2023, 3, 31),
            narrative="推进中",
        )

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "project": project(org, 88).pk,
            "period_start": "2023-01-01",
            "period_end": "2023-03-31",
            "value_reached": "30",
            "narrative": "一季度完成方案",
        }

    def edit_data(self, obj: ProgressReport) -> dict[str, Any]:
        return {
            "project": obj.project_id,
            "period_start": "2023-01-01",
            "period_end": "2023-03-31",
            "value_reached": "45",
            "narrative": obj.narrative,
        }

    def changed(self, obj: ProgressReport) -> bool:
        return obj.value_reached == 45


class ServicePositionTests(Renamed, testing.ModelTestCase):
    entity = entities.PositionEntity
    api_path = "/api/v1/reform/positions/"

    def make(self, org: Org, n: int = 0) -> ServicePosition:
        return position(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "name": "新阵地",
            "kind": "community",
            "host_name": "某社区",
            "opened_on": "2022-05-01",
            "level": "standard",
            "org": org.pk,
        }

    def edit_data(self, obj: ServicePosition) -> dict[str, Any]:
        return {
            "name": obj.name + "（改）",
            "kind": obj.kind,
            "host_name": obj.host_name,
            "opened_on": "2021-01-01",
            "level": obj.level,
            "org": obj.org_id,
        }

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        return [
            {
                "阵地名称": f"导入阵地{i}",
                "类型": "社区阵地",
                "承建社区/单位": "某社区",
                "建成日期": "2022-01-01",
                "建设等级": "标准化",
                "所属组织": org.name,
            }
            for i in range(3)
        ]


class PositionCheckTests(testing.ModelTestCase):
    entity = entities.PositionCheckEntity
    api_path = "/api/v1/reform/position-checks/"

    def make(self, org: Org, n: int = 0) -> PositionCheck:
        return PositionCheck.objects.create(
            position=position(org, 40 + n), year=2022, checked_on=date(2022, 12, 1), result="pass"
        )

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"position": position(org, 70).pk, "year": 2022, "checked_on": "2022-12-01", "result": "pass"}

    def edit_data(self, obj: PositionCheck) -> dict[str, Any]:
        return {"position": obj.position_id, "year": obj.year, "checked_on": "2022-12-01", "result": "excellent"}

    def changed(self, obj: PositionCheck) -> bool:
        return obj.result == "excellent"


class MicroServiceTests(Renamed, testing.ModelTestCase):
    entity = entities.MicroServiceEntity
    api_path = "/api/v1/reform/micro-services/"

    def make(self, org: Org, n: int = 0) -> MicroService:
        return MicroService.objects.create(name=f"微服务{org.code}-{n}", launched_on=date(2022, 1, 1), org=org)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"name": "法律微咨询", "launched_on": "2022-03-01", "org": org.pk}

    def edit_data(self, obj: MicroService) -> dict[str, Any]:
        return {"name": obj.name + "（改）", "launched_on": "2022-01-01", "org": obj.org_id}

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        return [
            {"项目名称": f"导入微服务{i}", "推出日期": "2022-05-01", "受益职工人数": 10 + i, "所属组织": org.name}
            for i in range(3)
        ]


class KeyContactTests(testing.ModelTestCase):
    entity = entities.KeyContactEntity
    api_path = "/api/v1/reform/key-contacts/"

    def make(self, org: Org, n: int = 0) -> KeyContact:
        return KeyContact.objects.create(enterprise=f.enterprise(org, n), contact=f"联系人{n}", since=date(2022, 1, 1))

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"enterprise": f.enterprise(org, 90).pk, "contact": "王联络", "since": "2022-02-01"}

    def edit_data(self, obj: KeyContact) -> dict[str, Any]:
        return {"enterprise": obj.enterprise_id, "contact": "李联络", "since": "2022-01-01"}

    def changed(self, obj: KeyContact) -> bool:
        return obj.contact == "李联络"

    def export_marker(self, obj: KeyContact) -> str:
        return obj.enterprise.name

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        return [
            {"企业": f.enterprise(org, 70 + i).name, "联系人": f"导入联系人{i}", "确定日期": "2022-03-01"}
            for i in range(3)
        ]


class VisitTests(testing.ModelTestCase):
    entity = entities.VisitEntity
    api_path = "/api/v1/reform/visits/"

    def make(self, org: Org, n: int = 0) -> Visit:
        return Visit.objects.create(
            enterprise=f.enterprise(org, 20 + n), visited_on=date(2022, 5, 1), visitors="走访组"
        )

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"enterprise": f.enterprise(org, 91).pk, "visited_on": "2022-06-01", "visitors": "区总工会"}

    def edit_data(self, obj: Visit) -> dict[str, Any]:
        return {"enterprise": obj.enterprise_id, "visited_on": "2022-05-01", "visitors": "街道工会"}

    def changed(self, obj: Visit) -> bool:
        return obj.visitors == "街道工会"

    def export_marker(self, obj: Visit) -> str:
        return obj.enterprise.name

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        return [
            {"企业": f.enterprise(org, 75 + i).name, "走访日期": "2022-07-01", "走访人员": "区总工会走访组"}
            for i in range(3)
        ]


class ActivityTests(Renamed, testing.ModelTestCase):
    entity = entities.ActivityEntity
    api_path = "/api/v1/reform/activities/"
    text_field = "title"

    def make(self, org: Org, n: int = 0) -> Activity:
        return Activity.objects.create(kind="event", title=f"活动{org.code}-{n}", held_on=date(2022, 8, 1), org=org)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"kind": "event", "title": "联办活动", "held_on": "2022-09-01", "org": org.pk}

    def edit_data(self, obj: Activity) -> dict[str, Any]:
        return {"kind": obj.kind, "title": obj.title + "（改）", "held_on": "2022-08-01", "org": obj.org_id}

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        return [
            {"类型": "活动联办", "活动名称": f"导入活动{i}", "日期": "2022-10-01", "所属组织": org.name}
            for i in range(3)
        ]
