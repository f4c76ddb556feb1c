"""The generic view/import/export/API tests for every 建功立业 entity (kit.testing)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from core.models import Org
from core.tests import factories as f
from kit import testing
from merit import entities
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


def competition(org: Org, n: int = 0) -> Competition:
    return Competition.objects.create(
        name=f"竞赛{org.code}-{n}",
        tier="district",
        organisers="区总工会",
        starts_on=date(2022, 5, 1),
        ends_on=date(2022, 5, 2),
        org=org,
    )


def event(org: Org, n: int = 0) -> Event:
    return Event.objects.create(competition=competition(org, 100 + n), name=f"项目{n}")


def studio(org: Org, n: int = 0) -> Studio:
    ent = f.enterprise(org, 300 + n)
    leader = f.person(org, 300 + n, employer=ent)
    return Studio.objects.create(
        name=f"工作室{org.code}-{n}",
        kind="worker",
        level="enterprise",
        host=ent,
        leader=leader,
        founded_on=date(2020, 1, 1),
        org=org,
    )


def group(org: Org, n: int = 0) -> WorkGroup:
    return WorkGroup.objects.create(
        name=f"工作组{org.code}-{n}", theme="innovation", founded_on=date(2020, 5, 1), org=org
    )


class CompetitionTests(testing.ModelTestCase):
    entity = entities.CompetitionEntity
    api_path = "/api/v1/merit/competitions/"

    def make(self, org: Org, n: int = 0) -> Competition:
        return competition(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "name": "快递技能竞赛",
            "tier": "district",
            "organisers": "区总工会",
            "starts_on": "2022-09-01",
            "ends_on": "2022-09-02",
            "org": org.pk,
        }

    def edit_data(self, obj: Competition) -> dict[str, Any]:
        return {
            "name": obj.name + "（改）",
            "tier": obj.tier,
            "organisers": obj.organisers,
            "starts_on": "2022-05-01",
            "ends_on": "2022-05-02",
            "org": obj.org_id,
        }

    def changed(self, obj: Competition) -> bool:
        return obj.name.endswith("（改）")

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        return [
            {
                "竞赛名称": f"导入竞赛{i}",
                "层级": "区级",
                "主办单位": "区总工会",
                "比赛开始": "2022-10-01",
                "比赛结束": "2022-10-02",
                "组织单位": org.name,
            }
            for i in range(3)
        ]


QUOTAS = {"prize_basis": "count", "first_prizes": "1", "second_prizes": "2", "third_prizes": "3"}


class EventTests(testing.ModelTestCase):
    entity = entities.EventEntity
    api_path = "/api/v1/merit/events/"

    def make(self, org: Org, n: int = 0) -> Event:
        return event(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "competition": competition(org, 50).pk,
            "name": "焊工",
            "theory_weight": "0.3",
            "practical_weight": "0.7",
            **QUOTAS,
        }

    def edit_data(self, obj: Event) -> dict[str, Any]:
        return {
            "competition": obj.competition_id,
            "name": obj.name,
            "theory_weight": "0.4",
            "practical_weight": "0.6",
            **QUOTAS,
        }

    def changed(self, obj: Event) -> bool:
        return obj.theory_weight == Decimal("0.4")


class RegistrationTests(testing.ModelTestCase):
    entity = entities.RegistrationEntity
    api_path = "/api/v1/merit/registrations/"

    def make(self, org: Org, n: int = 0) -> Registration:
        return Registration.objects.create(event=event(org, 20 + n), person=f.person(org, 20 + n), org=org)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"event": event(org, 60).pk, "person": f.person(org, 60).pk, "qualified": "on"}

    def edit_data(self, obj: Registration) -> dict[str, Any]:
        return {"event": obj.event_id, "person": obj.person_id}

    def changed(self, obj: Registration) -> bool:
        return obj.qualified is False

    def export_marker(self, obj: Registration) -> str:
        return obj.person.name


class AwardTests(testing.ModelTestCase):
    entity = entities.AwardEntity
    api_path = "/api/v1/merit/awards/"

    def make(self, org: Org, n: int = 0) -> Award:
        reg = Registration.objects.create(event=event(org, 40 + n), person=f.person(org, 40 + n), org=org)
        return Award.objects.create(
            event=reg.event,
            registration=reg,
            rank=1,
            final_score=Decimal("90"),
            prize="first",
            granted_on=date(2022, 6, 1),
        )

    def export_marker(self, obj: Award) -> str:
        return f"{obj.registration.person.name}（"

    def test_api_creates_updates_with_version_and_deletes(self) -> None:
        """Awards come only from a signed-off ranking (merit.services.award): read-only everywhere."""
        obj = self.make(self.home)
        client = self.api(self.owner)
        self.assertEqual(client.get(f"{self.api_path}{obj.pk}/").status_code, 200)
        self.assertIn(client.delete(f"{self.api_path}{obj.pk}/").status_code, (204, 403, 405))


class StudioTests(testing.ModelTestCase):
    entity = entities.StudioEntity
    api_path = "/api/v1/merit/studios/"

    def make(self, org: Org, n: int = 0) -> Studio:
        return studio(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        ent = f.enterprise(org, 400)
        return {
            "name": "新工作室",
            "kind": "worker",
            "host": ent.pk,
            "leader": f.person(org, 400, employer=ent).pk,
            "founded_on": "2021-01-01",
            "org": org.pk,
        }

    def api_data(self, org: Org) -> dict[str, Any]:
        return {**self.form_data(org), "members": []}

    def edit_data(self, obj: Studio) -> dict[str, Any]:
        return {
            "name": obj.name,
            "kind": obj.kind,
            "host": obj.host_id,
            "leader": obj.leader_id,
            "field": "数控",
            "founded_on": "2020-01-01",
            "org": obj.org_id,
        }

    def changed(self, obj: Studio) -> bool:
        return obj.field == "数控"

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        rows = []
        for i in range(3):
            ent = f.enterprise(org, 410 + i)
            rows.append(
                {
                    "工作室名称": f"导入工作室{i}",
                    "类型": "职工创新工作室",
                    "所在企业": ent.name,
                    "领衔人": f.person(org, 410 + i, employer=ent).name,
                    "创建日期": "2021-03-01",
                    "所属工会": org.name,
                }
            )
        return rows


class StudioLevelTests(testing.ModelTestCase):
    entity = entities.StudioLevelEntity
    api_path = "/api/v1/merit/studio-levels/"

    def make(self, org: Org, n: int = 0) -> StudioLevel:
        return StudioLevel.objects.create(studio=studio(org, 20 + n), level="district", since=date(2021, 1, 1))

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"studio": studio(org, 70).pk, "level": "city", "since": "2022-06-01"}


class StudioReviewTests(testing.ModelTestCase):
    entity = entities.StudioReviewEntity
    api_path = "/api/v1/merit/studio-reviews/"

    def make(self, org: Org, n: int = 0) -> StudioReview:
        return StudioReview.objects.create(studio=studio(org, 40 + n), year=2022, rating="good")

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "studio": studio(org, 80).pk,
            "year": 2022,
            "patents": 2,
            "suggestions": 5,
            "breakthroughs": 1,
            "apprentices": 3,
            "rating": "excellent",
        }

    def edit_data(self, obj: StudioReview) -> dict[str, Any]:
        return {
            "studio": obj.studio_id,
            "year": obj.year,
            "patents": 9,
            "suggestions": 0,
            "breakthroughs": 0,
            "apprentices": 0,
            "rating": obj.rating,
        }

    def changed(self, obj: StudioReview) -> bool:
        return obj.patents == 9

    def export_marker(self, obj: StudioReview) -> str:
        return obj.studio.name

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        return [{"工作室": studio(org, 85 + i).name, "年度": 2022, "专利": i, "考评结果": "优秀"} for i in range(3)]


class WorkGroupTests(testing.ModelTestCase):
    entity = entities.WorkGroupEntity
    api_path = "/api/v1/merit/work-groups/"

    def make(self, org: Org, n: int = 0) -> WorkGroup:
        return group(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"name": "精准扶贫工作组", "theme": "poverty", "founded_on": "2020-05-01", "org": org.pk}

    def api_data(self, org: Org) -> dict[str, Any]:
        return {**self.form_data(org), "members": []}

    def edit_data(self, obj: WorkGroup) -> dict[str, Any]:
        return {
            "name": obj.name,
            "theme": obj.theme,
            "party_branch": "临时党支部",
            "founded_on": "2020-05-01",
            "org": obj.org_id,
        }

    def changed(self, obj: WorkGroup) -> bool:
        return obj.party_branch == "临时党支部"

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        return [
            {"工作组名称": f"导入工作组{i}", "方向": "科技创新", "成立日期": "2021-01-01", "所属组织": org.name}
            for i in range(3)
        ]


class GroupProjectTests(testing.ModelTestCase):
    entity = entities.GroupProjectEntity
    api_path = "/api/v1/merit/group-projects/"

    def make(self, org: Org, n: int = 0) -> GroupProject:
        return GroupProject.objects.create(
            group=group(org, 30 + n), name=f"项目{org.code}-{n}", started_on=date(2021, 1, 1)
        )

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "group": group(org, 90).pk,
            "name": "一棵葡萄",
            "households": 48,
            "income_increase": 9000,
            "started_on": "2020-06-01",
        }

    def edit_data(self, obj: GroupProject) -> dict[str, Any]:
        return {"group": obj.group_id, "name": obj.name, "households": 12, "started_on": "2021-01-01"}

    def changed(self, obj: GroupProject) -> bool:
        return obj.households == 12

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        g = group(org, 95)
        return [
            {"工作组": g.name, "项目名称": f"导入项目{i}", "帮扶户数": 10 + i, "开始日期": "2021-06-01"}
            for i in range(3)
        ]
