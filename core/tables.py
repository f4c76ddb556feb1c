"""List columns of the core entities."""

from __future__ import annotations

from kit.tables import Col, Table


class OrgTable(Table):
    columns = [
        Col("名称", "indent_name", sort="path", link=True),
        Col("类型", "kind", sort="kind"),
        Col("组织编码", "code", sort="code"),
        Col("所在区划", "region"),
        Col("联系人", "contact"),
        Col("有效", "is_active"),
    ]
    select_related = ("region",)
    default_sort = "path"


class RegionTable(Table):
    columns = [
        Col("区划代码", "code", sort="code", link=True),
        Col("名称", "name", sort="name", link=True),
        Col("级别", "level", sort="level"),
        Col("上级", "parent"),
    ]
    select_related = ("parent",)
    default_sort = "code"


class EnterpriseTable(Table):
    columns = [
        Col("企业名称", "name", sort="name", link=True),
        Col("统一社会信用代码", "uscc", sort="uscc"),
        Col("行业", "industry"),
        Col("所有制", "ownership", sort="ownership"),
        Col("所在街道", "subdistrict"),
        Col("所属工会", "org"),
        Col("职工人数", "employee_count", sort="employee_count"),
        Col("重点联系", "is_key_contact", sort="is_key_contact"),
    ]
    select_related = ("industry", "subdistrict", "org")


class PersonTable(Table):
    columns = [
        Col("姓名", "name", sort="name", link=True),
        Col("公民身份号码", "id_number", pii=True),
        Col("手机号码", "phone", pii=True),
        Col("性别", "gender", sort="gender"),
        Col("出生日期", "birth_date", sort="birth_date"),
        Col("工作单位", "employer"),
        Col("岗位", "job"),
        Col("技能等级", "skill_level"),
        Col("党员", "is_party_member"),
    ]
    select_related = ("employer", "skill_level")


class HonourTable(Table):
    columns = [
        Col("年度", "year", sort="year"),
        Col("荣誉", "kind"),
        Col("级别", "level", sort="level"),
        Col("授予单位", "issuer"),
        Col("职工", "person", link=True),
    ]
    select_related = ("kind", "person")
    default_sort = "-year"


class MemberUnitTable(Table):
    columns = [
        Col("单位名称", "name", sort="name", link=True),
        Col("简称", "short_name"),
        Col("职责分工", "duty"),
        Col("联络员", "contact"),
        Col("所属联席会议", "org"),
        Col("排序", "sort", sort="sort"),
    ]
    select_related = ("org",)
    default_sort = "sort"


class DictTypeTable(Table):
    columns = [
        Col("编码", "code", sort="code", link=True),
        Col("名称", "name", sort="name", link=True),
        Col("系统内置", "is_system"),
    ]
    default_sort = "code"


class DictItemTable(Table):
    columns = [
        Col("字典类型", "dict_type"),
        Col("编码", "value", sort="value"),
        Col("名称", "label", sort="label", link=True),
        Col("排序", "sort", sort="sort"),
        Col("启用", "is_active"),
    ]
    select_related = ("dict_type",)
    default_sort = "sort"


class UserTable(Table):
    columns = [
        Col("用户名", "username", sort="username", link=True),
        Col("姓名", "name", sort="name"),
        Col("所属组织", "org"),
        Col("成员单位", "member_unit"),
        Col("角色", "roles"),
        Col("启用", "is_active", sort="is_active"),
        Col("最近登录", "last_login", sort="last_login"),
    ]
    select_related = ("org", "member_unit")
    prefetch_related = ("roles",)
    default_sort = "username"


class RoleTable(Table):
    columns = [
        Col("角色名称", "name", sort="name", link=True),
        Col("编码", "code", sort="code"),
        Col("数据范围", "data_scope", sort="data_scope"),
        Col("启用", "is_active"),
        Col("排序", "sort", sort="sort"),
    ]
    default_sort = "sort"


def _model_label(entry: object) -> str:
    from django.apps import apps

    label = getattr(entry, "object_type", "")
    try:
        return str(apps.get_model(label)._meta.verbose_name) if label else ""
    except (LookupError, ValueError):
        return label


class AuditTable(Table):
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
    default_sort = "-id"
