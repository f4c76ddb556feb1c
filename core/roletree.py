"""A role's rights as the people who grant them think of them (RuoYi's 角色管理): by menu — focus →
page → 查看 / 新增 / 编辑 / 删除 / 导入 / 导出 / 审核 … in Chinese — and every permission a page
needs (the records a page works with but has no menu entry of its own come under their app's
其他). The widget renders the tree for `RoleForm.permissions`; the field stays a plain multiple
choice of Permission rows, so saving a role unchanged posts exactly the rights it had."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

ACTIONS = {
    "view": "查看",
    "add": "新增",
    "change": "编辑",
    "delete": "删除",
    "import": "导入",
    "export": "导出",
    "review": "审核",
    "publish": "发布",
    "supervise": "督办",
    "view_pii": "查看完整个人信息",
}
ORDER = list(ACTIONS)


@dataclass
class Page:
    label: str
    perms: list[tuple[int, str]] = field(default_factory=list)  # (permission id, 查看 …)


@dataclass
class Group:
    label: str
    pages: list[Page] = field(default_factory=list)

    @property
    def ids(self) -> list[int]:
        return [pk for page in self.pages for pk, _ in page.perms]


def _action(codename: str, model_name: str) -> str:
    return codename[: -len(model_name) - 1] if codename.endswith(f"_{model_name}") else codename


def _label(action: str, perm: Permission) -> str:
    return ACTIONS.get(action) or perm.name.replace("Can ", "")


def tree(permissions: Any = None) -> list[Group]:
    """The permissions offered (default: every permission of the domain apps) arranged by menu."""
    from kit import menu

    offered = permissions if permissions is not None else Permission.objects.all()
    offered = offered.filter(content_type__app_label__in=settings.KIT_DOMAIN_APPS).select_related("content_type")
    by_model: dict[tuple[str, str], list[Permission]] = {}
    for perm in offered:
        by_model.setdefault((perm.content_type.app_label, perm.content_type.model), []).append(perm)

    def page(label: str, key: tuple[str, str]) -> Page:
        perms = by_model.pop(key, [])
        ordered = sorted(
            perms, key=lambda p: (ORDER.index(a) if (a := _action(p.codename, key[1])) in ORDER else 99, p.codename)
        )
        return Page(label, [(p.pk, _label(_action(p.codename, key[1]), p)) for p in ordered])

    groups: dict[str, Group] = {}
    for group_label, item in menu.all_entries():
        if not item.perm or "." not in item.perm:
            continue
        app_label, codename = item.perm.split(".", 1)
        model_name = codename.split("_", 1)[1] if "_" in codename else codename
        if (app_label, model_name) not in by_model:
            continue
        entry = page(item.label, (app_label, model_name))
        if entry.perms:
            groups.setdefault(group_label, Group(group_label)).pages.append(entry)
    # what a page works with beyond its own records (a project's milestones, a sheet's criteria):
    # under 其他 of its app, named by the record
    for app_label, model_name in sorted(by_model):
        try:
            model = apps.get_model(app_label, model_name)
            label, app_name = str(model._meta.verbose_name), str(apps.get_app_config(app_label).verbose_name)
        except LookupError:
            continue
        entry = page(label, (app_label, model_name))
        if entry.perms:
            groups.setdefault(f"其他：{app_name}", Group(f"其他：{app_name}")).pages.append(entry)
    return list(groups.values())


class PermissionTree(forms.SelectMultiple):
    """The permissions as a collapsible tree of checkboxes by menu, each level with 全选 (posted
    like a multiple select: one `permissions` value per ticked box)."""

    full_width = True  # the form gives it a whole row

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        chosen = {int(v) for v in (value or []) if str(v).isdigit()}
        queryset = getattr(self.choices, "queryset", None)
        groups = tree(queryset)
        return mark_safe(  # a template rendered with autoescaping
            render_to_string(
                "core/_permission_tree.html",
                {
                    "name": name,
                    "groups": [
                        {
                            "label": g.label,
                            "index": i,
                            "count": sum(1 for pk in g.ids if pk in chosen),
                            "total": len(g.ids),
                            "pages": [
                                {"label": p.label, "perms": [(pk, label, pk in chosen) for pk, label in p.perms]}
                                for p in g.pages
                            ],
                        }
                        for i, g in enumerate(groups)
                    ],
                },
            )
        )
