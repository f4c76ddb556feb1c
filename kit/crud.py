"""Generic pages for any model, NetBox style: a module declares model, table, filterset, form,
Excel spec and detail layout in one `CrudViews` subclass; the kit supplies list (search,
filters in the URL, sort, pagination, bulk delete), detail (with history), create/edit (field
errors in Chinese, optimistic lock), delete (with what depends on it), recycle bin, Excel
template/import/export. Every query goes through `visible_to(user, action)`; objects outside the
scope answer 404, like objects that don't exist."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from typing import Any, ClassVar
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.views import View

from kit import audit, importer, jobs, services
from kit.models import AuditEntry, Job, perm_name
from kit.tables import Col, Table, format_value

PER_PAGE_CHOICES = (20, 50, 100)
COUNT_CAP = 10000


class ScopedModelForm(forms.ModelForm):
    """ModelForm whose foreign-key choices are limited to what the user may see."""

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        for field in self.fields.values():
            qs = getattr(field, "queryset", None)
            if qs is not None and hasattr(qs, "visible_to") and user is not None:
                field.queryset = qs.visible_to(user, "view")  # type: ignore[attr-defined]
            if isinstance(field, forms.ModelChoiceField) and field.empty_label is not None:
                field.empty_label = "请选择"
            elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
                field.choices = [("", "请选择") if value == "" else (value, label) for value, label in field.choices]  # type: ignore[misc,union-attr]


def _querystring(params: dict[str, Any], **changes: Any) -> str:
    merged = {k: v for k, v in params.items() if v not in (None, "")}
    for k, v in changes.items():
        if v in (None, ""):
            merged.pop(k, None)
        else:
            merged[k] = v
    return "?" + urlencode(merged, doseq=True) if merged else "?"


class CrudViews:
    """Declare one subclass per model in the app's views.py and add `Subclass.urls()` to urls.py."""

    model: ClassVar[type[models.Model]]
    table: ClassVar[type[Table]]
    form: ClassVar[type[forms.ModelForm] | None] = None
    filterset: ClassVar[Any] = None
    excel: ClassVar[importer.ExcelSpec | None] = None
    search: ClassVar[Callable[[models.QuerySet, str], models.QuerySet] | None] = None
    search_placeholder: ClassVar[str] = "搜索"
    # field names, or (label, attribute) for a derived value
    detail_fieldsets: ClassVar[list[tuple[str, list[Any]]]] = []
    detail_related: ClassVar[list[tuple[str, str, type[Table]]]] = []  # (title, related name, table)
    pii_fields: ClassVar[tuple[str, ...]] = ()
    actions: ClassVar[tuple[str, ...]] = ("list", "detail", "add", "edit", "delete", "import", "export")
    empty_hint: ClassVar[str] = "可以点击“新增”逐条登记，或下载模板后批量导入。"
    parent_crumbs: ClassVar[list[tuple[str, str]]] = [("系统管理", "")]

    url_namespace: ClassVar[str | None] = None  # defaults to the model's app label
    detail_template: ClassVar[str] = "kit/object_detail.html"  # extend it and fill {% block extra %}
    edit_view: ClassVar[type[View] | None] = None  # a custom create/edit view (defaults to EditView)

    registry: ClassVar[list[type[CrudViews]]] = []

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if getattr(cls, "model", None) is not None:
            CrudViews.registry.append(cls)
            if cls.excel is not None:
                importer.register_spec(cls.excel)

    # --- naming -------------------------------------------------------------------------------
    @classmethod
    def name(cls, action: str) -> str:
        return f"{cls.model._meta.model_name}_{action}"

    @classmethod
    def url_name(cls, action: str) -> str:
        return f"{cls.url_namespace or cls.model._meta.app_label}:{cls.name(action)}"

    @classmethod
    def url_for(cls, action: str, obj: Any = None) -> str:
        if action not in cls.actions and action not in ("bulk_delete", "template", "restore", "reveal", "transition"):
            return ""
        try:
            return reverse(cls.url_name(action), args=[obj.pk] if obj is not None else [])
        except Exception:  # noqa: BLE001
            return ""

    @classmethod
    def title(cls) -> str:
        return str(cls.model._meta.verbose_name_plural)

    @classmethod
    def soft_delete(cls) -> bool:
        return hasattr(cls.model, "deleted_at")

    @classmethod
    def urls(cls) -> list[Any]:
        m = cls.model._meta.model_name
        views: list[tuple[str, str, type[View]]] = [("list", f"{m}/", ListView)]
        edit_view = cls.edit_view or EditView
        if "add" in cls.actions:
            views.append(("add", f"{m}/add/", edit_view))
        if "import" in cls.actions and cls.excel:
            views += [("import", f"{m}/import/", ImportView), ("template", f"{m}/template/", TemplateView)]
        if "export" in cls.actions and cls.excel:
            views.append(("export", f"{m}/export/", ExportView))
        if "delete" in cls.actions:
            views.append(("bulk_delete", f"{m}/bulk-delete/", BulkDeleteView))
        if "detail" in cls.actions:
            views += [("detail", f"{m}/<int:pk>/", DetailView), ("reveal", f"{m}/<int:pk>/reveal/", RevealView)]
        if "edit" in cls.actions:
            views.append(("edit", f"{m}/<int:pk>/edit/", edit_view))
        if "delete" in cls.actions:
            views.append(("delete", f"{m}/<int:pk>/delete/", DeleteView))
        if cls.soft_delete():
            views.append(("restore", f"{m}/<int:pk>/restore/", RestoreView))
        if getattr(cls.model, "transitions", None):
            views.append(("transition", f"{m}/<int:pk>/transition/<str:name>/", TransitionView))
        return [path(route, view.as_view(crud=cls), name=cls.name(action)) for action, route, view in views]

    # --- permissions and objects --------------------------------------------------------------
    @classmethod
    def can(cls, user: Any, action: str) -> bool:
        return bool(user.is_authenticated and user.has_perm(perm_name(cls.model, action)))

    @classmethod
    def queryset(cls, user: Any, action: str = "view") -> models.QuerySet:
        return cls.model._default_manager.visible_to(user, action)  # type: ignore[attr-defined,no-any-return]

    @classmethod
    def get_object(cls, user: Any, pk: Any, action: str = "view") -> Any:
        try:
            return cls.table().optimise(cls.queryset(user, action)).get(pk=pk)
        except (cls.model.DoesNotExist, ValueError, TypeError):  # type: ignore[attr-defined]
            raise Http404("不存在或不在您的数据范围内") from None

    @classmethod
    def reveal_allowed(cls, user: Any) -> bool:
        return bool(cls.pii_fields) and user.has_perm(
            f"{cls.model._meta.app_label}.view_pii_{cls.model._meta.model_name}"
        )

    @classmethod
    def after_save(cls, form: forms.ModelForm, obj: Any, user: Any) -> None:
        """After the object is saved (same transaction): many-to-many fields by default."""
        if hasattr(form, "save_m2m"):
            form.save_m2m()

    @classmethod
    def crumbs(cls, *extra: tuple[str, str | None]) -> list[tuple[str, str | None]]:
        base: list[tuple[str, str | None]] = [(label, url or None) for label, url in cls.parent_crumbs]
        return [*base, (cls.title(), cls.url_for("list")), *extra]


class CrudView(LoginRequiredMixin, View):
    crud: type[CrudViews] = CrudViews
    action = "view"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not self.crud.can(request.user, self.action):
            raise PermissionDenied("您没有执行此操作的权限")
        return super().dispatch(request, *args, **kwargs)

    def render(self, template: str, ctx: dict[str, Any], status: int = 200) -> HttpResponse:
        ctx.setdefault("crud", self.crud)
        ctx.setdefault("verbose_name", self.crud.model._meta.verbose_name)
        ctx.setdefault("urls", self.urls())
        return render(self.request, template, ctx, status=status)

    def urls(self) -> dict[str, str]:
        user = self.request.user
        out = {}
        for action in ("list", "add", "import", "export", "template", "bulk_delete"):
            perm_action = {"list": "view", "template": "import", "bulk_delete": "delete"}.get(action, action)
            if self.crud.can(user, perm_action):
                out[action] = self.crud.url_for(action)
        return out


# --- list ---------------------------------------------------------------------------------------
class ListView(CrudView):
    action = "view"

    def filtered(self) -> tuple[models.QuerySet, Any, str]:
        request = self.request
        qs = self.crud.queryset(request.user, "view")
        fs = None
        if self.crud.filterset is not None:
            fs = self.crud.filterset(request.GET or None, queryset=qs, request=request)
            if fs.is_bound:
                # an invalid filter value (e.g. an org outside the user's scope) matches nothing: never
                # silently drop a condition, or a list and its export would claim to be filtered
                qs = fs.qs if fs.is_valid() else qs.none()
        q = request.GET.get("q", "").strip()[:100]
        if q and self.crud.search is not None:
            qs = self.crud.search(qs, q)
        return qs, fs, q

    def get(self, request: HttpRequest) -> HttpResponseBase:
        table = self.crud.table()
        qs, fs, q = self.filtered()
        qs, sort = table.apply_sort(qs, request.GET.get("sort"))
        try:
            per_page = int(request.GET.get("per_page", 20))
        except ValueError:
            per_page = 20
        per_page = per_page if per_page in PER_PAGE_CHOICES else 20
        try:
            page = max(1, int(request.GET.get("page", 1)))
        except ValueError:
            page = 1
        # bounded count: exact up to COUNT_CAP, "10000+" beyond — never a full scan of a huge table
        total = qs.order_by()[: COUNT_CAP + 1].count()
        capped = total > COUNT_CAP
        last_page = max(1, -(-min(total, COUNT_CAP) // per_page))
        page = min(page, last_page) if not capped else page
        offset = (page - 1) * per_page
        rows = list(table.optimise(qs)[offset : offset + per_page + 1])
        has_next = len(rows) > per_page
        rows = rows[:per_page]
        params = request.GET.dict()
        reveal = False
        columns = table.columns
        ctx = {
            "title": self.crud.title(),
            "breadcrumbs": [*self.crud.crumbs()[:-1], (self.crud.title(), None)],
            "columns": [
                {
                    "label": c.label,
                    "sort": c.sort,
                    "sort_url": _querystring(params, sort=("-" + c.sort if sort == c.sort else c.sort), page=None)
                    if c.sort
                    else "",
                    "sorted": sort.lstrip("-") == c.sort if c.sort else False,
                    "desc": sort.startswith("-"),
                }
                for c in columns
            ],
            "rows": [
                {
                    "obj": obj,
                    "url": self.crud.url_for("detail", obj),
                    "cells": [{"value": c.value(obj, reveal=reveal), "link": c.link} for c in columns],
                }
                for obj in rows
            ],
            "filterset": fs,
            "q": q,
            "search_enabled": self.crud.search is not None,
            "search_placeholder": self.crud.search_placeholder,
            "total": min(total, COUNT_CAP),
            "capped": capped,
            "page": page,
            "per_page": per_page,
            "per_page_choices": PER_PAGE_CHOICES,
            "has_prev": page > 1,
            "has_next": has_next,
            "prev_url": _querystring(params, page=page - 1),
            "next_url": _querystring(params, page=page + 1),
            "first_url": _querystring(params, page=None),
            "last_url": _querystring(params, page=last_page),
            "last_page": last_page if not capped else None,
            "export_query": _querystring(params, page=None, per_page=None, sort=sort),
            "filtered": bool(q) or any(k not in ("page", "per_page", "sort") for k in params),
            "can_delete": self.crud.can(request.user, "delete") and "delete" in self.crud.actions,
        }
        template = (
            "kit/_list_results.html"
            if getattr(request, "htmx", False) and request.htmx.target == "list-results"  # type: ignore[attr-defined]
            else "kit/object_list.html"
        )
        return self.render(template, ctx)


# --- detail -------------------------------------------------------------------------------------
def _field_rows(obj: Any, names: list[Any], pii: tuple[str, ...], reveal: bool) -> list[tuple[str, str, bool]]:
    from kit.pii import mask_value
    from kit.tables import resolve

    rows = []
    for name in names:
        if isinstance(name, tuple):  # (label, attribute): a derived value such as a computed status
            label, attr = name
            value = getattr(obj, attr)
            rows.append((label, format_value(value() if callable(value) else value), False))
            continue
        field = obj._meta.get_field(name.split("__")[0])
        label = str(getattr(field, "verbose_name", name))
        value = resolve(obj, name)
        if name in pii:
            shown = str(value or "") if reveal else (mask_value(name, value) or "")
            rows.append((label, shown, True))
        else:
            if isinstance(value, models.Manager):
                value = "、".join(str(v) for v in value.all())
            rows.append((label, format_value(value), False))
    return rows


class DetailView(CrudView):
    action = "view"

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        obj = self.crud.get_object(request.user, pk)
        return self.render(self.crud.detail_template, self.context(obj, reveal=False))

    def context(self, obj: Any, *, reveal: bool) -> dict[str, Any]:
        user = self.request.user
        fieldsets = [
            (title, _field_rows(obj, names, self.crud.pii_fields, reveal))
            for title, names in self.crud.detail_fieldsets
        ]
        related = []
        for title, rel_name, table_cls in self.crud.detail_related:
            rel_table = table_cls()
            manager = getattr(obj, rel_name)
            qs = manager.all()
            if hasattr(qs, "visible_to"):
                qs = qs.visible_to(user, "view")
            items = list(rel_table.optimise(qs)[:50])
            rel_crud = next((c for c in CrudViews.registry if c.model is manager.model), None)
            add_url = ""
            if rel_crud is not None and "add" in rel_crud.actions and rel_crud.can(user, "add"):
                add_url = f"{rel_crud.url_for('add')}?{manager.field.name}={obj.pk}"
            related.append(
                {
                    "title": title,
                    "columns": [c.label for c in rel_table.columns],
                    "add_url": add_url,
                    "rows": [
                        {
                            "url": rel_crud.url_for("detail", i) if rel_crud else "",
                            "cells": [c.value(i) for c in rel_table.columns],
                        }
                        for i in items
                    ],
                }
            )
        history = list(
            AuditEntry.objects.filter(object_type=audit.label_of(obj), object_id=str(obj.pk)).order_by("-id")[:30]
        )
        for entry in history:
            entry.readable = audit.humanize(type(obj), entry.changes)  # type: ignore[attr-defined]
        return {
            "title": str(obj),
            "obj": obj,
            "fieldsets": fieldsets,
            "related": related,
            "history": history,
            "breadcrumbs": self.crud.crumbs((str(obj), None)),
            "revealed": reveal,
            "can_reveal": self.crud.reveal_allowed(user) and not reveal,
            "edit_url": self.crud.url_for("edit", obj) if self.crud.can(user, "change") and _editable(obj) else "",
            "delete_url": self.crud.url_for("delete", obj) if self.crud.can(user, "delete") else "",
            "reveal_url": self.crud.url_for("reveal", obj),
            "transitions": [
                {
                    "name": name,
                    "label": t.label,
                    "style": t.style,
                    "comment_required": t.comment_required,
                    "url": reverse(self.crud.url_name("transition"), args=[obj.pk, name]),
                }
                for name, t in (obj.available_transitions(user) if hasattr(obj, "available_transitions") else [])
            ],
            "transition_log": _transition_log(obj),
        }


def _editable(obj: Any) -> bool:
    statuses = getattr(type(obj), "editable_statuses", None)
    return statuses is None or getattr(obj, "status", None) in statuses


def _transition_log(obj: Any) -> list[AuditEntry]:
    if not hasattr(obj, "transitions"):
        return []
    from kit.workflow import history

    return list(history(obj))


class TransitionView(CrudView):
    """POST: take a named workflow transition (the permission is the transition's own)."""

    action = "view"

    def post(self, request: HttpRequest, pk: int, name: str) -> HttpResponseBase:
        from kit.workflow import transition

        obj = self.crud.get_object(request.user, pk, "view")
        try:
            done = transition(obj, name, actor=request.user, comment=request.POST.get("comment", ""))
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            label = type(obj).transitions[name].label
            messages.success(request, f"已{label}，当前状态：{done.get_status_display()}")
        return HttpResponseRedirect(self.crud.url_for("detail", obj))


class RevealView(DetailView):
    """Shows personal data in full to a user holding view_pii, and records that it did."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        if not self.crud.reveal_allowed(request.user):
            raise PermissionDenied("您没有查看完整敏感信息的权限")
        obj = self.crud.get_object(request.user, pk)
        audit.record(
            AuditEntry.Action.VIEW_PII,
            actor=request.user,
            obj=obj,
            message="查看完整信息："
            + "、".join(str(obj._meta.get_field(f).verbose_name) for f in self.crud.pii_fields),
        )
        return self.render(self.crud.detail_template, self.context(obj, reveal=True))


# --- create / edit ------------------------------------------------------------------------------
class EditView(CrudView):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.action = "change" if "pk" in kwargs else "add"
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, obj: Any, data: Any = None, files: Any = None) -> forms.ModelForm:
        assert self.crud.form is not None
        return self.crud.form(data, files, instance=obj, user=self.request.user)  # type: ignore[call-arg]

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponseBase:
        obj = self.crud.get_object(request.user, pk, "change") if pk else self.crud.model()
        form = self.get_form(obj)
        if not pk:  # "新增" from a parent's page pre-fills the link (?person=12)
            form.initial.update({k: v for k, v in request.GET.items() if k in form.fields})
        return self.page(obj, form)

    def page(self, obj: Any, form: forms.ModelForm, status: int = 200) -> HttpResponseBase:
        adding = obj.pk is None
        label = f"新增{self.crud.model._meta.verbose_name}" if adding else f"编辑：{obj}"
        return self.render(
            "kit/object_edit.html",
            {
                "title": label,
                "form": form,
                "obj": obj,
                "adding": adding,
                "breadcrumbs": self.crud.crumbs((label, None)),
                "cancel_url": self.crud.url_for("list") if adding else self.crud.url_for("detail", obj),
                "version": getattr(obj, "version", None),
            },
            status=status,
        )

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponseBase:
        obj = self.crud.get_object(request.user, pk, "change") if pk else self.crud.model()
        before = services.snapshot(obj) if pk else None
        form = self.get_form(obj, request.POST, request.FILES)
        if form.is_valid():
            instance = form.save(commit=False)
            try:
                expected = int(request.POST.get("_version", "")) if pk else None
            except ValueError:
                expected = -1
            try:
                with transaction.atomic():
                    saved = self.save(instance, expected, before)
                    self.crud.after_save(form, saved, request.user)
            except ValidationError as exc:
                _errors_to_form(form, exc)
            except (services.StaleVersion, services.OutOfScope) as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"已保存：{saved}")
                return HttpResponseRedirect(self.crud.url_for("detail", saved) or self.crud.url_for("list"))
        return self.page(obj, form, status=422 if getattr(request, "htmx", False) else 200)

    def save(self, instance: Any, expected: int | None, before: dict[str, Any] | None) -> Any:
        return services.save_object(
            instance, actor=self.request.user, action=self.action, expected_version=expected, before=before
        )


def _errors_to_form(form: forms.BaseForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


# --- delete -------------------------------------------------------------------------------------
class DeleteView(CrudView):
    action = "delete"

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        obj = self.crud.get_object(request.user, pk, "delete")
        return self.render(
            "kit/object_delete.html",
            {
                "title": f"删除：{obj}",
                "obj": obj,
                "dependents": services.dependents_summary(obj),
                "blocked": services.blockers_summary(obj),
                "soft": self.crud.soft_delete(),
                "breadcrumbs": self.crud.crumbs((str(obj), None), ("删除", None)),
                "cancel_url": self.crud.url_for("detail", obj),
            },
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        obj = self.crud.get_object(request.user, pk, "delete")
        try:
            services.delete_object(obj, actor=request.user)
        except services.InUse as exc:
            messages.error(request, str(exc))
            return HttpResponseRedirect(self.crud.url_for("detail", obj))
        messages.success(request, f"已删除：{obj}" + ("（可在回收站恢复）" if self.crud.soft_delete() else ""))
        return HttpResponseRedirect(self.crud.url_for("list"))


class BulkDeleteView(CrudView):
    action = "delete"

    def post(self, request: HttpRequest) -> HttpResponseBase:
        pks = [p for p in request.POST.getlist("pk") if p.isdigit()][:500]
        objs = list(self.crud.queryset(request.user, "delete").filter(pk__in=pks))
        if request.POST.get("confirm") != "1":
            return self.render(
                "kit/bulk_delete.html",
                {
                    "title": f"批量删除{self.crud.model._meta.verbose_name}",
                    "objs": objs,
                    "breadcrumbs": self.crud.crumbs(("批量删除", None)),
                    "soft": self.crud.soft_delete(),
                    "cancel_url": self.crud.url_for("list"),
                },
            )
        deleted, refused = 0, []
        for obj in objs:
            try:
                services.delete_object(obj, actor=request.user)
                deleted += 1
            except services.InUse as exc:
                refused.append(f"{obj}：{exc}")
        if deleted:
            messages.success(request, f"已删除 {deleted} 条")
        for message in refused[:10]:
            messages.error(request, message)
        return HttpResponseRedirect(self.crud.url_for("list"))


class RestoreView(CrudView):
    action = "change"

    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        manager = self.crud.model.all_objects  # type: ignore[attr-defined]
        obj = manager.visible_to(request.user, "change").filter(pk=pk, deleted_at__isnull=False).first()
        if obj is None:
            raise Http404("不存在或不在您的数据范围内")
        try:
            services.restore_object(obj, actor=request.user)
        except ValidationError as exc:
            messages.error(request, "不能恢复：" + "；".join(exc.messages))
        else:
            messages.success(request, f"已恢复：{obj}")
        return HttpResponseRedirect(reverse("core:recycle_bin"))


# --- Excel --------------------------------------------------------------------------------------
class TemplateView(CrudView):
    action = "import"

    def get(self, request: HttpRequest) -> HttpResponseBase:
        assert self.crud.excel is not None
        data = self.crud.excel.template()
        response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        _attachment(response, f"{self.crud.model._meta.verbose_name}导入模板.xlsx")
        return response


class ImportView(CrudView):
    action = "import"
    max_bytes = 50 * 1024 * 1024

    def get(self, request: HttpRequest) -> HttpResponseBase:
        return self.page()

    def page(self, error: str = "", status: int = 200) -> HttpResponseBase:
        recent = Job.objects.filter(  # type: ignore[misc]
            owner=self.request.user, kind="import", params__model=self.crud.model._meta.label_lower
        )[:5]
        return self.render(
            "kit/object_import.html",
            {
                "title": f"导入{self.crud.model._meta.verbose_name}",
                "error": error,
                "recent": recent,
                "breadcrumbs": self.crud.crumbs(("导入", None)),
                "max_mb": self.max_bytes // 1024 // 1024,
                "columns": self.crud.excel.import_columns if self.crud.excel else [],
            },
            status=status,
        )

    def post(self, request: HttpRequest) -> HttpResponseBase:
        upload = request.FILES.get("file")
        if upload is None:
            return self.page("请选择要导入的 Excel 文件（.xlsx）", status=400)
        if not upload.size:
            return self.page("文件是空的，不是有效的 Excel 工作簿（.xlsx）", status=400)
        if (upload.size or 0) > self.max_bytes:
            return self.page(f"文件过大：上限 {self.max_bytes // 1024 // 1024} MB", status=400)
        job = jobs.start(
            kind="import",
            title=f"导入{self.crud.model._meta.verbose_name}：{upload.name}"[:200],
            owner=request.user,
            params={"model": self.crud.model._meta.label_lower},
            upload=upload,
        )
        return HttpResponseRedirect(reverse("job_detail", args=[job.pk]))


class ExportView(ListView):
    action = "export"

    def get(self, request: HttpRequest) -> HttpResponseBase:  # type: ignore[override]
        assert self.crud.excel is not None
        qs, _fs, _q = self.filtered()
        qs, _sort = self.crud.table().apply_sort(qs, request.GET.get("sort"))
        reveal = self.crud.reveal_allowed(request.user)
        handle = tempfile.TemporaryFile()  # noqa: SIM115 — FileResponse closes it after streaming
        filters = "&".join(f"{k}={v}" for k, v in request.GET.items() if v)
        self.crud.excel.export(qs, user=request.user, target=handle, reveal_pii=reveal, filters=filters)
        handle.seek(0)
        response = FileResponse(
            handle, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        _attachment(response, f"{self.crud.model._meta.verbose_name}.xlsx")
        return response


def _attachment(response: HttpResponseBase, filename: str) -> None:
    from urllib.parse import quote

    response["Content-Disposition"] = f"attachment; filename=\"export.xlsx\"; filename*=UTF-8''{quote(filename)}"


# --- jobs ---------------------------------------------------------------------------------------
class JobView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        job = Job.objects.filter(pk=pk, owner=request.user).first()  # type: ignore[misc]
        if job is None:
            raise Http404("任务不存在")
        ctx = {"job": job, "title": job.title, "breadcrumbs": [("后台任务", None), (job.title, None)]}
        if getattr(request, "htmx", False):
            response = render(request, "kit/_job_status.html", ctx)
            if job.finished:
                response.status_code = 286  # htmx: stop polling
            return response
        return render(request, "kit/job_detail.html", ctx)


class JobDownloadView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        job = Job.objects.filter(pk=pk, owner=request.user).first()  # type: ignore[misc]
        if job is None or not job.output_file:
            raise Http404("文件不存在")
        response = FileResponse(
            job.output_file.open("rb"), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        _attachment(response, (job.output_file.name or "result.xlsx").rsplit("/", 1)[-1])
        return response


# --- recycle bin --------------------------------------------------------------------------------
class RecycleBinView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponseBase:
        sections = []
        for crud in CrudViews.registry:
            if not crud.soft_delete() or not crud.can(request.user, "change"):
                continue
            qs = (
                crud.model.all_objects.visible_to(request.user, "change")  # type: ignore[attr-defined]
                .filter(  # type: ignore[attr-defined]
                    deleted_at__isnull=False
                )
                .order_by("-deleted_at")[:100]
            )
            items = [{"obj": o, "restore_url": crud.url_for("restore", o)} for o in qs]
            sections.append({"title": crud.title(), "items": items})
        return render(
            request,
            "kit/recycle_bin.html",
            {
                "title": "回收站",
                "sections": sections,
                "breadcrumbs": [("系统管理", None), ("回收站", None)],
            },
        )


__all__ = ["Col", "CrudViews", "JobDownloadView", "JobView", "RecycleBinView", "ScopedModelForm", "Table"]
