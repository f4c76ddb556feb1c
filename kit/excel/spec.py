"""Excel import and export for any model, declared once per entity (`kit.entity`).

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
import pickle
import struct
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, BinaryIO

from django.core.exceptions import ValidationError
from django.db import connections, models, router, transaction
from django.utils import timezone

from kit import audit, services
from kit.audit.models import AuditEntry
from kit.db import bulk_insert, perm_name
from kit.display import format_value, resolve
from kit.excel.cells import Column, Row, WorkbookError
from kit.excel.read import read_workbook
from kit.excel.write import write_export, write_template
from kit.pii import EncryptedTextField, blind_index, decrypt_bytes, encrypt_bytes, mask_value, pii_fields_of
from kit.scope import scope_allows
from kit.validators import normalize_id_number, normalize_mobile

ERROR_CAP = 2000  # errors kept for the report; the count beyond is still reported


@dataclass(frozen=True)
class ExcelField:
    """One column: its header, the model field it fills and how it is read and written.

    `parse(value, ctx)` turns the cell value into the model value (raise ValidationError with a
    Chinese message); default: the value as read. `export(obj)` gives the cell value; default:
    the attribute `accessor` (or `field`) resolved on the object."""

    column: Column
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

    def verified(self, field_name: str) -> set[Any]:
        """The ids a foreign key of the imported model may take, as established during this import
        (by a lookup table read in bulk, or by one row's full validation): rows naming them skip
        Django's per-row `SELECT` of `ForeignKey.validate`, which gives the same answer for every row
        of the import (it depends on the id and `limit_choices_to` only). A row deleted meanwhile is
        still refused by the database's constraint when the import writes, in its one transaction."""
        return self.cache.setdefault("_verified_fk", {}).setdefault(field_name, set())


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

    def check_rows(self, rows: list[tuple[int, models.Model]], ctx: ImportContext) -> dict[int, dict[str, str]]:
        """Hook: rules across rows, once every row has passed its own checks — {row number: {column
        key: message}}. The model declares them as `check_import_rows(rows, user)` (a classmethod),
        so the page, the API and the import keep one rule."""
        check = getattr(self.model, "check_import_rows", None)
        return check(rows, ctx.user) if check is not None else {}

    @property
    def columns(self) -> list[Column]:
        return [f.column for f in self.fields]

    @property
    def import_columns(self) -> list[Column]:
        return [f.column for f in self.fields if f.importable]

    def template(self) -> bytes:
        return write_template(
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
        n = write_export(
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
    chunk_size = 1000  # rows checked against the database together (one look-up of existing keys)

    def run_import(self, source: Any, *, user: Any, progress: Callable[[int, str], None] | None = None) -> ImportResult:
        """Read, validate and check every row, then write all of them or none.

        Rows are validated one by one and checked against the database a chunk at a time; a chunk
        without errors is prepared for writing (its audit snapshots taken) and spooled, encrypted,
        to a temporary file, so memory stays flat however long the file. When the whole file is
        clean the spool is written in one transaction. Models with rules across rows
        (`check_import_rows`) and specs with their own `write` keep their rows in memory instead."""
        result = ImportResult()
        ctx = ImportContext(user=user)
        fields = list(self.fields)  # declared once per import (choices may query the dictionaries)
        columns = [f.column for f in fields if f.importable]
        by_key: dict[str, int] = {}
        keep_rows = self._keeps_rows()
        kept: list[tuple[int, models.Model, models.Model | None]] = []
        spool = None if keep_rows else _Spool()
        pending: list[tuple[int, models.Model, dict[str, Any]]] = []
        typed: dict[int, dict[str, Any]] = {}  # the cells of kept rows, for errors found across rows
        try:
            try:
                reader = read_workbook(source, columns)
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
                    elif result.ok or keep_rows:  # after a refused row nothing is written: only validate
                        pending.append((row.number, obj, row.values))
                        if keep_rows:
                            typed[row.number] = row.values
                    if len(pending) >= self.chunk_size:
                        self._check_chunk(pending, ctx, result, kept if keep_rows else spool)
                        pending = []
                    if progress and result.total % 500 == 0:
                        progress(result.total, f"已校验 {result.total} 行")
            except WorkbookError as exc:
                result.general_errors.append(exc.message)
                return result
            if result.total == 0:
                result.general_errors.append("工作表中没有数据")
                return result
            if pending:
                self._check_chunk(pending, ctx, result, kept if keep_rows else spool)
            if keep_rows:
                # rules across rows (a worker in two overlapping enrolments …), the file's and the database's
                problems = self.check_rows([(number, obj) for number, obj, _old in kept], ctx) if kept else {}
                for number, errors in sorted(problems.items()):
                    self._add_errors(result, number, typed.get(number, {}), errors)
            if not result.ok:
                return result
            if progress:
                progress(result.total, "正在写入")
            if keep_rows:
                self.write(kept, user, result)
            else:
                assert spool is not None
                self._write_batches(spool.batches(), user, result)
            return result
        finally:
            if spool is not None:
                spool.close()

    def _keeps_rows(self) -> bool:
        """Rows are kept in memory when a rule looks across all of them or `write` is the spec's own."""
        return getattr(self.model, "check_import_rows", None) is not None or type(self).write is not ExcelSpec.write

    def _check_chunk(
        self,
        pending: list[tuple[int, models.Model, dict[str, Any]]],
        ctx: ImportContext,
        result: ImportResult,
        sink: list[tuple[int, models.Model, models.Model | None]] | _Spool | None,
    ) -> None:
        """Check a chunk of valid rows against the database (existing keys, in bulk) and the
        user's scope; keep the rows that pass (in memory) or spool them prepared for writing."""
        keys = [k for k in (self.natural_key(obj) for _n, obj, _v in pending) if k is not None]
        existing = self._existing(dict.fromkeys(keys, 0), ctx)
        checked: list[tuple[int, models.Model, models.Model | None]] = []
        for number, obj, values in pending:
            errors: dict[str, str] = {}
            key = self.natural_key(obj)
            old = existing.get(key) if key is not None else None
            if key is not None and key in existing and old is None:
                # said without telling where the record is (an existence oracle across scopes)
                errors[self._key_column()] = services.NOT_HERE
            elif not self.row_in_scope(obj, old, ctx.user, ctx):
                errors["__all__"] = "该行的所属组织不在您的数据范围内"
            if errors:
                self._add_errors(result, number, values, errors)
            else:
                checked.append((number, obj, old))
        if isinstance(sink, list):
            sink.extend(checked)
        elif sink is not None and result.ok:
            sink.write(self._prepare(checked, ctx.user))

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

    def _build(self, row: Row, ctx: ImportContext, fields: list[ExcelField]) -> tuple[models.Model, dict[str, str]]:
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
            self._match_before_clean(obj, ctx)
            self._org_from(obj, ctx)
            verified = [f for f in self._foreign_keys if getattr(obj, f.attname) in ctx.verified(f.name)]
            obj.full_clean(exclude=[f.name for f in verified], validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors[field_to_key.get(name, "__all__")] = "；".join(messages)
        if not errors:
            for f in self._foreign_keys:  # an id one row validated is valid for every row of the import
                value = getattr(obj, f.attname)
                if value is not None:
                    ctx.verified(f.name).add(value)
        return obj, errors

    @functools.cached_property
    def _foreign_keys(self) -> list[Any]:
        return [f for f in self.model._meta.concrete_fields if f.many_to_one]

    def _org_from(self, obj: models.Model, ctx: ImportContext) -> None:
        """The org a row takes from a relation when none is given (`BaseModel.org_from`), read
        once per related row for the whole import instead of once per row."""
        org_from = getattr(self.model, "org_from", "")
        if not org_from or getattr(obj, "org_id", None) is not None:
            return
        related_id = getattr(obj, f"{org_from}_id", None)
        if related_id is None:
            return
        cache = ctx.cache.setdefault("_org_from", {})
        if related_id not in cache:
            # this row's and every other id known so far, in one query per 500
            related: Any = self.model._meta.get_field(org_from).related_model
            wanted = list(dict.fromkeys([related_id, *ctx.verified(org_from)]) - cache.keys())
            for i in range(0, len(wanted), 500):
                rows = related._base_manager.filter(pk__in=wanted[i : i + 500])  # deleted rows too, no scope
                cache.update(rows.values_list("pk", "org_id"))
            cache.setdefault(related_id, None)
        obj.org_id = cache[related_id]  # type: ignore[attr-defined]

    def _match_before_clean(self, obj: models.Model, ctx: ImportContext) -> None:
        """A row whose composite key (plain columns, known before clean) names an existing row is
        validated as that row: rules comparing a row with its neighbours (no two overlapping
        mentorships …) must not find the row itself. Keys derived by clean (a blind index) are
        matched after clean, as before."""
        if not self.key_columns or self.natural_key_field:
            return
        key = self.natural_key(obj)
        if key is None:
            return
        existing = ctx.lookup("_existing_in_scope", lambda: self.existing_in_scope(None, ctx))
        old = existing.get(key)
        if old is not None:
            obj.pk = old.pk
            obj._state.adding = False

    def _add_errors(self, result: ImportResult, number: int, values: dict[str, Any], errors: dict[str, str]) -> None:
        result.error_count += 1
        if len(result.error_rows) < ERROR_CAP:
            result.error_rows.append((number, values, errors))
            headers = self._headers
            for key, message in errors.items():
                result.errors.append((number, headers.get(key, "整行"), message))

    def existing_in_scope(self, keys: list[str] | None, ctx: ImportContext) -> dict[str, models.Model]:
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
        manager: Any = self.model._default_manager
        key_field = self.natural_key_field
        for i in range(0, len(keys), 500):
            # the keys that exist at all (the key's own index, nothing else: a new file's chunk
            # costs one cheap query), then which of those rows the user may change (by primary key)
            found = dict(manager.filter(**{f"{key_field}__in": keys[i : i + 500]}).values_list(key_field, "pk"))
            if not found:
                continue
            mine = manager.visible_to(ctx.user, "change").filter(pk__in=list(found.values()))
            out.update({getattr(o, key_field): o for o in mine})
            for key in found:
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
        self._write_batches(iter([self._prepare(rows, user)]), user, result)

    def _prepare(self, rows: list[tuple[int, models.Model, models.Model | None]], user: Any) -> list[_Prepared]:
        """A checked row ready to write: an update takes the existing row's id, creation and
        version, and carries the existing row's audit snapshot (so the row itself is dropped)."""
        out: list[_Prepared] = []
        for _number, obj, old in rows:
            if hasattr(obj, "updated_by_id"):
                obj.updated_by_id = getattr(user, "pk", None)  # type: ignore[attr-defined]
            if old is None:
                if hasattr(obj, "created_by_id"):
                    obj.created_by_id = getattr(user, "pk", None)  # type: ignore[attr-defined]
                out.append((obj, None))
                continue
            obj.pk = old.pk
            obj._state.adding = False
            for attr in ("created_at", "created_by_id", "version"):
                if hasattr(old, attr):
                    setattr(obj, attr, getattr(old, attr))
            out.append((obj, _snap(old)))
        return out

    @functools.cached_property
    def _update_fields(self) -> list[Any]:
        """The columns a re-import writes: the imported fields, those `clean()` derives, and who/when."""
        model = self.model
        names: set[str] = set()
        for f in self.fields:
            if f.importable and f.field:
                names.add(model._meta.get_field(f.field).name)
        names.update(getattr(model, "import_derived_fields", ()))
        if hasattr(model, "updated_by_id"):
            names |= {"updated_by", "updated_at"}
        return [model._meta.get_field(n) for n in sorted(names)]

    def _write_batches(self, batches: Iterator[list[_Prepared]], user: Any, result: ImportResult) -> None:
        """Write prepared rows in one transaction, batch by batch: `bulk_create` for new rows, one
        parameterised UPDATE per existing row sent with `executemany` (linear, unlike `bulk_update`'s
        CASE over every row of a batch), the version bumped in the same statement, one audit entry
        per row written in bulk, and one for the import."""
        now = timezone.now()
        model = self.model
        created = updated = 0
        with transaction.atomic(using=router.db_for_write(model)):
            for batch in batches:
                creates = [obj for obj, before in batch if before is None]
                updates = [(obj, before) for obj, before in batch if before is not None]
                for obj, _before in batch:
                    if hasattr(obj, "updated_at"):
                        obj.updated_at = now  # type: ignore[attr-defined]
                rows = bulk_insert(model, creates) if creates else []
                if updates:
                    self._update_rows([obj for obj, _before in updates])
                entries = [
                    audit.build(
                        AuditEntry.Action.CREATE,
                        actor=user,
                        obj=obj,
                        changes=audit.diff(None, _snap(obj)),
                        message="Excel 导入",
                    )
                    for obj in rows
                ]
                entries += [
                    audit.build(
                        AuditEntry.Action.UPDATE,
                        actor=user,
                        obj=obj,
                        changes=audit.diff(before, _snap(obj)),
                        message="Excel 导入（更新已有记录）",
                    )
                    for obj, before in updates
                ]
                audit.record_many(entries)
                created += len(rows)
                updated += len(updates)
            audit.record(
                AuditEntry.Action.IMPORT,
                actor=user,
                object_type=audit.label_of(model),
                object_repr=str(model._meta.verbose_name),
                message=f"导入 {created + updated} 行：新增 {created}，更新 {updated}",
            )
        result.created, result.updated = created, updated

    def _update_rows(self, objs: list[models.Model]) -> None:
        model = self.model
        connection = connections[router.db_for_write(model)]
        quote = connection.ops.quote_name
        fields = self._update_fields
        assignments = [f"{quote(f.column)} = %s" for f in fields]
        if hasattr(model, "version"):
            assignments.append(f"{quote('version')} = {quote('version')} + 1")
        pk_column: Any = model._meta.pk.column  # type: ignore[union-attr]
        sql = f"UPDATE {quote(model._meta.db_table)} SET {', '.join(assignments)} WHERE {quote(pk_column)} = %s"
        params = [[f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields] + [obj.pk] for obj in objs]
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)
        for obj in objs:
            if hasattr(obj, "version"):
                obj.version += 1  # type: ignore[attr-defined]


_Prepared = tuple[models.Model, "dict[str, Any] | None"]  # the row, and the existing row's audit snapshot


class _Spool:
    """Prepared batches kept outside memory until the import writes them: a temporary file of
    pickled batches, each encrypted with the personal-data key (they hold ID numbers in clear),
    so nothing readable reaches the disk and nothing but this process's own bytes is unpickled."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 — closed by close()
        self._count = 0

    def write(self, batch: list[_Prepared]) -> None:
        if not batch:
            return
        blob = encrypt_bytes(pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL), aad=b"excel-import-spool")
        self._file.write(struct.pack(">Q", len(blob)))
        self._file.write(blob)
        self._count += 1

    def batches(self) -> Iterator[list[_Prepared]]:
        self._file.seek(0)
        for _ in range(self._count):
            (size,) = struct.unpack(">Q", self._file.read(8))
            # only bytes this process wrote and encrypted (authenticated) are unpickled
            yield pickle.loads(decrypt_bytes(self._file.read(size), aad=b"excel-import-spool"))

    def close(self) -> None:
        self._file.close()


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


# --- specs derived from a model's fields -----------------------------------------------------
def _kind(f: Any) -> str:
    if isinstance(f, models.BooleanField):
        return "bool"
    if isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField):
        return "date"
    if isinstance(f, models.IntegerField) and not f.choices:
        return "int"
    if isinstance(f, models.DecimalField | models.FloatField):
        return "decimal"
    return "text"


LOOKUP_ATTRS = ("code", "uscc", "short_name", "value", "name", "label")


def _related_queryset(f: Any, user: Any) -> Any:
    manager = f.related_model._default_manager
    qs = manager.visible_to(user, "view") if hasattr(manager, "visible_to") else manager.all()
    limit = f.get_limit_choices_to()
    return qs.complex_filter(limit) if limit else qs


def _is_reference(f: Any) -> bool:
    """A short list everybody picks from (dictionary items, regions): offered as a drop-down."""
    spec = getattr(f.related_model, "scope", None)
    return spec is not None and spec.path is None and bool(f.get_limit_choices_to())


AMBIGUOUS = object()


def _blind_fields(model: Any) -> list[str]:
    """Encrypted fields with a blind index beside them (`id_number` + `id_number_bidx`): a typed
    value is found through its blind index, never by decrypting every row."""
    names = {f.name for f in model._meta.concrete_fields}
    return [
        f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField) and f"{f.name}_bidx" in names
    ]


def _normalise_for(field_name: str, text: str) -> str:
    if "id_number" in field_name:
        return normalize_id_number(text)
    if "phone" in field_name or "mobile" in field_name:
        return normalize_mobile(text)
    return text


def fk_parser(f: Any, header: str) -> Callable[[Any, ImportContext], Any]:
    """A foreign key read by its display text (str(obj)) — or its code, credit code, short name,
    value or label, or an encrypted identifier such as a worker's ID number (through its blind
    index) — among the rows the user may see (and the field's `limit_choices_to`). A text naming
    two rows (two workers called 张三) is refused as ambiguous, never matched to the first."""
    related = f.related_model
    blind = _blind_fields(related)

    def build(user: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}

        def put(key: str, pk: Any) -> None:
            if key in out and out[key] != pk:
                out[key] = AMBIGUOUS
            else:
                out[key] = pk

        qs = _related_queryset(f, user).defer(*blind) if blind else _related_queryset(f, user)
        for obj in qs:
            put(str(obj), obj.pk)
            for attr in LOOKUP_ATTRS:
                value = getattr(obj, attr, None)
                if value and isinstance(value, str) and value != str(obj):
                    put(value, obj.pk)
            for name in blind:
                index = getattr(obj, f"{name}_bidx", "")
                if index:
                    put(f"\x00{name}:{index}", obj.pk)
        return out

    key = f"fk:{related._meta.label_lower}:{f.name}"
    missing = f"找不到{header}“{{value}}”，或它不在您的数据范围内"

    def parse(value: Any, ctx: ImportContext) -> Any:
        if value in (None, ""):
            return None
        if key not in ctx.cache:
            ctx.cache[key] = build(ctx.user)
            # every id of the table is a row the field may name (limit_choices_to applied): no row
            # naming one needs ForeignKey.validate's query
            ctx.verified(f.name).update(pk for pk in ctx.cache[key].values() if pk is not AMBIGUOUS)
        table = ctx.cache[key]
        text = str(value).strip()
        found = table.get(text)
        if found is None:
            for name in blind:
                normalised = _normalise_for(name, text)
                if normalised:
                    found = table.get(f"\x00{name}:{blind_index(normalised, kind=name)}")
                    if found is not None:
                        break
        if found is AMBIGUOUS:
            raise ValidationError(f"{header}“{text}”对应多条记录，请改填唯一的标识（如统一社会信用代码、公民身份号码）")
        if found is None:
            raise ValidationError(missing.format(value=text))
        return found

    return parse


def _non_negative(label: str) -> Callable[[Any, ImportContext], Any]:
    def parse(value: Any, ctx: ImportContext) -> Any:
        if value in (None, ""):
            return None
        if value < 0:
            raise ValidationError(f"{label}不能为负数")
        return value

    return parse


def _bool_parser(f: Any) -> Callable[[Any, ImportContext], Any]:
    """是/否; a blank cell takes the field's default (a worker is a union member unless it says 否)."""
    default = f.default if f.has_default() and not callable(f.default) else False

    def parse(value: Any, ctx: ImportContext) -> Any:
        return bool(default) if value in (None, "") else bool(value)

    return parse


def _excel_field(model: type[models.Model], name: str, pii: tuple[str, ...], *, export_only: bool) -> ExcelField:
    f: Any = model._meta.get_field(name)
    header = str(f.verbose_name)
    help_text = str(getattr(f, "help_text", "") or "")
    required = not export_only and not (f.blank or f.null or f.has_default())
    kind = _kind(f)
    if f.is_relation and f.many_to_one:
        choices: tuple[str, ...] = ()
        if _is_reference(f):
            try:
                limit = f.get_limit_choices_to()
                choices = tuple(str(o) for o in f.related_model._default_manager.complex_filter(limit)[:200])
            except Exception:  # noqa: BLE001 — before migrations (a management command importing the spec)
                choices = ()
        column = Column(name, header, required=required, width=24, choices=choices, help=help_text)
        return ExcelField(
            column,
            f"{name}_id",
            parse=fk_parser(f, header),
            export=lambda o, n=name: str(getattr(o, n) or ""),  # type: ignore[misc]
            importable=not export_only,
        )
    if f.choices:
        labels = tuple(str(label) for _c, label in f.flatchoices)
        return ExcelField(
            Column(name, header, required=required, choices=labels, width=14, help=help_text),
            name,
            parse=choice_parser(f.flatchoices),
            export=lambda o, n=name: getattr(o, f"get_{n}_display")(),  # type: ignore[misc]
            importable=not export_only,
        )
    if kind in ("int", "decimal"):
        column = Column(name, header, required=required, kind=kind, width=12, help=help_text)
        return ExcelField(column, name, parse=_decimal_or_int(f, header), importable=not export_only)
    if kind == "bool":
        column = Column(name, header, kind="bool", width=8, help=help_text)
        return ExcelField(column, name, parse=_bool_parser(f), importable=not export_only)
    if kind == "date":
        column = Column(name, header, required=required, kind="date", width=12, help=help_text)
        return ExcelField(column, name, parse=lambda v, c: v or None, importable=not export_only)
    width = 30 if isinstance(f, models.TextField) and name not in pii else 18
    column = Column(name, header, required=required, width=width, help=help_text)
    return ExcelField(column, name, pii=name in pii, importable=not export_only)


class DerivedSpec(ExcelSpec):
    """A spec whose columns are built from the model's fields when used (so drop-downs of
    dictionary items show the items as they are now)."""

    field_names: tuple[str, ...] = ()
    export_only: tuple[str, ...] = ()

    @property  # type: ignore[override]
    def fields(self) -> list[ExcelField]:  # type: ignore[override]
        pii = pii_fields_of(self.model)
        out = [_excel_field(self.model, n, pii, export_only=False) for n in self.field_names]
        out += [_excel_field(self.model, n, pii, export_only=True) for n in self.export_only]
        return out


def spec_for(
    model: type[models.Model],
    fields: Sequence[str],
    *,
    export_only: Sequence[str] = (),
    sheet_title: str = "",
    natural_key: str | tuple[str, ...] | None = None,
    key_is_global: bool = True,
    instructions: Sequence[str] = (),
) -> ExcelSpec:
    """An ExcelSpec whose columns follow the model's fields: choices by label, foreign keys by name
    (or code / credit code …), dates, numbers (never negative), 是/否, personal data masked on
    export; `export_only` columns (derived values) are written but never read. The natural key
    identifies existing rows on re-import: a field (an encrypted one through its blind index) or
    a tuple of fields unique within the user's scope."""
    related = [n for n in (*fields, *export_only) if model._meta.get_field(n).many_to_one]
    attrs: dict[str, Any] = {
        "model": model,
        "field_names": tuple(fields),
        "export_only": tuple(export_only),
        "sheet_title": sheet_title or str(model._meta.verbose_name_plural),
        "select_related": tuple(related),
        "instructions": list(instructions),
    }
    if isinstance(natural_key, tuple):
        attrs.update(_composite_key(model, natural_key))
    else:
        key_field = natural_key
        if natural_key and natural_key in pii_fields_of(model):
            key_field = f"{natural_key}_bidx"  # encrypted: found through its blind index
            attrs["key_columns"] = (natural_key,)
        attrs.update({"natural_key_field": key_field, "key_is_global": key_is_global})
    cls = type(f"{model.__name__}Excel", (DerivedSpec,), attrs)
    return cls()


def _composite_key(model: type[models.Model], names: tuple[str, ...]) -> dict[str, Any]:
    """A natural key of several fields (e.g. title + year), unique within the user's scope: a
    re-import updates the rows the user may change instead of adding them again."""
    attnames = [model._meta.get_field(n).attname for n in names]  # type: ignore[union-attr]

    def natural_key(self: ExcelSpec, obj: models.Model) -> str | None:
        values = [getattr(obj, a) for a in attnames]
        return None if any(v in (None, "") for v in values) else "|".join(str(v) for v in values)

    def existing_in_scope(self: ExcelSpec, keys: list[str] | None, ctx: ImportContext) -> dict[str, models.Model]:
        """Existing rows the user may change, by key (`keys` None: all of them)."""
        manager: Any = model._default_manager
        qs = manager.visible_to(ctx.user, "change")
        if keys is not None:
            qs = qs.filter(**{f"{attnames[0]}__in": {k.split("|", 1)[0] for k in keys}})
        out: dict[str, models.Model] = {}
        for obj in qs:
            key = natural_key(self, obj)
            if key is not None and (keys is None or key in keys):
                out[key] = obj
        return out

    return {
        "natural_key_field": None,
        "key_is_global": False,
        "natural_key": natural_key,
        "existing_in_scope": existing_in_scope,
        "key_columns": tuple(names),
    }


def _decimal_or_int(f: Any, header: str) -> Callable[[Any, ImportContext], Any]:
    parse_non_negative = _non_negative(header)

    def parse(value: Any, ctx: ImportContext) -> Any:
        value = parse_non_negative(value, ctx)
        if value is None:
            return f.default if f.has_default() and not callable(f.default) else None
        return Decimal(value) if isinstance(f, models.DecimalField) else value

    return parse
