"""The generic view/import/export/API tests, run for every core entity (kit.testing)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from core import entities
from core.models import (
    DictItem,
    DictType,
    Enterprise,
    Holiday,
    MemberUnit,
    Org,
    Person,
    PersonHonour,
    Region,
    Role,
    User,
)
from core.tests import factories as f
from kit import testing
from kit.models import AuditEntry


class OrgTests(testing.ModelTestCase):
    entity = entities.OrgEntity
    api_path = "/api/v1/orgs/"

    def make(self, org: Org, n: int = 0) -> Org:
        return Org.objects.add_child(
            org, instance=Org(name=f"子组织{org.code}-{n}", kind="enterprise", code=f"{org.code}-S{n}")
        )

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"parent": org.pk, "name": "新建企业工会", "kind": "enterprise", "code": "NEW1", "is_active": "on"}

    def api_data(self, org: Org) -> dict[str, Any]:
        return {"parent": org.pk, "name": "接口新建工会", "kind": "enterprise", "code": "API1"}

    def edit_data(self, obj: Org) -> dict[str, Any]:
        return {
            "parent": obj.get_parent().pk,
            "name": obj.name + "（改）",
            "kind": obj.kind,
            "code": obj.code,
            "is_active": "on",
        }

    def changed(self, obj: Org) -> bool:
        return obj.name.endswith("（改）")

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        # the second row's parent is the first row: a subtree in one file
        return [
            {"组织编码": "IMP1", "组织名称": "导入企业工会一", "类型": "企业工会", "上级组织": org.code},
            {"组织编码": "IMP2", "组织名称": "导入车间工会", "类型": "其他", "上级组织": "IMP1"},
            {"组织编码": "IMP3", "组织名称": "导入企业工会三", "类型": "企业工会", "上级组织": org.name},
        ]

    def test_an_imported_subtree_lands_under_its_parents(self) -> None:
        self._import(self.owner, self.import_rows(self.home))
        child = Org.objects.get(code="IMP2")
        self.assertEqual(child.get_parent().code, "IMP1")
        self.assertEqual(Org.objects.get(code="IMP1").get_parent(), self.home)
        self.assertEqual(Org.find_problems(), ([], [], [], [], []))


class RegionTests(testing.ModelTestCase):
    entity = entities.RegionEntity
    api_path = "/api/v1/regions/"
    scoped = False

    def make(self, org: Org, n: int = 0) -> Region:
        return f.region(n + (10 if org.code == "TB" else 0))

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"code": "320113099", "name": "新街道", "level": 4}

    def edit_data(self, obj: Region) -> dict[str, Any]:
        return {"code": obj.code, "name": obj.name + "（改）", "level": obj.level}

    def changed(self, obj: Region) -> bool:
        return obj.name.endswith("（改）")

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        return [{"区划代码": f"32011398{i}", "名称": f"导入街道{i}", "级别": "街道/乡镇"} for i in range(3)]


class EnterpriseTests(testing.ModelTestCase):
    entity = entities.EnterpriseEntity
    api_path = "/api/v1/enterprises/"

    def make(self, org: Org, n: int = 0) -> Enterprise:
        return f.enterprise(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"name": "新登记企业", "uscc": f.credit_code(90001), "ownership": "private", "org": org.pk}

    def edit_data(self, obj: Enterprise) -> dict[str, Any]:
        return {"name": obj.name + "（改）", "uscc": obj.uscc, "ownership": obj.ownership, "org": obj.org_id}

    def changed(self, obj: Enterprise) -> bool:
        return obj.name.endswith("（改）")

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        return [
            {
                "企业名称": f"导入企业{i}",
                "统一社会信用代码": f.credit_code(80000 + i),
                "所有制": "非公（民营）",
                "所属工会": org.name,
                "职工人数": 10 + i,
                "重点联系非公企业": "是",
            }
            for i in range(3)
        ]


class PersonTests(testing.ModelTestCase):
    entity = entities.PersonEntity
    api_path = "/api/v1/people/"

    def make(self, org: Org, n: int = 0) -> Person:
        return f.person(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "name": "李新",
            "id_number": f.id_number(7001),
            "phone": "13912345678",
            "org": org.pk,
            "is_union_member": "on",
        }

    def edit_data(self, obj: Person) -> dict[str, Any]:
        return {"name": obj.name, "id_number": obj.id_number, "phone": obj.phone, "org": obj.org_id, "job": "焊工"}

    def changed(self, obj: Person) -> bool:
        return obj.job == "焊工"

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        return [
            {
                "姓名": f"导入{i}",
                "公民身份号码": f.id_number(6000 + i),
                "手机号码": f.mobile(6000 + i),
                "所属工会": org.name,
                "岗位": "钳工",
                "中共党员": "否",
            }
            for i in range(3)
        ]

    def export_marker(self, obj: Person) -> str:
        return obj.name


class HonourTests(testing.ModelTestCase):
    entity = entities.HonourEntity
    api_path = "/api/v1/honours/"

    def kind(self) -> DictItem:
        return f.dict_item("honour", "model_worker", "劳动模范")

    def make(self, org: Org, n: int = 0) -> PersonHonour:
        return PersonHonour.objects.create(person=f.person(org, n + 50), kind=self.kind(), level="city", year=2020)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"person": f.person(org, 77).pk, "kind": self.kind().pk, "level": "city", "year": 2021}

    def edit_data(self, obj: PersonHonour) -> dict[str, Any]:
        return {"person": obj.person_id, "kind": obj.kind_id, "level": obj.level, "year": 2022}

    def changed(self, obj: PersonHonour) -> bool:
        return obj.year == 2022


class MemberUnitTests(testing.ModelTestCase):
    entity = entities.MemberUnitEntity
    api_path = "/api/v1/member-units/"

    def setUp(self) -> None:
        Org.objects.filter(pk__in=[self.town_a.pk, self.town_b.pk]).update(kind="federation")

    def make(self, org: Org, n: int = 0) -> MemberUnit:
        return f.member_unit(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"name": "区人社局", "org": org.pk, "sort": 1, "is_active": "on"}

    def edit_data(self, obj: MemberUnit) -> dict[str, Any]:
        return {"name": obj.name, "org": obj.org_id, "duty": "技能培训", "sort": 2, "is_active": "on"}

    def changed(self, obj: MemberUnit) -> bool:
        return obj.duty == "技能培训"

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        return [{"单位名称": f"区导入局{i}", "所属联席会议（总工会）": org.name, "排序": i} for i in range(3)]


class DictTypeTests(testing.ModelTestCase):
    entity = entities.DictTypeEntity
    api_path = "/api/v1/dict-types/"
    scoped = False

    def make(self, org: Org, n: int = 0) -> DictType:
        return DictType.objects.create(code=f"t{org.code.lower()}{n}", name=f"类型{org.code}{n}")

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"code": "case_type", "name": "案件类型"}

    def edit_data(self, obj: DictType) -> dict[str, Any]:
        return {"code": obj.code, "name": obj.name + "（改）"}

    def changed(self, obj: DictType) -> bool:
        return obj.name.endswith("（改）")


class HolidayTests(testing.ModelTestCase):
    entity = entities.HolidayEntity
    api_path = "/api/v1/holidays/"
    scoped = False

    def make(self, org: Org, n: int = 0) -> Holiday:
        return Holiday.objects.create(day=date(2023, 10, 1) + timedelta(days=n + 10 * org.pk), name="国庆节")

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"day": "2024-05-01", "kind": "off", "name": "劳动节"}

    def edit_data(self, obj: Holiday) -> dict[str, Any]:
        return {"day": obj.day.isoformat(), "kind": "work", "name": obj.name}

    def changed(self, obj: Holiday) -> bool:
        return obj.kind == "work"

    def export_marker(self, obj: Holiday) -> str:
        return obj.day.isoformat()

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        return [{"日期": f"2025-01-0{i + 1}", "类型": "放假", "节日": "元旦"} for i in range(3)]


class DictItemTests(testing.ModelTestCase):
    entity = entities.DictItemEntity
    api_path = "/api/v1/dict-items/"
    scoped = False

    def dtype(self) -> DictType:
        return DictType.objects.get_or_create(code="industry", defaults={"name": "行业"})[0]

    def make(self, org: Org, n: int = 0) -> DictItem:
        return DictItem.objects.create(dict_type=self.dtype(), value=f"v{org.code}{n}", label=f"行业{org.code}{n}")

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"dict_type": self.dtype().pk, "value": "new", "label": "新行业", "sort": 0, "is_active": "on"}

    def edit_data(self, obj: DictItem) -> dict[str, Any]:
        return {
            "dict_type": obj.dict_type_id,
            "value": obj.value,
            "label": obj.label + "（改）",
            "sort": 1,
            "is_active": "on",
        }

    def changed(self, obj: DictItem) -> bool:
        return obj.label.endswith("（改）")

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        self.dtype()
        return [{"字典类型": "industry", "编码": f"imp{i}", "名称": f"导入行业{i}"} for i in range(3)]

    def export_marker(self, obj: DictItem) -> str:
        return obj.label


class RoleTests(testing.ModelTestCase):
    entity = entities.RoleEntity
    api_path = "/api/v1/roles/"
    scoped = False

    def make(self, org: Org, n: int = 0) -> Role:
        return Role.objects.create(name=f"角色{org.code}{n}", code=f"r-{org.code.lower()}-{n}")

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"name": "新角色", "code": "new-role", "data_scope": "org", "sort": 0, "is_active": "on"}

    def edit_data(self, obj: Role) -> dict[str, Any]:
        return {"name": obj.name + "（改）", "code": obj.code, "data_scope": "subtree", "sort": 0, "is_active": "on"}

    def changed(self, obj: Role) -> bool:
        return obj.name.endswith("（改）")


class UserTests(testing.ModelTestCase):
    entity = entities.UserEntity
    api_path = "/api/v1/users/"

    def make(self, org: Org, n: int = 0) -> User:
        return User.objects.create_user(
            username=f"u-{org.code}-{n}", password="Test@12345", org=org, name="某某", phone=f.mobile(70000000 + n)
        )

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"username": "newbie", "name": "新人", "org": org.pk, "is_active": "on", "password": "Xinren@2023"}

    def api_data(self, org: Org) -> dict[str, Any]:
        return {"username": "apiuser", "name": "接口", "org": org.pk, "password": "Jiekou@2023"}

    def edit_data(self, obj: User) -> dict[str, Any]:
        return {"username": obj.username, "name": "改名", "org": obj.org_id, "is_active": "on"}

    def changed(self, obj: User) -> bool:
        return obj.name == "改名"

    def test_api_creates_updates_with_version_and_deletes(self) -> None:
        """Users have no `version` (Django's own model): create, update and delete plainly."""
        client = self.api(self.owner)
        response = client.post(self.api_path, self.api_data(self.home), format="json")
        self.assertEqual(response.status_code, 201, response.content.decode())
        pk = response.json()["id"]
        self.assertTrue(User.objects.get(pk=pk).check_password("Jiekou@2023"))
        self.assertEqual(client.patch(f"{self.api_path}{pk}/", {"name": "新名"}, format="json").status_code, 200)
        self.assertEqual(client.delete(f"{self.api_path}{pk}/").status_code, 204)

    def test_edit_refuses_a_stale_version_and_changes_nothing(self) -> None:
        self.skipTest("用户（Django 自带的账号模型）没有乐观锁版本号；账号的修改很少并发，且记入操作日志")

    def test_edit_saves_bumps_the_version_and_audits(self) -> None:
        obj = self.make(self.home)
        self.login(self.owner)
        response = self.client.post(self.url("edit", obj), self.edit_data(obj))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(self.changed(self.reload(obj)))
        self.assertTrue(self.audited("update", obj))


class AuditEntryTests(testing.ModelTestCase):
    entity = entities.AuditEntity
    api_path = "/api/v1/audit/"
    owner_actions = ("view", "export")

    def make(self, org: Org, n: int = 0) -> AuditEntry:
        actor = User.objects.create_user(username=f"actor-{org.code}-{n}", password="Test@12345", org=org)
        return AuditEntry.objects.create(
            action="update",
            actor=actor,
            actor_name=actor.username,
            actor_org_path=org.path,
            object_type="core.person",
            object_id=str(n),
            object_repr=f"对象{org.code}{n}",
        )

    def test_api_creates_updates_with_version_and_deletes(self) -> None:
        """The audit log is read-only through the API."""
        obj = self.make(self.home)
        client = self.api(self.owner)
        self.assertIn(client.post(self.api_path, {}, format="json").status_code, (403, 405))
        self.assertIn(client.delete(f"{self.api_path}{obj.pk}/").status_code, (403, 405))
        self.assertIn(client.patch(f"{self.api_path}{obj.pk}/", {}, format="json").status_code, (403, 405))
        self.assertTrue(AuditEntry.objects.filter(pk=obj.pk).exists())
