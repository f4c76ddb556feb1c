"""Generic test base classes, after NetBox's `ViewTestCases` and Healthchecks' owner/teammate/outsider.

A model's test supplies its entity declaration (`kit.entity`), the API path, and four small methods that make
sample data inside a given org; the base class then runs list / detail / create / edit / delete /
import / export / API as an anonymous user, a user without the permission, a user with it, and a
user of another org who must see nothing (404, empty lists, nothing exported), and pins the number
of queries of the list page and the API list so an N+1 regression fails.

`kit.tests.test_coverage` fails when a model declared as an entity has no such test class. A
test that does not apply to the entity (it has no import, no API …) is skipped with the reason,
not passed: pytest's summary counts it as skipped."""

from __future__ import annotations

import io
import unittest
from collections.abc import Callable
from typing import Any, ClassVar

import openpyxl
from django.db import connection, models
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from kit.audit.models import AuditEntry
from kit.entity import Entity
from kit.pii import pii_fields_of
from kit.views.crud import url_for


def build_fixture(test: type[ModelTestCase]) -> None:
    """The domain supplies the org tree and the users of the permission matrix: the kit knows no
    orgs or roles. `settings.KIT_TEST_FIXTURE` names the builder (core.testing.build_fixture)."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    import_string(settings.KIT_TEST_FIXTURE)(test)


class ModelTestCase(TestCase):
    """Subclass with `entity`, `api_path`, and the sample-data methods. Abstract: no entity → no tests."""

    entity: ClassVar[type[Entity] | None] = None
    api_path: ClassVar[str] = ""
    scoped: ClassVar[bool] = True  # False for reference data every signed-in user may read
    home_level: ClassVar[str] = "town"  # where the owner sits: "town", "unit" or "root"
    data_scope: ClassVar[str] = "subtree"
    owner_actions: ClassVar[tuple[str, ...]] = ("view", "add", "change", "delete", "import", "export", "view_pii")
    # the list page and the API list run this many queries or fewer, whatever the number of rows
    max_list_queries: ClassVar[int] = 12
    api_format: ClassVar[str] = "json"  # "multipart" for an entity with a file field

    root: Any
    town_a: Any
    town_b: Any
    unit_a: Any
    unit_b: Any
    home: Any
    away: Any
    owner: Any
    colleague: Any
    noperm: Any
    outsider: Any

    # --- what a model's test supplies ---------------------------------------------------------
    # Declared here, defined by each model's test; setUpClass refuses a test class that lacks one
    # its model's actions need (so a missing declaration fails loudly instead of skipping tests).
    make: Callable[..., Any]  # (org, n=0) → one sample object belonging to `org`
    form_data: Callable[..., dict[str, Any]]  # (org) → valid POST data for the create form
    edit_data: Callable[..., dict[str, Any]]  # (obj) → valid POST data changing obj (the base adds _version)
    changed: Callable[..., bool]  # (obj) → after edit_data was posted, did obj change as intended?

    def api_data(self, org: Any) -> dict[str, Any]:
        """Valid JSON for creating an object belonging to `org` through the API."""
        return self.form_data(org)

    def import_rows(self, org: Any) -> list[dict[str, Any]]:
        """Rows (header → value) that create new objects in `org`; [] if the model has no import."""
        return []

    # --- machinery ----------------------------------------------------------------------------
    @classmethod
    def setUpClass(cls) -> None:
        if cls.entity is None:
            raise unittest.SkipTest("abstract base")
        needed = ["make"]
        if "add" in cls.entity.actions:
            needed.append("form_data")
        if "edit" in cls.entity.actions:
            needed += ["edit_data", "changed"]
        missing = [name for name in needed if not callable(getattr(cls, name, None))]
        if missing:
            raise TypeError(f"{cls.__name__} must define {', '.join(missing)} for {cls.entity.model._meta.label}")
        super().setUpClass()

    @classmethod
    def setUpTestData(cls) -> None:
        build_fixture(cls)

    @property
    def model(self) -> type[models.Model]:
        assert self.entity is not None
        return self.entity.model

    def url(self, action: str, obj: Any = None) -> str:
        assert self.entity is not None
        return url_for(self.entity, action, obj)

    def login(self, user: Any) -> None:
        self.client.force_login(user)

    def api(self, user: Any | None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    def reload(self, obj: Any) -> Any:
        manager = getattr(type(obj), "all_objects", type(obj)._base_manager)
        return manager.get(pk=obj.pk)

    def audited(self, action: str, obj: Any) -> bool:
        return AuditEntry.objects.filter(
            action=action, object_type=obj._meta.label_lower, object_id=str(obj.pk)
        ).exists()

    def need(self, action: str, *, scoped: bool = False) -> None:
        """Skip (with the reason) a test of an action the entity does not offer."""
        if not self.has(action):
            self.skipTest(f"{self.model._meta.verbose_name}没有“{action}”功能")
        if scoped and not self.scoped:
            self.skipTest(f"{self.model._meta.verbose_name}是所有人可读的参考数据，没有数据范围")

    def need_api(self) -> None:
        if not self.api_path:
            self.skipTest(f"{self.model._meta.verbose_name}没有 API")

    def has(self, action: str) -> bool:
        assert self.entity is not None
        if action in ("import", "export", "template"):
            return (
                "import" in self.entity.actions and self.entity.excel_spec is not None
                if action != "export"
                else "export" in self.entity.actions and self.entity.excel_spec is not None
            )
        return action in self.entity.actions

    # --- list ---------------------------------------------------------------------------------
    def test_list_sends_anonymous_users_to_log_in(self) -> None:
        response = self.client.get(self.url("list"))
        self.assertEqual(response.status_code, 302)
        self.assertIn("/login/", response["Location"])

    def test_list_refuses_a_user_without_the_permission(self) -> None:
        self.login(self.noperm)
        self.assertEqual(self.client.get(self.url("list")).status_code, 403)

    def test_list_shows_the_owners_objects(self) -> None:
        obj = self.make(self.home)
        self.login(self.owner)
        response = self.client.get(self.url("list"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, self.url("detail", obj) or str(obj))

    def test_list_shows_another_orgs_user_nothing_of_ours(self) -> None:
        obj = self.make(self.home)
        self.login(self.outsider)
        response = self.client.get(self.url("list"))
        self.assertEqual(response.status_code, 200)
        if self.scoped and self.url("detail", obj):
            self.assertNotContains(response, self.url("detail", obj))

    def test_list_runs_a_constant_number_of_queries(self) -> None:
        self.make(self.home, 0)
        self.login(self.owner)
        self.client.get(self.url("list"))  # warm caches (content types, sessions)
        with CaptureQueriesContext(connection) as few:
            self.client.get(self.url("list"))
        for n in range(1, 8):
            self.make(self.home, n)
        with CaptureQueriesContext(connection) as many:
            self.client.get(self.url("list"))
        self.assertEqual(len(few), len(many), "the list page's queries grow with its rows (N+1)")
        self.assertLessEqual(len(many), self.max_list_queries)

    # --- detail -------------------------------------------------------------------------------
    def test_detail_opens_for_the_owner_and_a_colleague(self) -> None:
        self.need("detail")
        obj = self.make(self.home)
        for user in (self.owner, self.colleague):
            self.login(user)
            self.assertEqual(self.client.get(self.url("detail", obj)).status_code, 200)

    def test_detail_is_404_for_another_orgs_user(self) -> None:
        self.need("detail", scoped=True)
        obj = self.make(self.home)
        self.login(self.outsider)
        self.assertEqual(self.client.get(self.url("detail", obj)).status_code, 404)
        self.assertEqual(
            self.client.get(self.url("detail", obj).replace(f"/{obj.pk}/", "/987654321/")).status_code, 404
        )

    def test_detail_refuses_a_user_without_the_permission(self) -> None:
        self.need("detail")
        obj = self.make(self.home)
        self.login(self.noperm)
        # a confidential record's address answers as if it did not exist
        expected = 404 if self.entity is not None and self.entity.confidential else 403
        self.assertEqual(self.client.get(self.url("detail", obj)).status_code, expected)

    def test_opening_a_confidential_record_is_logged_page_and_api(self) -> None:
        self.need("detail")
        assert self.entity is not None
        if not self.entity.confidential:
            self.skipTest(f"{self.model._meta.verbose_name}不是保密记录，查看不记日志")
        obj = self.make(self.home)
        self.login(self.owner)
        self.assertEqual(self.client.get(self.url("detail", obj)).status_code, 200)
        seen = AuditEntry.objects.filter(action="view", actor=self.owner, object_id=str(obj.pk))
        self.assertEqual(seen.count(), 1)
        if self.api_path:
            self.assertEqual(self.api(self.owner).get(f"{self.api_path}{obj.pk}/").status_code, 200)
            self.assertEqual(seen.count(), 2)
            self.assertEqual(self.api(self.noperm).get(f"{self.api_path}{obj.pk}/").status_code, 404)

    def test_detail_runs_a_constant_number_of_queries_however_long_the_history(self) -> None:
        self.need("detail")
        obj = self.make(self.home)
        self.login(self.owner)
        url = self.url("detail", obj)
        self._grow_history(obj, 5)
        self.client.get(url)  # warm caches (content types, sessions)
        with CaptureQueriesContext(connection) as few:
            self.client.get(url)
        self._grow_history(obj, 20)
        with CaptureQueriesContext(connection) as many:
            self.client.get(url)
        self.assertEqual(len(few), len(many), "the detail page's queries grow with its history (N+1)")

    def _grow_history(self, obj: Any, n: int) -> None:
        """Audit entries naming every foreign key of the object, as edits would leave them."""
        from kit import audit

        fks = {f.name: getattr(obj, f.attname) for f in obj._meta.concrete_fields if f.many_to_one}
        entries = [
            audit.build(
                AuditEntry.Action.UPDATE,
                actor=self.owner,
                obj=obj,
                changes={**{k: [v, v] for k, v in fks.items()}, "remark": [str(i), str(i + 1)]},
            )
            for i in range(n)
        ]
        audit.record_many(entries)

    # --- create -------------------------------------------------------------------------------
    def test_create_form_saves_and_audits(self) -> None:
        self.need("add")
        self.login(self.owner)
        self.assertEqual(self.client.get(self.url("add")).status_code, 200)
        before = set(self.model._default_manager.values_list("pk", flat=True))
        response = self.client.post(self.url("add"), self.form_data(self.home))
        self.assertEqual(response.status_code, 302, _form_errors(response))
        new = self.model._default_manager.exclude(pk__in=before)
        self.assertEqual(new.count(), 1)
        self.assertTrue(self.audited("create", new.get()))

    def test_create_is_refused_without_the_permission(self) -> None:
        self.need("add")
        self.login(self.colleague)
        count = self.model._default_manager.count()
        self.assertEqual(self.client.post(self.url("add"), self.form_data(self.home)).status_code, 403)
        self.assertEqual(self.model._default_manager.count(), count)

    def test_create_cannot_place_an_object_in_another_org(self) -> None:
        self.need("add", scoped=True)
        self.login(self.outsider)
        count = self.model._default_manager.count()
        response = self.client.post(self.url("add"), self.form_data(self.home))
        self.assertIn(response.status_code, (200, 422))
        self.assertEqual(self.model._default_manager.count(), count)

    # --- edit ---------------------------------------------------------------------------------
    def test_edit_saves_bumps_the_version_and_audits(self) -> None:
        self.need("edit")
        obj = self.make(self.home)
        self.login(self.owner)
        self.assertEqual(self.client.get(self.url("edit", obj)).status_code, 200)
        data = {**self.edit_data(obj), "_version": obj.version}
        response = self.client.post(self.url("edit", obj), data)
        self.assertEqual(response.status_code, 302, _form_errors(response))
        fresh = self.reload(obj)
        self.assertTrue(self.changed(fresh))
        self.assertEqual(fresh.version, obj.version + 1)
        self.assertTrue(self.audited("update", obj))

    def test_edit_refuses_a_stale_version_and_changes_nothing(self) -> None:
        self.need("edit")
        obj = self.make(self.home)
        self.login(self.owner)
        data = {**self.edit_data(obj), "_version": obj.version - 1 if obj.version > 1 else obj.version + 5}
        response = self.client.post(self.url("edit", obj), data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "已被他人修改")
        self.assertFalse(self.changed(self.reload(obj)))

    def test_edit_is_404_for_another_orgs_user(self) -> None:
        self.need("edit", scoped=True)
        obj = self.make(self.home)
        self.login(self.outsider)
        self.assertEqual(self.client.get(self.url("edit", obj)).status_code, 404)
        data = {**self.edit_data(obj), "_version": getattr(obj, "version", 1)}
        self.assertEqual(self.client.post(self.url("edit", obj), data).status_code, 404)
        self.assertFalse(self.changed(self.reload(obj)))

    # --- delete -------------------------------------------------------------------------------
    def test_delete_asks_then_deletes_and_audits(self) -> None:
        self.need("delete")
        obj = self.make(self.home)
        self.login(self.owner)
        self.assertContains(self.client.get(self.url("delete", obj)), "确认删除")
        self.assertEqual(self.client.post(self.url("delete", obj)).status_code, 302)
        self.assertFalse(self.model._default_manager.filter(pk=obj.pk).exists())
        self.assertTrue(self.audited("delete", obj))

    def test_delete_is_404_for_another_orgs_user(self) -> None:
        self.need("delete", scoped=True)
        obj = self.make(self.home)
        self.login(self.outsider)
        self.assertEqual(self.client.post(self.url("delete", obj)).status_code, 404)
        self.assertTrue(self.model._default_manager.filter(pk=obj.pk).exists())

    def test_delete_is_refused_without_the_permission(self) -> None:
        self.need("delete")
        obj = self.make(self.home)
        self.login(self.colleague)
        self.assertEqual(self.client.post(self.url("delete", obj)).status_code, 403)
        self.assertTrue(self.model._default_manager.filter(pk=obj.pk).exists())

    # --- Excel --------------------------------------------------------------------------------
    def _workbook(self, rows: list[dict[str, Any]]) -> io.BytesIO:
        wb = openpyxl.Workbook()
        ws = wb.active
        headers = list(rows[0])
        ws.append(headers)
        for row in rows:
            ws.append([row.get(h) for h in headers])
        buf = io.BytesIO()
        wb.save(buf)
        buf.seek(0)
        buf.name = "import.xlsx"
        return buf

    def _import(self, user: Any, rows: list[dict[str, Any]]) -> Any:
        self.login(user)
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.url("import"), {"file": self._workbook(rows)})
        self.assertEqual(response.status_code, 302)
        from kit.jobs.models import Job

        return Job.objects.filter(owner=user).latest("id")

    def test_template_downloads_as_a_workbook(self) -> None:
        self.need("import")
        self.login(self.owner)
        response = self.client.get(self.url("template"))
        self.assertEqual(response.status_code, 200)
        wb = openpyxl.load_workbook(io.BytesIO(response.content))
        headers = [c.value for c in next(wb.worksheets[0].iter_rows(max_row=1))]
        assert self.entity is not None and self.entity.excel_spec is not None
        for column in self.entity.excel_spec.import_columns:
            self.assertTrue(any(column.header in str(h) for h in headers), column.header)

    def test_import_creates_then_reimport_updates_instead_of_duplicating(self) -> None:
        self.need("import")
        rows = self.import_rows(self.home)
        self.assertTrue(rows, f"{type(self).__name__} must supply import_rows: the entity offers import")
        count = self.model._default_manager.count()
        job = self._import(self.owner, rows)
        self.assertTrue(job.result.get("ok"), job.result)
        self.assertEqual(job.result["created"], len(rows))
        self.assertEqual(self.model._default_manager.count(), count + len(rows))
        job = self._import(self.owner, rows)
        self.assertTrue(job.result.get("ok"), job.result)
        self.assertEqual(job.result["updated"], len(rows))
        self.assertEqual(self.model._default_manager.count(), count + len(rows))
        self.assertTrue(AuditEntry.objects.filter(action="import", actor=self.owner).count() >= 2)

    def test_import_into_another_org_writes_nothing(self) -> None:
        self.need("import", scoped=True)
        rows = self.import_rows(self.home)
        self.assertTrue(rows, f"{type(self).__name__} must supply import_rows: the entity offers import")
        count = self.model._default_manager.count()
        job = self._import(self.outsider, rows)
        self.assertFalse(job.result.get("ok"))
        self.assertEqual(self.model._default_manager.count(), count)

    def test_import_is_refused_without_the_permission(self) -> None:
        self.need("import")
        self.login(self.colleague)
        self.assertEqual(self.client.get(self.url("import")).status_code, 403)

    def test_export_holds_exactly_the_visible_rows(self) -> None:
        self.need("export")
        mine = self.make(self.home, 0)
        theirs = self.make(self.away, 1)
        self.login(self.owner)
        page = self.client.get(self.url("export"))  # the page first: how many rows, which conditions
        self.assertEqual(page.status_code, 200)
        self.assertIn("count", page.context)
        response = self.client.post(self.url("export"))
        self.assertEqual(response.status_code, 200)
        text = _workbook_text(response)
        self.assertIn(self.export_marker(mine), text)
        if self.scoped:
            self.assertNotIn(self.export_marker(theirs), text)
        self.assertTrue(AuditEntry.objects.filter(action="export", actor=self.owner).exists())

    def export_marker(self, obj: Any) -> str:
        """A text of the object that appears in its export row."""
        return str(obj)

    def test_export_is_refused_without_the_permission(self) -> None:
        self.need("export")
        self.login(self.colleague)
        self.assertEqual(self.client.get(self.url("export")).status_code, 403)
        self.assertEqual(self.client.post(self.url("export")).status_code, 403)

    # --- API ----------------------------------------------------------------------------------
    def test_api_refuses_anonymous_and_unpermitted_users(self) -> None:
        self.need_api()
        self.assertIn(self.api(None).get(self.api_path).status_code, (401, 403))
        self.assertEqual(self.api(self.noperm).get(self.api_path).status_code, 403)

    def test_api_lists_and_retrieves_within_the_scope(self) -> None:
        self.need_api()
        obj = self.make(self.home)
        response = self.api(self.owner).get(self.api_path)
        self.assertEqual(response.status_code, 200)
        self.assertIn(obj.pk, [r["id"] for r in response.json()["results"]])
        self.assertEqual(self.api(self.owner).get(f"{self.api_path}{obj.pk}/").status_code, 200)
        if self.scoped:
            outsider = self.api(self.outsider)
            self.assertNotIn(obj.pk, [r["id"] for r in outsider.get(self.api_path).json()["results"]])
            self.assertEqual(outsider.get(f"{self.api_path}{obj.pk}/").status_code, 404)
            patched = outsider.patch(
                f"{self.api_path}{obj.pk}/", {"version": getattr(obj, "version", 1)}, format="json"
            )
            can_change = "change" in self.owner_actions and self.has("edit")
            self.assertIn(patched.status_code, (404,) if can_change else (403, 404, 405))
            deleted = outsider.delete(f"{self.api_path}{obj.pk}/")
            can_delete = "delete" in self.owner_actions and self.has("delete")
            self.assertIn(deleted.status_code, (404,) if can_delete else (403, 404, 405))
            self.assertTrue(self.model._default_manager.filter(pk=obj.pk).exists())

    def test_api_creates_and_audits(self) -> None:
        self.need_api()
        self.need("add")
        response = self.api(self.owner).post(self.api_path, self.api_data(self.home), format=self.api_format)
        self.assertEqual(response.status_code, 201, response.content.decode())
        obj: Any = self.model._default_manager.get(pk=response.json()["id"])
        self.assertTrue(self.audited("create", obj))

    def test_api_updates_only_with_the_current_version(self) -> None:
        self.need_api()
        self.need("edit")
        if not any(f.name == "version" for f in self.model._meta.fields):
            self.skipTest(f"{self.model._meta.verbose_name}没有乐观锁版本号")
        obj: Any = self.make(self.home)
        client, url = self.api(self.owner), f"{self.api_path}{obj.pk}/"
        # an update without the version, or with a stale one, is refused and changes nothing
        self.assertEqual(client.patch(url, {"remark": "x"}, format="json").status_code, 400)
        stale = client.patch(url, {"remark": "x", "version": obj.version + 3}, format="json")
        self.assertEqual(stale.status_code, 400)
        self.assertEqual(self.reload(obj).version, obj.version)
        ok = client.patch(url, {"remark": "已核实", "version": obj.version}, format="json")
        self.assertEqual(ok.status_code, 200, ok.content.decode())
        self.assertEqual(ok.json()["version"], obj.version + 1)
        self.assertTrue(self.audited("update", obj))

    def test_api_deletes_and_audits(self) -> None:
        self.need_api()
        self.need("delete")
        obj: Any = self.make(self.home)
        self.assertEqual(self.api(self.owner).delete(f"{self.api_path}{obj.pk}/").status_code, 204)
        self.assertFalse(self.model._default_manager.filter(pk=obj.pk).exists())
        self.assertTrue(self.audited("delete", obj))

    def test_api_masks_personal_data_for_a_user_without_the_right(self) -> None:
        self.need_api()
        pii = pii_fields_of(self.model)
        if not pii:
            self.skipTest(f"{self.model._meta.verbose_name}没有个人敏感信息字段")
        obj: Any = self.make(self.home)
        full = {name: str(getattr(obj, name) or "") for name in pii}
        self.assertTrue(any(full.values()), "make() must fill at least one personal-data field")
        row = self.api(self.colleague).get(f"{self.api_path}{obj.pk}/").json()
        listed = self.api(self.colleague).get(self.api_path).json()["results"]
        for data in (row, next(r for r in listed if r["id"] == obj.pk)):
            for name, value in full.items():
                if value:
                    self.assertIn(name, data)
                    self.assertNotEqual(data[name], value, f"{name} is served in full without view_pii")
                    self.assertIn("*", data[name])

    def test_api_list_runs_a_constant_number_of_queries(self) -> None:
        self.need_api()
        self.make(self.home, 0)
        client = self.api(self.owner)
        client.get(self.api_path)
        with CaptureQueriesContext(connection) as few:
            client.get(self.api_path)
        for n in range(1, 8):
            self.make(self.home, n)
        with CaptureQueriesContext(connection) as many:
            client.get(self.api_path)
        self.assertEqual(len(few), len(many), "the API list's queries grow with its rows (N+1)")


def _form_errors(response: Any) -> str:
    ctx = getattr(response, "context", None)
    form = ctx.get("form") if ctx else None
    return str(form.errors.as_data()) if form is not None else ""


def _workbook_text(response: Any) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    wb = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        " ".join(str(v) for v in row if v is not None) for row in wb.worksheets[0].iter_rows(values_only=True)
    )
