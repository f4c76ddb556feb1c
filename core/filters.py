"""List filters of the core entities (they stay in the URL)."""

from __future__ import annotations

import django_filters

from core.models import DictItem, Enterprise, MemberUnit, Org, Person, Region, Role, User
from kit.filters import FilterSet, SubtreeFilter
from kit.models import AuditEntry


def _dict(code: str):  # type: ignore[no-untyped-def]
    return DictItem.objects.filter(dict_type__code=code, is_active=True)


class OrgFilterSet(FilterSet):
    kind = django_filters.ChoiceFilter(label="类型", choices=Org.Kind.choices)
    under = SubtreeFilter(label="上级组织（含下级）", queryset=Org.objects.all(), path_lookup="path")

    class Meta:
        model = Org
        fields = ["kind", "is_active"]


class RegionFilterSet(FilterSet):
    class Meta:
        model = Region
        fields = ["level"]


class EnterpriseFilterSet(FilterSet):
    org = SubtreeFilter(label="所属工会（含下级）", queryset=Org.objects.all())
    industry = django_filters.ModelChoiceFilter(label="行业", queryset=_dict("industry"))
    subdistrict = django_filters.ModelChoiceFilter(label="所在街道", queryset=Region.objects.filter(level=4))
    ownership = django_filters.ChoiceFilter(label="所有制", choices=Enterprise.Ownership.choices)
    is_key_contact = django_filters.BooleanFilter(label="重点联系非公企业")

    class Meta:
        model = Enterprise
        fields = ["org", "industry", "subdistrict", "ownership", "is_key_contact"]


class PersonFilterSet(FilterSet):
    org = SubtreeFilter(label="所属工会（含下级）", queryset=Org.objects.all())
    employer = django_filters.ModelChoiceFilter(label="工作单位", queryset=Enterprise.objects.all())
    gender = django_filters.ChoiceFilter(label="性别", choices=Person.Gender.choices)
    skill_level = django_filters.ModelChoiceFilter(label="技能等级", queryset=_dict("skill_level"))
    new_form_category = django_filters.ModelChoiceFilter(label="新就业形态", queryset=_dict("new_form"))
    is_party_member = django_filters.BooleanFilter(label="中共党员")

    class Meta:
        model = Person
        fields = ["org", "employer", "gender", "skill_level", "new_form_category", "is_party_member"]


class MemberUnitFilterSet(FilterSet):
    class Meta:
        model = MemberUnit
        fields = ["is_active"]


class DictItemFilterSet(FilterSet):
    class Meta:
        model = DictItem
        fields = ["dict_type", "is_active"]


class UserFilterSet(FilterSet):
    org = SubtreeFilter(label="所属组织（含下级）", queryset=Org.objects.all())
    roles = django_filters.ModelChoiceFilter(label="角色", queryset=Role.objects.all())

    class Meta:
        model = User
        fields = ["org", "roles", "is_active"]


def _object_types() -> list[tuple[str, str]]:
    """Every model of ours by its Chinese name (a drop-down, not a code to type)."""
    from django.apps import apps

    ours = {"kit", "core", "reform", "guidance", "skills", "merit", "rights", "legal", "indicators", "bulletins"}
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
