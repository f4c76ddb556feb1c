"""The few core forms with fields beyond the model's: an org's parent, a role's permissions, a
user's password. Their model fields come from the entity (`core.entities`); validation lives in the
models and services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.models import Permission
from django.contrib.auth.password_validation import validate_password

from core.models import Org
from core.roletree import PermissionTree
from kit.forms import ScopedModelForm


class OrgForm(ScopedModelForm):
    parent = forms.ModelChoiceField(
        label="上级组织",
        queryset=Org.objects.all(),
        required=False,
        help_text="新建时必填（系统管理员可新建顶级组织）；修改上级即移动整个下级组织树",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["parent"].initial = self.instance.get_parent()
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(  # type: ignore[attr-defined]
                path__startswith=self.instance.path
            )
        self.order_fields(["parent", *self._meta.fields])  # type: ignore[misc]


class RoleForm(ScopedModelForm):
    permissions = forms.ModelMultipleChoiceField(
        label="菜单与操作权限",
        required=False,
        widget=PermissionTree,
        queryset=Permission.objects.select_related("content_type").order_by("content_type__app_label", "codename"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from django.conf import settings

        field = self.fields["permissions"]
        field.queryset = field.queryset.filter(content_type__app_label__in=settings.KIT_DOMAIN_APPS)  # type: ignore[attr-defined]


class UserForm(ScopedModelForm):
    password = forms.CharField(
        label="密码",
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text="新建时必填；修改时留空表示不改。至少 8 位，不能全是数字。",
    )

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
