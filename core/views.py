from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from core import excel, filters, forms, selectors, services, tables
from core.models import (
    DictItem,
    DictType,
    Enterprise,
    MemberUnit,
    Org,
    Person,
    PersonHonour,
    PolicyDocument,
    Region,
    Role,
    User,
)
from kit import audit, declare
from kit.crud import CrudViews, EditView
from kit.models import AuditEntry


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        ctx["failure_limit"] = settings.AXES_FAILURE_LIMIT
        return ctx


class HomeView(LoginRequiredMixin, TemplateView):
    template_name = "core/home.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = "工作台"
        ctx["breadcrumbs"] = [("工作台", None)]
        ctx["stats"] = selectors.home_stats(self.request.user)
        from kit import menu

        # what this user can open, by programme: the home page is a map, not only counts
        ctx["shortcuts"] = [g for g in menu.for_user(self.request.user) if g["key"] not in ("home", "system")]
        return ctx


# --- the core entities' pages: declarations only; kit.crud does the work ----------------------


class OrgEditView(EditView):
    """Org rows live in a tree: new ones are added through treebeard under their parent."""

    def save(self, instance, expected, before):  # type: ignore[no-untyped-def]
        if instance.pk:
            return super().save(instance, expected, before)
        form_parent = self.request.POST.get("parent")
        parent = (
            Org.objects.visible_to(self.request.user, "view").filter(pk=form_parent).first() if form_parent else None
        )
        fields = {
            f: getattr(instance, f)
            for f in ["name", "short_name", "kind", "code", "region", "contact", "is_active", "remark"]
        }
        return services.org_create(actor=self.request.user, parent=parent, **fields)


class OrgViews(CrudViews):
    model = Org
    table = tables.OrgTable
    form = forms.OrgForm
    filterset = filters.OrgFilterSet
    search = staticmethod(lambda qs, q: qs.filter(name__contains=q))  # type: ignore[assignment]
    search_placeholder = "组织名称"
    detail_fieldsets = [
        ("基本信息", ["name", "short_name", "kind", "code", "region", "contact", "is_active", "remark"])
    ]
    detail_related = [
        ("企业", "enterprises", tables.EnterpriseTable),
        ("联席会议成员单位", "member_units", tables.MemberUnitTable),
    ]
    excel = excel.OrgExcel()
    edit_view = OrgEditView

    @classmethod
    def after_save(cls, form, obj, user):  # type: ignore[no-untyped-def]
        """Create under the chosen parent, or move the subtree when the parent changed."""
        parent = form.cleaned_data.get("parent")
        current = obj.get_parent() if obj.path else None
        if obj.path and parent is not None and (current is None or parent.pk != current.pk):
            services.org_move(actor=user, org=obj, new_parent=parent)


class RegionViews(CrudViews):
    model = Region
    table = tables.RegionTable
    form = forms.RegionForm
    filterset = filters.RegionFilterSet
    excel = excel.RegionExcel()
    search = staticmethod(lambda qs, q: qs.filter(name__contains=q) | qs.filter(code__startswith=q))  # type: ignore[assignment]
    search_placeholder = "名称或区划代码"
    detail_fieldsets = [("基本信息", ["code", "name", "level", "parent", "remark"])]
    detail_related = [("下级区划", "children", tables.RegionTable)]


class EnterpriseViews(CrudViews):
    model = Enterprise
    table = tables.EnterpriseTable
    form = forms.EnterpriseForm
    filterset = filters.EnterpriseFilterSet
    excel = excel.EnterpriseExcel()
    search = staticmethod(selectors.enterprise_search)  # type: ignore[assignment]
    search_placeholder = "企业名称或统一社会信用代码"
    detail_fieldsets = [
        ("基本信息", ["name", "uscc", "industry", "ownership", "size", "employee_count", "is_key_contact"]),
        ("所在地与工会", ["subdistrict", "address", "org", "remark"]),
    ]
    detail_related = [("职工", "people", tables.PersonTable)]


class PersonViews(CrudViews):
    model = Person
    table = tables.PersonTable
    form = forms.PersonForm
    filterset = filters.PersonFilterSet
    excel = excel.PersonExcel()
    search = staticmethod(selectors.person_search)  # type: ignore[assignment]
    search_placeholder = "姓名、拼音或首字母、手机尾号4位、完整身份证号"
    pii_fields = ("id_number", "phone")
    detail_fieldsets = [
        ("基本信息", ["name", "id_number", "phone", "gender", "birth_date", "is_party_member", "is_union_member"]),
        ("工作", ["employer", "org", "job", "skill_level", "new_form_category", "remark"]),
    ]
    detail_related = [("荣誉", "honours", tables.HonourTable)]


class HonourViews(CrudViews):
    model = PersonHonour
    table = tables.HonourTable
    form = forms.HonourForm
    search = staticmethod(lambda qs, q: qs.filter(person__name__startswith=q))  # type: ignore[assignment]
    search_placeholder = "职工姓名"
    detail_fieldsets = [("荣誉", ["person", "kind", "level", "year", "issuer", "remark"])]
    actions = ("list", "detail", "add", "edit", "delete")


class MemberUnitViews(CrudViews):
    model = MemberUnit
    table = tables.MemberUnitTable
    form = forms.MemberUnitForm
    filterset = filters.MemberUnitFilterSet
    excel = excel.MemberUnitExcel()
    search = staticmethod(lambda qs, q: qs.filter(name__contains=q))  # type: ignore[assignment]
    search_placeholder = "单位名称"
    detail_fieldsets = [
        ("基本信息", ["name", "short_name", "org", "duty", "contact", "contact_phone", "sort", "is_active", "remark"])
    ]


class DictTypeViews(CrudViews):
    model = DictType
    table = tables.DictTypeTable
    form = forms.DictTypeForm
    search = staticmethod(lambda qs, q: qs.filter(name__contains=q) | qs.filter(code__startswith=q))  # type: ignore[assignment]
    detail_fieldsets = [("字典类型", ["code", "name", "is_system", "remark"])]
    detail_related = [("字典项", "items", tables.DictItemTable)]
    actions = ("list", "detail", "add", "edit", "delete")


class DictItemViews(CrudViews):
    model = DictItem
    table = tables.DictItemTable
    form = forms.DictItemForm
    filterset = filters.DictItemFilterSet
    excel = excel.DictItemExcel()
    search = staticmethod(lambda qs, q: qs.filter(label__contains=q))  # type: ignore[assignment]
    detail_fieldsets = [("字典项", ["dict_type", "value", "label", "sort", "is_active", "remark"])]


class RoleViews(CrudViews):
    model = Role
    table = tables.RoleTable
    form = forms.RoleForm
    search = staticmethod(lambda qs, q: qs.filter(name__contains=q))  # type: ignore[assignment]
    detail_fieldsets = [
        ("角色", ["name", "code", "data_scope", "custom_orgs", "permissions", "is_active", "sort", "remark"])
    ]
    actions = ("list", "detail", "add", "edit", "delete")

    @classmethod
    def after_save(cls, form, obj, user):  # type: ignore[no-untyped-def]
        before = sorted(obj.permissions.values_list("codename", flat=True)) if obj.pk else []
        form.save_m2m()
        after = sorted(obj.permissions.values_list("codename", flat=True))
        if before != after:
            audit.record(AuditEntry.Action.PERMISSION, actor=user, obj=obj, changes={"permissions": [before, after]})


class UserViews(CrudViews):
    model = User
    table = tables.UserTable
    form = forms.UserForm
    filterset = filters.UserFilterSet
    search = staticmethod(lambda qs, q: qs.filter(username__startswith=q) | qs.filter(name__startswith=q))  # type: ignore[assignment]
    search_placeholder = "用户名或姓名"
    detail_fieldsets = [
        (
            "账号",
            ["username", "name", "org", "member_unit", "person", "roles", "is_active", "last_login", "date_joined"],
        )
    ]
    actions = ("list", "detail", "add", "edit", "delete")

    @classmethod
    def after_save(cls, form, obj, user):  # type: ignore[no-untyped-def]
        services.user_set_roles(actor=user, user=obj, roles=list(form.cleaned_data.get("roles") or []))


class PolicyDocumentViews(CrudViews):
    model = PolicyDocument
    table = declare.table(
        PolicyDocument, ["title", "kind", "series", "issuer", "doc_number", "year", "issued_on"], default_sort="-year"
    )
    form = declare.form(
        PolicyDocument,
        ["title", "kind", "series", "issuer", "doc_number", "year", "issued_on", "file", "org", "remark"],
    )
    filterset = declare.filterset(PolicyDocument, ["kind", "year", "series"])
    excel = declare.excel_spec(
        PolicyDocument,
        ["title", "kind", "series", "issuer", "doc_number", "year", "issued_on", "org"],
        natural_key=("title", "year"),
    )
    search = staticmethod(lambda qs, q: qs.filter(title__contains=q))  # type: ignore[assignment]
    detail_fieldsets = [
        ("文件", ["title", "kind", "series", "issuer", "doc_number", "year", "issued_on", "file", "org", "remark"])
    ]
    parent_crumbs = [("一体化推进", "/reform/")]


class AuditViews(CrudViews):
    model = AuditEntry
    table = tables.AuditTable
    filterset = filters.AuditFilterSet
    detail_fieldsets = [
        (
            "操作",
            [
                "at",
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
            ],
        )
    ]
    actions = ("list", "detail")
    url_namespace = "core"

    @classmethod
    def title(cls) -> str:
        return "操作日志"
