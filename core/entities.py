"""The core entities, one declaration each (`kit.entity`): their pages, filters, Excel and API
derive from these lines. What a field list cannot say — the org tree's parent, a user's password
and roles, a role's permissions — is in `forms.py` and the services these entities call."""

from __future__ import annotations

from typing import Any

import django_filters
from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Length, Substr
from rest_framework import serializers

from core import excel, forms, selectors, services
from core.models import (
    DictItem,
    DictType,
    Enterprise,
    Holiday,
    MemberUnit,
    Org,
    Person,
    PersonHonour,
    PolicyDocument,
    Region,
    Role,
    User,
)
from kit.api.viewsets import ScopedModelViewSet, ScopedSerializer, VersionedSerializer
from kit.audit.models import AuditEntry
from kit.display import model_name
from kit.entity import Entity
from kit.filters import FilterSet, SubtreeFilter
from kit.tables import Col

ENTERPRISE_COLUMNS = ["name", "uscc", "industry", "ownership", "subdistrict", "org", "employee_count", "is_key_contact"]


class CoreEntity(Entity):
    parent_crumbs = [("系统管理", "")]


# --- the org tree -------------------------------------------------------------------------------
class OrgFilterSet(FilterSet):
    kind = django_filters.ChoiceFilter(label="类型", choices=Org.Kind.choices)
    under = SubtreeFilter(label="上级组织（含下级）", queryset=Org.objects.all(), path_lookup="path")

    class Meta:
        model = Org
        fields = ["kind", "is_active"]


class OrgSerializer(VersionedSerializer):
    parent = serializers.PrimaryKeyRelatedField(  # type: ignore[assignment]
        queryset=Org.objects.all(), required=False, allow_null=True, help_text="上级组织；修改即移动整个下级组织树"
    )

    class Meta:
        model = Org
        fields = [
            "id",
            "version",
            "remark",
            "created_at",
            "updated_at",
            "name",
            "short_name",
            "kind",
            "code",
            "region",
            "contact",
            "is_active",
            "parent",
            "path",
            "depth",
        ]
        read_only_fields = ["path", "depth"]

    def to_representation(self, instance: Org) -> dict[str, Any]:
        data = super().to_representation(instance)
        if hasattr(instance, "parent_pk"):
            data["parent"] = instance.parent_pk
        else:
            parent = instance.get_parent() if instance.path else None
            data["parent"] = parent.pk if parent else None
        return data


class OrgViewSet(ScopedModelViewSet):
    def get_queryset(self):  # type: ignore[no-untyped-def]
        """Each org's parent id in the same query (the parent's path is the path minus one step)."""
        parent = Org.objects.filter(path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Org.steplen)).values(
            "pk"
        )[:1]
        return super().get_queryset().annotate(parent_pk=Subquery(parent))


class OrgEntity(CoreEntity):
    model = Org
    fields = ["name", "short_name", "kind", "code", "region", "contact", "is_active", "remark"]
    columns = [Col("名称", "indent_name", sort="path", link=True), "kind", "code", "region", "contact", "is_active"]
    sort = "path"
    form_base = forms.OrgForm
    filterset = OrgFilterSet
    search = ("name__contains",)
    search_placeholder = "组织名称"
    excel_spec = excel.OrgExcel()
    api = "orgs"
    serializer = OrgSerializer
    viewset_base = OrgViewSet

    @classmethod
    def save(cls, obj: Any, *, actor: Any, action: str, extra: dict[str, Any] | None = None, **kw: Any) -> Any:
        """New orgs are added under their parent through treebeard; a changed parent moves the subtree."""
        parent = (extra or {}).get("parent")
        if action == "add":
            fields = {f: getattr(obj, f) for f in cls.fields if f != "region"} | {"region_id": obj.region_id}
            return services.org_create(actor=actor, parent=parent, **fields)
        return services.org_save(actor=actor, org=obj, parent=parent, **kw)


# --- places, enterprises, people ----------------------------------------------------------------
class RegionEntity(CoreEntity):
    model = Region
    fields = ["code", "name", "level", "parent", "remark"]
    columns = [Col("区划代码", "code", sort="code", link=True), "name", "level", "parent"]
    sort = "code"
    filters = ["level"]
    search = ("name__contains", "code__startswith")
    search_placeholder = "名称或区划代码"
    related = [("下级区划", "children", ["code", "name", "level"])]
    excel = True
    excel_key = "code"
    excel_instructions = ["区划代码为唯一依据；上级填写已登记区划的代码或名称。"]
    api = "regions"


class EnterpriseEntity(CoreEntity):
    model = Enterprise
    fields = [
        "name",
        "uscc",
        "industry",
        "ownership",
        "size",
        "subdistrict",
        "address",
        "org",
        "employee_count",
        "is_key_contact",
        "remark",
    ]
    columns = ENTERPRISE_COLUMNS
    filters = ["industry", "subdistrict", "ownership", "is_key_contact"]
    search = staticmethod(selectors.enterprise_search)
    search_placeholder = "企业名称或统一社会信用代码"
    detail = [
        ("基本信息", ["name", "uscc", "industry", "ownership", "size", "employee_count", "is_key_contact"]),
        ("所在地与工会", ["subdistrict", "address", "org", "remark"]),
    ]
    related = [("职工", "people", ["name", "id_number", "phone", "gender", "job"])]
    excel = True
    excel_key = "uscc"
    excel_instructions = [
        "每行一家企业。统一社会信用代码是识别企业的唯一依据：已登记的代码将更新该企业的信息。",
        "所属工会填写工会组织的全称或组织编码；尚未建会的企业填写所在街道/园区工会。",
    ]
    api = "enterprises"


class PersonEntity(CoreEntity):
    model = Person
    fields = [
        "name",
        "id_number",
        "phone",
        "employer",
        "org",
        "job",
        "skill_level",
        "is_party_member",
        "is_union_member",
        "joined_union_on",
        "new_form_category",
        "platform",
        "remark",
    ]
    read_only = ["gender", "birth_date"]
    columns = [
        "name",
        "id_number",
        "phone",
        "gender",
        "birth_date",
        "employer",
        "job",
        "skill_level",
        "is_party_member",
    ]
    filters = ["employer", "gender", "skill_level", "new_form_category", "is_party_member"]
    search = staticmethod(selectors.person_search)
    search_placeholder = "姓名、拼音或首字母、手机尾号4位、完整身份证号"
    detail = [
        ("基本信息", ["name", "id_number", "phone", "gender", "birth_date", "is_party_member", "is_union_member"]),
        (
            "工作",
            ["employer", "org", "job", "skill_level", "joined_union_on", "new_form_category", "platform", "remark"],
        ),
    ]
    related = [("荣誉", "honours", ["year", "kind", "level", "issuer"])]
    detail_template = "core/person_detail.html"  # adds 个人信息查询 (PIPL) for those who may see it all
    excel = True
    excel_key = "id_number"
    excel_instructions = [
        "每行一名职工。公民身份号码为18位，是识别职工的唯一依据：已登记的号码将更新该职工的信息，不会重复新增。",
        "性别和出生日期由公民身份号码自动确定，无需填写。",
        "工作单位填写企业全称或统一社会信用代码；所属工会留空时取工作单位的所属工会。",
        "请把“公民身份号码”“手机号码”两列设为文本格式，避免 Excel 把号码变成科学计数法。",
    ]
    api = "people"
    prefetch_related = ()


class HonourEntity(CoreEntity):
    model = PersonHonour
    fields = ["person", "kind", "level", "year", "issuer", "remark"]
    columns = ["year", "kind", "level", Col("荣誉内容", "remark"), "issuer", Col("职工", "person", link=True)]
    labels = {"remark": "荣誉内容"}  # what was won: 竞赛、项目和奖项 (merit's awards write it here)
    sort = "-year"
    filters = ["kind", "level", "year"]
    search = ("person__name__startswith",)
    search_placeholder = "职工姓名"
    actions = ("list", "detail", "add", "edit", "delete")
    api = "honours"

    @classmethod
    def save(cls, obj: Any, *, actor: Any, action: str, extra: dict[str, Any] | None = None, **kw: Any) -> Any:
        return services.honour_save(actor=actor, honour=obj, action=action, **kw)


class MemberUnitEntity(CoreEntity):
    model = MemberUnit
    fields = ["name", "short_name", "org", "duty", "contact", "contact_phone", "sort", "is_active", "remark"]
    columns = ["name", "short_name", "duty", "contact", "org", "sort"]
    sort = "sort"
    filters = ["is_active"]
    org_filter = None
    search = ("name__contains",)
    search_placeholder = "单位名称"
    excel = True
    excel_key = ("org", "name")
    api = "member-units"


# --- dictionaries -------------------------------------------------------------------------------
class DictTypeEntity(CoreEntity):
    model = DictType
    fields = ["code", "name", "remark"]
    read_only = ["is_system"]
    columns = ["code", "name", "is_system"]
    sort = "code"
    search = ("name__contains", "code__startswith")
    related = [("字典项", "items", ["value", "label", "sort", "is_active"])]
    actions = ("list", "detail", "add", "edit", "delete")
    api = "dict-types"


class DictItemEntity(CoreEntity):
    model = DictItem
    fields = ["dict_type", "value", "label", "sort", "is_active", "remark"]
    columns = ["dict_type", "value", Col("名称", "label", sort="label", link=True), "sort", "is_active"]
    sort = "sort"
    filters = ["dict_type", "is_active"]
    search = ("label__contains",)
    excel = ["dict_type", "value", "label", "sort", "is_active"]
    excel_key = ("dict_type", "value")
    api = "dict-items"


# --- accounts -----------------------------------------------------------------------------------
class HolidayEntity(CoreEntity):
    model = Holiday
    fields = ["day", "kind", "name", "remark"]
    columns = ["day", "kind", "name"]
    sort = "-day"
    filters = ["kind"]
    org_filter = None
    search = ("name__contains",)
    excel = ["day", "kind", "name"]
    excel_key = "day"
    excel_instructions = ["按国务院办公厅每年的节假日安排通知逐日登记：放假的日子和调休上班的周末。"]
    api = "holidays"


class RoleEntity(CoreEntity):
    model = Role
    fields = ["name", "code", "duty", "data_scope", "custom_orgs", "permissions", "sort", "is_active", "remark"]
    columns = ["name", "code", "duty", "data_scope", "is_active", "sort"]
    sort = "sort"
    form_base = forms.RoleForm
    search = ("name__contains",)
    actions = ("list", "detail", "add", "edit", "delete")
    api = "roles"

    @classmethod
    def save(cls, obj: Any, *, actor: Any, action: str, extra: dict[str, Any] | None = None, **kw: Any) -> Any:
        return services.role_save(actor=actor, role=obj, action=action, **kw)


class UserSerializer(ScopedSerializer):
    password = serializers.CharField(write_only=True, required=False, help_text="新建时必填")
    extra_fields = ("password",)

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "name",
            "phone",
            "org",
            "member_unit",
            "roles",
            "is_active",
            "last_login",
            "password",
        ]
        read_only_fields = ["last_login"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is None and not attrs.get("password"):
            raise serializers.ValidationError({"password": "新建用户必须设置密码"})
        return attrs


class UserEntity(CoreEntity):
    model = User
    fields = ["username", "name", "phone", "org", "member_unit", "roles", "is_active"]
    read_only = ["last_login", "date_joined"]
    columns = ["username", "name", "org", "member_unit", "roles", "is_active", "last_login"]
    sort = "username"
    form_base = forms.UserForm
    filters = ["roles", "is_active"]
    search = ("username__startswith", "name__startswith")
    search_placeholder = "用户名或姓名"
    detail = [("账号", ["username", "name", "phone", "org", "member_unit", "person", "roles", *read_only, "is_active"])]
    actions = ("list", "detail", "add", "edit", "delete")
    api = "users"
    serializer = UserSerializer

    @classmethod
    def save(cls, obj: Any, *, actor: Any, action: str, extra: dict[str, Any] | None = None, **kw: Any) -> Any:
        return services.user_save(
            actor=actor, user=obj, action=action, password=(extra or {}).get("password") or "", **kw
        )


# --- documents and the audit log ----------------------------------------------------------------
class PolicyDocumentEntity(CoreEntity):
    model = PolicyDocument
    fields = ["title", "kind", "series", "issuer", "doc_number", "year", "issued_on", "file", "org", "remark"]
    columns = ["title", "kind", "series", "issuer", "doc_number", "year", "issued_on"]
    sort = "-year"
    filters = ["kind", "year", "series"]
    search = ("title__contains",)
    excel = True
    excel_key = ("title", "year")
    api = "policies"
    parent_crumbs = [("一体化推进", "/reform/")]


def _object_types() -> list[tuple[str, str]]:
    """Every model of ours by its Chinese name (a drop-down, not a code to type)."""
    from django.apps import apps

    ours = set(settings.KIT_DOMAIN_APPS)
    return sorted(
        ((m._meta.label_lower, str(m._meta.verbose_name)) for m in apps.get_models() if m._meta.app_label in ours),
        key=lambda c: c[1],
    )


class AuditFilterSet(FilterSet):
    action = django_filters.ChoiceFilter(label="操作", choices=AuditEntry.Action.choices)
    actor_name = django_filters.CharFilter(label="操作人（姓名或用户名）", method="_actor")
    object_type = django_filters.ChoiceFilter(label="对象类型", choices=_object_types)
    object_id = django_filters.CharFilter(label="对象编号")
    request_id = django_filters.CharFilter(label="请求号")
    since = django_filters.DateFilter(label="起始日期", field_name="at", lookup_expr="date__gte")
    until = django_filters.DateFilter(label="截止日期", field_name="at", lookup_expr="date__lte")

    def _actor(self, queryset, name, value):  # type: ignore[no-untyped-def]
        from django.db.models import Q

        return queryset.filter(Q(actor_name__startswith=value) | Q(actor__username=value))

    class Meta:
        model = AuditEntry
        fields = ["action", "actor_name", "object_type", "object_id", "request_id"]


def _model_label(entry: object) -> str:
    return model_name(getattr(entry, "object_type", ""))


class AuditEntity(CoreEntity):
    """The audit log (操作日志): read-only, by the kit's own model."""

    model = AuditEntry
    read_only = [
        "at",
        "actor",
        "actor_name",
        "actor_org_path",
        "ip",
        "request_id",
        "action",
        "object_type",
        "object_id",
        "object_repr",
        "message",
        "changes",
        "hash",
    ]
    columns = [
        Col("时间", "at", sort="at", link=True),
        Col("操作人", "actor_name", render=lambda e: e.actor_name or "系统"),
        Col("操作", "action", sort="action"),
        Col("对象类型", "object_type", sort="object_type", render=_model_label),
        Col("对象", "object_repr"),
        Col("说明", "message"),
        Col("IP", "ip"),
        Col("请求号", "request_id"),
    ]
    filterset = AuditFilterSet
    detail = [("操作", [n for n in read_only if n != "actor"])]
    actions = ("list", "detail")
    url_namespace = "core"
    api = "audit"

    @classmethod
    def title(cls) -> str:
        return "操作日志"
