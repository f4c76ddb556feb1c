"""Create/edit forms of the core entities. Validation lives in the models (clean, validators);
the forms only choose fields and widgets."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import Permission
from django.contrib.auth.password_validation import validate_password

from core.models import DictItem, DictType, Enterprise, MemberUnit, Org, Person, PersonHonour, Region, Role, User
from kit.crud import ScopedModelForm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrgForm(ScopedModelForm):
    parent = forms.ModelChoiceField(
        label="上级组织",
        queryset=Org.objects.all(),
        required=False,
        help_text="新建时必填（系统管理员可新建顶级组织）；修改上级即移动整个下级组织树",
    )

    class Meta:
        model = Org
        fields = ["name", "short_name", "kind", "code", "region", "contact", "is_active", "remark"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["parent"].initial = self.instance.get_parent()
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(  # type: ignore[attr-defined]
                path__startswith=self.instance.path
            )
        self.order_fields(["parent", *self.Meta.fields])


class RegionForm(ScopedModelForm):
    class Meta:
        model = Region
        fields = ["code", "name", "level", "parent", "remark"]


class EnterpriseForm(ScopedModelForm):
    class Meta:
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

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["subdistrict"].queryset = Region.objects.filter(level=Region.Level.TOWN)  # type: ignore[attr-defined]


class PersonForm(ScopedModelForm):
    class Meta:
        model = Person
        fields = [
            "name",
            "id_number",
            "phone",
            "gender",
            "birth_date",
            "employer",
            "org",
            "job",
            "skill_level",
            "is_party_member",
            "is_union_member",
            "new_form_category",
            "remark",
        ]
        widgets = {"birth_date": DATE}
        help_texts = {"gender": "填写身份证号后由号码自动确定", "birth_date": "填写身份证号后由号码自动确定"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].required = False
        self.fields["org"].help_text = "留空时取工作单位的所属工会"


class HonourForm(ScopedModelForm):
    class Meta:
        model = PersonHonour
        fields = ["person", "kind", "level", "year", "issuer", "remark"]


class MemberUnitForm(ScopedModelForm):
    class Meta:
        model = MemberUnit
        fields = ["name", "short_name", "org", "duty", "contact", "contact_phone", "sort", "is_active", "remark"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = self.fields["org"].queryset.filter(  # type: ignore[attr-defined]
            kind=Org.Kind.FEDERATION
        )


class DictTypeForm(ScopedModelForm):
    class Meta:
        model = DictType
        fields = ["code", "name", "remark"]


class DictItemForm(ScopedModelForm):
    class Meta:
        model = DictItem
        fields = ["dict_type", "value", "label", "sort", "is_active", "remark"]


class RoleForm(ScopedModelForm):
    permissions = forms.ModelMultipleChoiceField(
        label="权限",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        queryset=Permission.objects.filter(content_type__app_label__in=["core", "kit"]).select_related("content_type"),
    )

    class Meta:
        model = Role
        fields = ["name", "code", "data_scope", "custom_orgs", "permissions", "sort", "is_active", "remark"]


class UserForm(ScopedModelForm):
    password = forms.CharField(
        label="密码",
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text="新建时必填；修改时留空表示不改。至少 8 位，不能全是数字。",
    )

    class Meta:
        model = User
        fields = ["username", "name", "org", "member_unit", "roles", "is_active"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        password = data.get("password")
        if not self.instance.pk and not password:
            self.add_error("password", "新建用户必须设置密码")
        if password:
            try:
                validate_password(password, self.instance)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data

    def save(self, commit: bool = True) -> User:
        user: User = super().save(commit=False)
        if self.cleaned_data.get("password"):
            user.set_password(self.cleaned_data["password"])
        if commit:
            user.save()
            self.save_m2m()
        return user
