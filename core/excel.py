"""The org tree's Excel import: rows are written one by one through treebeard (a bulk insert cannot
compute paths), and a row's parent may be an org created by an earlier row of the same file. Every
other core entity's Excel derives from its declaration (`core.entities`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from core import services as core_services
from core.models import Org, Region
from kit import audit
from kit.db import perm_name
from kit.excel import Column
from kit.excel.spec import ExcelField, ExcelSpec, ImportContext, choice_parser, lookup_parser
from kit.models import AuditEntry
from kit.scope import scope_allows


def _orgs(user: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pk, name, short, code in Org.objects.visible_to(user, "view").values_list("id", "name", "short_name", "code"):
        out[name] = pk
        if short:
            out.setdefault(short, pk)
        if code:
            out[code] = pk
    return out


def _regions(user: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pk, code, name in Region.objects.values_list("id", "code", "name"):
        out[code] = pk
        out.setdefault(name, pk)
    return out


region_parser = lookup_parser("regions", _regions, message="找不到行政区划“{value}”（请填写名称或区划代码）")


class OrgExcel(ExcelSpec):
    """The org tree: rows are written one by one through treebeard (a bulk insert cannot compute
    paths). A row's parent may be an existing org or one created by an earlier row of the file."""

    model = Org
    sheet_title = "工会组织"
    natural_key_field = "code"
    select_related = ("region",)
    instructions = [
        "每行一个工会组织，组织编码是识别组织的唯一依据：已登记的编码将更新该组织（上级不同则整体移动）。",
        "上级组织填写已登记组织的编码或全称，也可以是本文件中排在前面的行的组织编码。",
    ]

    @property
    def fields(self) -> list[ExcelField]:  # type: ignore[override]
        kinds = tuple(str(label) for _c, label in Org.Kind.choices)
        return [
            ExcelField(Column("code", "组织编码", required=True, width=16), "code"),
            ExcelField(Column("name", "组织名称", required=True, width=28), "name"),
            ExcelField(Column("short_name", "简称", width=14), "short_name"),
            ExcelField(
                Column("kind", "类型", required=True, width=12, choices=kinds),
                "kind",
                parse=choice_parser(Org.Kind.choices),
                export=lambda o: o.get_kind_display(),
            ),
            ExcelField(
                Column("parent", "上级组织", required=True, width=26, help="上级组织的编码或全称"),
                "import_parent",
                parse=lambda v, c: str(v).strip(),
                export=_parent_label,
            ),
            ExcelField(
                Column("region", "所在区划", width=14),
                "region_id",
                parse=region_parser,
                export=lambda o: o.region.name if o.region else "",
            ),
            ExcelField(Column("contact", "联系人", width=10), "contact"),
        ]

    def after_build(self, obj: Any, values: dict[str, Any], ctx: ImportContext) -> None:
        seen: dict[str, str] = ctx.cache.setdefault("file_codes", {})
        ref = obj.import_parent
        if ref not in seen and ref not in ctx.lookup("orgs", lambda: _orgs(ctx.user)):
            raise ValidationError({"import_parent": f"找不到上级组织“{ref}”，或它不在您的数据范围内"})
        if obj.code:
            seen[obj.code] = obj.name
        obj.path = obj.path or "PENDING"  # the real path is assigned by treebeard when written
        obj.depth = obj.depth or 1

    def row_in_scope(self, obj: Any, old: Any, user: Any, ctx: ImportContext) -> bool:
        if old is not None and not scope_allows(user, perm_name(Org, "change"), old):
            return False
        parent = self._parent(obj.import_parent, ctx)
        return parent is None or scope_allows(user, perm_name(Org, "add"), parent)

    def _parent(self, ref: str, ctx: ImportContext) -> Org | None:
        """An existing org the user may see (None when the parent is a row of this file)."""
        pk = ctx.lookup("orgs", lambda: _orgs(ctx.user)).get(ref)
        return Org.objects.filter(pk=pk).first() if pk else None

    def write(self, rows: list[tuple[int, Any, Any]], user: Any, result: Any) -> None:
        created = updated = 0
        with transaction.atomic():
            for _number, obj, old in rows:
                parent = (
                    Org.objects.filter(code=obj.import_parent).first()
                    or Org.objects.filter(name=obj.import_parent).first()
                )
                fields = {
                    "name": obj.name,
                    "short_name": obj.short_name,
                    "kind": obj.kind,
                    "code": obj.code,
                    "region_id": obj.region_id,
                    "contact": obj.contact,
                }
                if old is None:
                    core_services._org_create(actor=user, parent=parent, **fields)
                    created += 1
                    continue
                before = old.audit_snapshot()
                for key, value in fields.items():
                    setattr(old, key, value)
                old.full_clean(exclude=["path", "depth", "numchild"])
                old.updated_by = user
                old.save()
                audit.record(
                    AuditEntry.Action.UPDATE,
                    actor=user,
                    obj=old,
                    changes=audit.diff(before, old.audit_snapshot()),
                    message="Excel 导入（更新已有记录）",
                )
                current = old.get_parent()
                if parent is not None and (current is None or current.pk != parent.pk):
                    core_services._org_move(actor=user, org=Org.objects.get(pk=old.pk), new_parent=parent)
                updated += 1
            audit.record(
                AuditEntry.Action.IMPORT,
                actor=user,
                object_type="core.org",
                object_repr="工会组织",
                message=f"导入 {len(rows)} 行：新增 {created}，更新 {updated}",
            )
        result.created, result.updated = created, updated


def _parent_label(org: Org) -> str:
    parent = org.get_parent() if org.path else None
    return (parent.code or parent.name) if parent else ""
