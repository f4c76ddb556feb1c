"""Excel import/export declarations of the core entities (the engine is kit.importer)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from core.models import DictItem, DictType, Enterprise, MemberUnit, Org, Person, Region
from kit.excel import Column
from kit.importer import ExcelField, ExcelSpec, ImportContext, choice_parser, lookup_parser


def _dict_labels(code: str) -> tuple[str, ...]:
    try:
        return tuple(DictItem.objects.filter(dict_type__code=code, is_active=True).values_list("label", flat=True))
    except Exception:  # noqa: BLE001 — before migrations, e.g. at import time of a management command
        return ()


def dict_parser(code: str, header: str) -> Any:
    def build(user: Any) -> dict[str, Any]:
        rows = DictItem.objects.filter(dict_type__code=code, is_active=True).values_list("label", "value", "id")
        out: dict[str, Any] = {}
        for label, value, pk in rows:
            out[label] = pk
            out.setdefault(value, pk)
        return out

    return lookup_parser(
        f"dict:{code}", build, message=f"{header}“{{value}}”不在字典中，请从下拉列表选择或联系管理员增加"
    )


def _orgs(user: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pk, name, short, code in Org.objects.visible_to(user, "view").values_list("id", "name", "short_name", "code"):
        out[name] = pk
        if short:
            out.setdefault(short, pk)
        if code:
            out[code] = pk
    return out


org_parser = lookup_parser("orgs", _orgs, message="找不到工会组织“{value}”，或它不在您的数据范围内")


def _enterprises(user: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pk, name, uscc in Enterprise.objects.visible_to(user, "view").values_list("id", "name", "uscc"):
        out[uscc] = pk
        out.setdefault(name, pk)
    return out


employer_parser = lookup_parser(
    "enterprises",
    _enterprises,
    message="找不到工作单位“{value}”（请填写企业全称或统一社会信用代码），或它不在您的数据范围内",
)


def _regions(user: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pk, code, name in Region.objects.values_list("id", "code", "name"):
        out[code] = pk
        out.setdefault(name, pk)
    return out


region_parser = lookup_parser("regions", _regions, message="找不到行政区划“{value}”（请填写名称或区划代码）")


def _bool(value: Any, ctx: ImportContext) -> bool:
    return bool(value)


class PersonExcel(ExcelSpec):
    model = Person
    sheet_title = "职工"
    natural_key_field = "id_number_bidx"
    select_related = ("employer", "org", "skill_level", "new_form_category")
    instructions = [
        "每行一名职工。公民身份号码为18位，是识别职工的唯一依据：已登记的号码将更新该职工的信息，不会重复新增。",
        "性别和出生日期由公民身份号码自动确定，无需填写。",
        "工作单位填写企业全称或统一社会信用代码；所属工会留空时取工作单位的所属工会。",
        "请把“公民身份号码”“手机号码”两列设为文本格式，避免 Excel 把号码变成科学计数法。",
    ]

    @property
    def fields(self) -> list[ExcelField]:  # type: ignore[override]
        return [
            ExcelField(Column("name", "姓名", required=True, width=10), "name"),
            ExcelField(
                Column("id_number", "公民身份号码", required=True, width=22, help="18位，末位可为 X"),
                "id_number",
                pii=True,
            ),
            ExcelField(Column("phone", "手机号码", width=14, help="11位中国大陆手机号"), "phone", pii=True),
            ExcelField(Column("gender", "性别", width=6), None, accessor="gender", importable=False),
            ExcelField(
                Column("birth_date", "出生日期", kind="date", width=12), None, accessor="birth_date", importable=False
            ),
            ExcelField(
                Column("employer", "工作单位", width=30),
                "employer_id",
                parse=employer_parser,
                export=lambda o: o.employer.name if o.employer else "",
            ),
            ExcelField(
                Column("org", "所属工会", width=26, help="留空时取工作单位的所属工会"),
                "org_id",
                parse=org_parser,
                export=lambda o: o.org.name,
            ),
            ExcelField(Column("job", "岗位", width=12), "job"),
            ExcelField(
                Column("skill_level", "职业技能等级", width=14, choices=_dict_labels("skill_level")),
                "skill_level_id",
                parse=dict_parser("skill_level", "职业技能等级"),
                export=lambda o: o.skill_level.label if o.skill_level else "",
            ),
            ExcelField(Column("is_party_member", "中共党员", kind="bool", width=8), "is_party_member", parse=_bool),
            ExcelField(Column("is_union_member", "工会会员", kind="bool", width=8), "is_union_member", parse=_bool),
            ExcelField(
                Column("new_form", "新就业形态类别", width=14, choices=_dict_labels("new_form")),
                "new_form_category_id",
                parse=dict_parser("new_form", "新就业形态类别"),
                export=lambda o: o.new_form_category.label if o.new_form_category else "",
            ),
            ExcelField(Column("remark", "备注", width=20), "remark"),
        ]

    def after_build(self, obj: Any, values: dict[str, Any], ctx: ImportContext) -> None:
        if values.get("is_union_member") in (None, ""):
            obj.is_union_member = True
        if obj.org_id is None and obj.employer_id is not None:
            orgs = ctx.lookup(
                "enterprise_org",
                lambda: dict(Enterprise.objects.visible_to(ctx.user, "view").values_list("id", "org_id")),
            )
            obj.org_id = orgs.get(obj.employer_id)
        if obj.org_id is None:
            raise ValidationError({"org": "请填写工作单位或所属工会"})


class EnterpriseExcel(ExcelSpec):
    model = Enterprise
    sheet_title = "企业"
    natural_key_field = "uscc"
    select_related = ("industry", "subdistrict", "org")
    instructions = [
        "每行一家企业。统一社会信用代码是识别企业的唯一依据：已登记的代码将更新该企业的信息。",
        "所属工会填写工会组织的全称或组织编码；尚未建会的企业填写所在街道/园区工会。",
    ]

    @property
    def fields(self) -> list[ExcelField]:  # type: ignore[override]
        return [
            ExcelField(Column("name", "企业名称", required=True, width=30), "name"),
            ExcelField(Column("uscc", "统一社会信用代码", required=True, width=22), "uscc"),
            ExcelField(
                Column("industry", "行业", width=18, choices=_dict_labels("industry")),
                "industry_id",
                parse=dict_parser("industry", "行业"),
                export=lambda o: o.industry.label if o.industry else "",
            ),
            ExcelField(
                Column(
                    "ownership",
                    "所有制",
                    required=True,
                    width=12,
                    choices=tuple(str(label) for _c, label in Enterprise.Ownership.choices),
                ),
                "ownership",
                parse=choice_parser(Enterprise.Ownership.choices),
                export=lambda o: o.get_ownership_display(),
            ),
            ExcelField(
                Column("size", "规模", width=8, choices=tuple(str(label) for _c, label in Enterprise.Size.choices)),
                "size",
                parse=choice_parser(Enterprise.Size.choices),
                export=lambda o: o.get_size_display(),
            ),
            ExcelField(
                Column("subdistrict", "所在街道", width=12),
                "subdistrict_id",
                parse=region_parser,
                export=lambda o: o.subdistrict.name if o.subdistrict else "",
            ),
            ExcelField(Column("address", "地址", width=30), "address"),
            ExcelField(
                Column("org", "所属工会", required=True, width=26),
                "org_id",
                parse=org_parser,
                export=lambda o: o.org.name,
            ),
            ExcelField(
                Column("employee_count", "职工人数", kind="int", width=10),
                "employee_count",
                parse=lambda v, c: _non_negative(v, "职工人数"),
            ),
            ExcelField(
                Column("is_key_contact", "重点联系非公企业", kind="bool", width=10), "is_key_contact", parse=_bool
            ),
            ExcelField(Column("remark", "备注", width=20), "remark"),
        ]


def _non_negative(value: Any, label: str) -> Any:
    if value in (None, ""):
        return None
    if value < 0:
        raise ValidationError(f"{label}不能为负数")
    return value


class RegionExcel(ExcelSpec):
    model = Region
    sheet_title = "行政区划"
    natural_key_field = "code"
    select_related = ("parent",)
    instructions = ["区划代码为唯一依据；上级填写已登记区划的代码或名称。"]

    @property
    def fields(self) -> list[ExcelField]:  # type: ignore[override]
        levels = Region.Level.choices
        return [
            ExcelField(Column("code", "区划代码", required=True, width=14), "code"),
            ExcelField(Column("name", "名称", required=True, width=16), "name"),
            ExcelField(
                Column("level", "级别", required=True, width=10, choices=tuple(str(lb) for _c, lb in levels)),
                "level",
                parse=lambda v, c: _level(v),
                export=lambda o: o.get_level_display(),
            ),
            ExcelField(
                Column("parent", "上级", width=14),
                "parent_id",
                parse=region_parser,
                export=lambda o: o.parent.code if o.parent else "",
            ),
        ]


def _level(value: Any) -> int:
    for code, label in Region.Level.choices:
        if str(value).strip() in (str(label), str(code)):
            return int(code)
    raise ValidationError(f"级别“{value}”无效，可选：{'、'.join(str(lb) for _c, lb in Region.Level.choices)}")


class MemberUnitExcel(ExcelSpec):
    model = MemberUnit
    sheet_title = "联席会议成员单位"
    natural_key_field = "name"
    key_is_global = False
    select_related = ("org",)

    @property
    def fields(self) -> list[ExcelField]:  # type: ignore[override]
        return [
            ExcelField(Column("name", "单位名称", required=True, width=26), "name"),
            ExcelField(Column("short_name", "简称", width=12), "short_name"),
            ExcelField(
                Column("org", "所属联席会议（总工会）", required=True, width=22),
                "org_id",
                parse=org_parser,
                export=lambda o: o.org.name,
            ),
            ExcelField(Column("duty", "职责分工", width=30), "duty"),
            ExcelField(Column("contact", "联络员", width=10), "contact"),
            ExcelField(Column("contact_phone", "联系电话", width=14), "contact_phone"),
            ExcelField(Column("sort", "排序", kind="int", width=6), "sort", parse=lambda v, c: v or 0),
        ]

    def natural_key(self, obj: Any) -> str | None:
        return f"{obj.org_id}:{obj.name}" if obj.org_id else None

    def existing_in_scope(self, keys: list[str], ctx: ImportContext) -> dict[str, Any]:
        return {f"{o.org_id}:{o.name}": o for o in MemberUnit.objects.visible_to(ctx.user, "change")}


class DictItemExcel(ExcelSpec):
    model = DictItem
    sheet_title = "字典项"
    key_is_global = False
    natural_key_field = "value"
    select_related = ("dict_type",)

    @property
    def fields(self) -> list[ExcelField]:  # type: ignore[override]
        return [
            ExcelField(
                Column("dict_type", "字典类型", required=True, width=16, help="字典类型的编码或名称"),
                "dict_type_id",
                parse=lookup_parser("dict_types", _dict_types, message="字典类型“{value}”不存在"),
                export=lambda o: o.dict_type.code,
            ),
            ExcelField(Column("value", "编码", required=True, width=16), "value"),
            ExcelField(Column("label", "名称", required=True, width=20), "label"),
            ExcelField(Column("sort", "排序", kind="int", width=6), "sort", parse=lambda v, c: v or 0),
            ExcelField(
                Column("is_active", "启用", kind="bool", width=6),
                "is_active",
                parse=lambda v, c: True if v in (None, "") else bool(v),
            ),
        ]

    def natural_key(self, obj: Any) -> str | None:
        return f"{obj.dict_type_id}:{obj.value}" if obj.dict_type_id else None

    def existing_in_scope(self, keys: list[str], ctx: ImportContext) -> dict[str, Any]:
        return {f"{o.dict_type_id}:{o.value}": o for o in DictItem.objects.all()}


def _dict_types(user: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pk, code, name in DictType.objects.values_list("id", "code", "name"):
        out[code] = pk
        out.setdefault(name, pk)
    return out


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
        from kit.models import perm_name
        from kit.scope import scope_allows

        if old is not None and not scope_allows(user, perm_name(Org, "change"), old):
            return False
        parent = self._parent(obj.import_parent, ctx)
        return parent is None or scope_allows(user, perm_name(Org, "add"), parent)

    def _parent(self, ref: str, ctx: ImportContext) -> Org | None:
        """An existing org the user may see (None when the parent is a row of this file)."""
        pk = ctx.lookup("orgs", lambda: _orgs(ctx.user)).get(ref)
        return Org.objects.filter(pk=pk).first() if pk else None

    def write(self, rows: list[tuple[int, Any, Any]], user: Any, result: Any) -> None:
        from django.db import transaction

        from core import services as core_services
        from kit import audit
        from kit.models import AuditEntry

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
                    core_services.org_create(actor=user, parent=parent, check_perm=False, **fields)
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
                    core_services.org_move(actor=user, org=Org.objects.get(pk=old.pk), new_parent=parent)
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
