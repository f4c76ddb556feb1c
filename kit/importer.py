"""Excel import and export for any model, declared per model in the app's `excel.py`.

Import: read every row (kit.excel), turn cells into model values (lookups by natural key,
built once per import), validate each row with the model's own `clean()` and field validators,
check duplicates inside the file and the natural key against the database, check the data scope
of every row — and only when *no* row has an error, write them all in one transaction:
`bulk_create` for new rows, `bulk_update` for existing ones (re-import updates instead of
duplicating), one audit entry per row plus one for the import, all in bulk.
Export: the user's filtered, visible queryset streamed into xlsx, masked unless the user may see
personal data in full."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from kit import audit, excel
from kit.models import AuditEntry, perm_name
from kit.pii import mask_value
from kit.scope import scope_allows
from kit.tables import format_value, resolve

ERROR_CAP = 2000  # errors kept for the report; the count beyond is still reported


@dataclass(frozen=True)
class ExcelField:
    """One column: its header, the model field it fills and how it is read and written.

    `parse(value, ctx)` turns the cell value into the model value (raise ValidationError with a
    Chinese message); default: the value as read. `export(obj)` gives the cell value; default:
    the attribute `accessor` (or `field`) resolved on the object."""

    column: excel.Column
    field: str | None
    parse: Callable[[Any, ImportContext], Any] | None = None
    export: Callable[[Any], Any] | None = None
    accessor: str | None = None
    pii: bool = False
    importable: bool = True


@dataclass
class ImportContext:
    user: Any
    cache: dict[str, Any] = field(default_factory=dict)

    def lookup(self, name: str, build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        if name not in self.cache:
            self.cache[name] = build()
        return self.cache[name]


@dataclass
class ImportResult:
    total: int = 0
    created: int = 0
    updated: int = 0
    error_count: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (row, header, message)
    general_errors: list[str] = field(default_factory=list)
    error_rows: list[tuple[int, dict[str, Any], dict[str, str]]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.error_count and not self.general_errors


class ExcelSpec:
    """Subclass per model: declare `model`, `fields`, `sheet_title`, and the natural key."""

    model: type[models.Model]
    fields: list[ExcelField] = []
    sheet_title: str = ""
    instructions: list[str] = []
    natural_key_field: str | None = None  # a model field, e.g. "uscc" or "id_number_bidx"
    key_is_global = True  # unique across all orgs (ID number, USCC); False: unique within the user's scope
    select_related: tuple[str, ...] = ()

    # --- declarations used by import ----------------------------------------------------------
    def natural_key(self, obj: models.Model) -> str | None:
        """The key identifying an existing row, computed after clean(); None = always create."""
        if self.natural_key_field is None:
            return None
        return getattr(obj, self.natural_key_field) or None

    def new_instance(self, ctx: ImportContext) -> models.Model:
        return self.model()

    def after_build(self, obj: models.Model, values: dict[str, Any], ctx: ImportContext) -> None:
        """Hook: defaults that depend on several columns."""

    @property
    def columns(self) -> list[excel.Column]:
        return [f.column for f in self.fields]

    @property
    def import_columns(self) -> list[excel.Column]:
        return [f.column for f in self.fields if f.importable]

    def template(self) -> bytes:
        return excel.write_template(
            self.import_columns,
            sheet_title=self.sheet_title or str(self.model._meta.verbose_name),
            instructions=self.instructions,
        )

    # --- export -------------------------------------------------------------------------------
    def export_rows(self, qs: models.QuerySet, *, reveal_pii: bool) -> Iterator[dict[str, Any]]:
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        fields = list(self.fields)
        for obj in qs.iterator(chunk_size=2000):
            row: dict[str, Any] = {}
            for f in fields:
                value = f.export(obj) if f.export else resolve(obj, f.accessor or f.field or f.column.key)
                if f.pii and not reveal_pii:
                    value = mask_value(f.field or f.column.key, value)
                elif f.column.kind == "text" and not isinstance(value, str):
                    value = format_value(value)
                row[f.column.key] = value
            yield row

    def export(self, qs: models.QuerySet, *, user: Any, target: BinaryIO, reveal_pii: bool, filters: str = "") -> int:
        n = excel.write_export(
            [f.column for f in self.fields],
            self.export_rows(qs, reveal_pii=reveal_pii),
            sheet_title=self.sheet_title or str(self.model._meta.verbose_name),
            target=target,
        )
        audit.record(
            AuditEntry.Action.EXPORT,
            actor=user,
            object_type=audit.label_of(self.model),
            object_repr=str(self.model._meta.verbose_name),
            message=f"导出 {n} 行{'（含完整敏感信息）' if reveal_pii else ''}；条件：{filters or '无'}",
        )
        return n

    # --- import -------------------------------------------------------------------------------
    def run_import(self, source: Any, *, user: Any, progress: Callable[[int, str], None] | None = None) -> ImportResult:
        result = ImportResult()
        ctx = ImportContext(user=user)
        fields = list(self.fields)  # declared once per import (choices may query the dictionaries)
        columns = [f.column for f in fields if f.importable]
        by_key: dict[str, int] = {}
        pending: list[tuple[int, models.Model, dict[str, Any], dict[str, str]]] = []
        try:
            reader = excel.read_workbook(source, columns)
            for row in reader:
                result.total += 1
                obj, errors = self._build(row, ctx, fields)
                key = self.natural_key(obj) if not errors else None
                if key is not None:
                    if key in by_key:
                        errors.setdefault(self._key_column(), f"与第 {by_key[key]} 行重复")
                    else:
                        by_key[key] = row.number
                if errors:
                    self._add_errors(result, row.number, row.values, errors)
                else:
                    pending.append((row.number, obj, row.values, errors))
                if progress and result.total % 500 == 0:
                    progress(result.total, f"已校验 {result.total} 行")
        except excel.WorkbookError as exc:
            result.general_errors.append(exc.message)
            return result
        if result.total == 0:
            result.general_errors.append("工作表中没有数据")
            return result
        existing = self._existing(by_key, ctx)
        checked: list[tuple[int, models.Model, models.Model | None]] = []
        for number, obj, values, errors in pending:
            key = self.natural_key(obj)
            old = existing.get(key) if key is not None else None
            if key is not None and key in existing and old is None:
                errors[self._key_column()] = "该记录已登记在您的数据范围以外，请联系上级工会处理"
            elif not self.row_in_scope(obj, old, user, ctx):
                errors["__all__"] = "该行的所属组织不在您的数据范围内"
            if errors:
                self._add_errors(result, number, values, errors)
            else:
                checked.append((number, obj, old))
        if not result.ok:
            return result
        if progress:
            progress(result.total, "正在写入")
        self.write(checked, user, result)
        return result

    # --- internals ----------------------------------------------------------------------------
    @functools.cached_property
    def _headers(self) -> dict[str, str]:
        return {f.column.key: f.column.header for f in self.fields}

    @functools.cached_property
    def _key_column_cached(self) -> str:
        return self._key_column_uncached()

    def _key_column(self) -> str:
        return self._key_column_cached

    key_columns: tuple[str, ...] = ()  # the columns of a composite natural key (errors point at the first)

    def _key_column_uncached(self) -> str:
        if self.key_columns:
            return self.key_columns[0]
        for f in self.fields:
            if f.field and self.natural_key_field and self.natural_key_field.startswith(f.field):
                return f.column.key
        return "__all__"

    def _build(
        self, row: excel.Row, ctx: ImportContext, fields: list[ExcelField]
    ) -> tuple[models.Model, dict[str, str]]:
        errors: dict[str, str] = dict(row.errors)
        obj = self.new_instance(ctx)
        field_to_key: dict[str, str] = {}
        for f in fields:
            if not f.importable or f.field is None:
                continue
            key = f.column.key
            field_to_key[f.field.removesuffix("_id")] = key
            if key in errors:
                continue
            value = row.values.get(key)
            if value in (None, "") and f.column.required:
                errors[key] = "必填"
                continue
            try:
                if f.parse is not None:
                    value = f.parse(value, ctx)
                elif value is None:
                    value = ""
                setattr(obj, f.field, value)
            except ValidationError as exc:
                errors[key] = "；".join(exc.messages)
        if errors:
            return obj, errors
        try:
            self.after_build(obj, row.values, ctx)
            obj.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors[field_to_key.get(name, "__all__")] = "；".join(messages)
        return obj, errors

    def _add_errors(self, result: ImportResult, number: int, values: dict[str, Any], errors: dict[str, str]) -> None:
        result.error_count += 1
        if len(result.error_rows) < ERROR_CAP:
            result.error_rows.append((number, values, errors))
            headers = self._headers
            for key, message in errors.items():
                result.errors.append((number, headers.get(key, "整行"), message))

    def existing_in_scope(self, keys: list[str], ctx: ImportContext) -> dict[str, models.Model]:
        """Existing rows the user may change, by natural key. Override for composite keys."""
        assert self.natural_key_field
        manager = self.model._default_manager
        return {
            getattr(o, self.natural_key_field): o
            for o in manager.visible_to(ctx.user, "change").filter(  # type: ignore[attr-defined]
                **{f"{self.natural_key_field}__in": keys}
            )
        }

    def _existing(self, by_key: dict[str, int], ctx: ImportContext) -> dict[str, models.Model | None]:
        """Existing rows by natural key: the object when the user may change it, None when it
        exists outside the user's scope (only for globally unique keys)."""
        if not by_key:
            return {}
        if not self.natural_key_field or not self.key_is_global:
            return dict(self.existing_in_scope(list(by_key), ctx))
        out: dict[str, models.Model | None] = {}
        keys = list(by_key)
        manager = self.model._default_manager
        for i in range(0, len(keys), 500):
            batch = keys[i : i + 500]
            mine = self.existing_in_scope(batch, ctx)
            out.update(mine)
            others = (
                manager.filter(**{f"{self.natural_key_field}__in": batch})
                .exclude(pk__in=[o.pk for o in mine.values()])
                .values_list(self.natural_key_field, flat=True)
            )
            for key in others:
                out.setdefault(key, None)
        return out

    def row_in_scope(self, obj: models.Model, old: models.Model | None, user: Any, ctx: ImportContext) -> bool:
        """May the user write this row? New rows: `add` in the row's org; updates: `change` both in
        the org the row had and in the one it will have."""
        if old is None:
            return self._in_scope(obj, user, "add", ctx)
        return self._in_scope(obj, user, "change", ctx) and self._in_scope(old, user, "change", ctx)

    def _in_scope(self, obj: models.Model, user: Any, action: str, ctx: ImportContext) -> bool:
        """Scope check without a query per row: a direct FK's path comes from a per-import cache."""
        spec = getattr(self.model, "scope", None)
        path = None
        if spec is not None and spec.path and spec.path.count("__") == 1:
            fk_name, attr = spec.path.split("__")
            fk_id = getattr(obj, f"{fk_name}_id", None)
            if fk_id is not None:
                fk_model = self.model._meta.get_field(fk_name).related_model
                cache = ctx.cache.setdefault(f"_path:{fk_name}", {})
                if fk_id not in cache:
                    cache[fk_id] = fk_model._default_manager.filter(pk=fk_id).values_list(attr, flat=True).first()  # type: ignore[union-attr]
                path = cache[fk_id]
        return scope_allows(user, perm_name(self.model, action), obj, path=path)

    def write(self, rows: list[tuple[int, models.Model, models.Model | None]], user: Any, result: ImportResult) -> None:
        """Write every validated row in one transaction: bulk inserts and updates, audit in bulk.
        Override for models that cannot be bulk-written (the org tree)."""
        now = timezone.now()
        model = self.model
        creates: list[models.Model] = []
        updates: list[tuple[models.Model, models.Model]] = []
        update_fields: set[str] = set()
        for _number, obj, old in rows:
            if hasattr(obj, "updated_by_id"):
                obj.updated_by = user  # type: ignore[attr-defined]
            if old is None:
                if hasattr(obj, "created_by_id"):
                    obj.created_by = user  # type: ignore[attr-defined]
                creates.append(obj)
            else:
                obj.pk = old.pk
                for attr in ("created_at", "created_by_id", "version"):
                    if hasattr(old, attr):
                        setattr(obj, attr, getattr(old, attr))
                updates.append((old, obj))
        for f in self.fields:
            if f.importable and f.field:
                update_fields.add(model._meta.get_field(f.field).name)
        for extra in getattr(model, "import_derived_fields", ()):
            update_fields.add(extra)
        if any(hasattr(o, "updated_by_id") for o, _ in updates):
            update_fields |= {"updated_by", "updated_at"}
        entries: list[AuditEntry] = []
        with transaction.atomic():
            for obj in creates:
                if hasattr(obj, "updated_at"):
                    obj.updated_at = now  # type: ignore[attr-defined]
            created = model._default_manager.bulk_create(creates, batch_size=1000)
            for _old, obj in updates:
                obj.updated_at = now  # type: ignore[attr-defined]
            if updates:
                model._default_manager.bulk_update([o for _, o in updates], sorted(update_fields), batch_size=1000)
                if hasattr(model, "version"):
                    model._base_manager.filter(pk__in=[o.pk for _, o in updates]).update(version=F("version") + 1)
            for obj in created:
                entries.append(
                    audit.build(
                        AuditEntry.Action.CREATE,
                        actor=user,
                        obj=obj,
                        changes=audit.diff(None, _snap(obj)),
                        message="Excel 导入",
                    )
                )
            for old, obj in updates:
                changes = audit.diff(_snap(old), _snap(obj))
                entries.append(
                    audit.build(
                        AuditEntry.Action.UPDATE,
                        actor=user,
                        obj=obj,
                        changes=changes,
                        message="Excel 导入（更新已有记录）",
                    )
                )
            audit.record_many(entries)
            audit.record(
                AuditEntry.Action.IMPORT,
                actor=user,
                object_type=audit.label_of(model),
                object_repr=str(model._meta.verbose_name),
                message=f"导入 {len(rows)} 行：新增 {len(created)}，更新 {len(updates)}",
            )
        result.created, result.updated = len(created), len(updates)


def _snap(obj: models.Model) -> dict[str, Any]:
    return obj.audit_snapshot() if hasattr(obj, "audit_snapshot") else {}


# --- helpers for declaring fields ---------------------------------------------------------------
def lookup_parser(
    name: str, build: Callable[[Any], dict[str, Any]], *, message: str
) -> Callable[[Any, ImportContext], Any]:
    """A parser mapping a cell (name, code …) to an id through a dict built once per import.
    `build(user)` returns {text: id}; a missing text raises `message` (with {value})."""

    def parse(value: Any, ctx: ImportContext) -> Any:
        if value in (None, ""):
            return None
        table = ctx.lookup(name, lambda: build(ctx.user))
        text = str(value).strip()
        if text not in table:
            raise ValidationError(message.format(value=text))
        return table[text]

    return parse


def choice_parser(choices: Iterable[tuple[str, str]]) -> Callable[[Any, ImportContext], Any]:
    """Label (or code) → code for TextChoices fields."""
    by_label = {str(label): code for code, label in choices}
    codes = set(by_label.values())

    def parse(value: Any, ctx: ImportContext) -> Any:
        if value in (None, ""):
            return ""
        text = str(value).strip()
        if text in by_label:
            return by_label[text]
        if text in codes:
            return text
        raise ValidationError(f"“{text}”不是可选值，可选：{'、'.join(by_label)}")

    return parse


# --- registry and the import job ----------------------------------------------------------------
_specs: dict[str, ExcelSpec] = {}


def register_spec(spec: ExcelSpec) -> ExcelSpec:
    _specs[spec.model._meta.label_lower] = spec
    return spec


def get_spec(label: str) -> ExcelSpec:
    return _specs[label]


def _import_job(job: Any, progress: Callable[[int, str], None]) -> None:
    from kit import jobs
    from kit.models import Job

    spec = get_spec(job.params["model"])
    with job.input_file.open("rb") as handle:
        data = handle.read()
    result = spec.run_import(data, user=job.owner, progress=progress)
    summary: dict[str, Any] = {
        "ok": result.ok,
        "total": result.total,
        "created": result.created,
        "updated": result.updated,
        "error_count": result.error_count,
        "general_errors": result.general_errors,
        "errors": [list(e) for e in result.errors[:200]],
    }
    if result.error_rows or (result.general_errors and result.total):
        report = excel.write_error_report(spec.import_columns, result.error_rows, general_errors=result.general_errors)
        jobs.save_output(job, "导入错误报告.xlsx", report)
        summary["report"] = True
    message = (
        f"导入完成：新增 {result.created} 行，更新 {result.updated} 行"
        if result.ok
        else "未导入任何数据：" + ("；".join(result.general_errors) or f"{result.error_count} 行有错误")
    )
    Job.objects.filter(pk=job.pk).update(result=summary, done=result.total, total=result.total, message=message[:500])


def _register_job() -> None:
    from kit import jobs

    jobs.handler("import")(_import_job)


_register_job()
