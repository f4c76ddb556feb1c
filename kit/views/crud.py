"""Generic pages for any entity, NetBox style: an app declares each entity once (`kit.entity`);
the kit supplies list (search, filters in the URL, sort, pagination, bulk delete), detail (with
history and workflow transitions), create/edit (field errors in Chinese, optimistic lock), delete
(with what depends on it), restore, reveal (personal data in full, audited). Every query goes
through `visible_to(user, action)`; objects outside the scope answer 404, like objects that don't
exist. Every write goes through the entity's services (`Entity.save` / `delete` / `restore`)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from kit import audit, services
from kit.audit.history import humanize_entries
from kit.audit.models import AuditEntry
from kit.db import perm_name
from kit.display import format_value, resolve
from kit.entity import Entity, entity_for
from kit.pii import mask_value
from kit.workflow import history, transition

PER_PAGE_CHOICES = (20, 50, 100)
COUNT_CAP = 10000
EXTRA_ROUTES = ("bulk_delete", "template", "restore", "reveal", "transition")


def _querystring(params: dict[str, Any], **changes: Any) -> str:
    merged = {k: v for k, v in params.items() if v not in (None, "")}
    for k, v in changes.items():
        if v in (None, ""):
            merged.pop(k, None)
        else:
            merged[k] = v
    return "?" + urlencode(merged, doseq=True) if merged else "?"


# --- naming, objects, routes ---------------------------------------------------------------------
def route_name(entity: type[Entity], action: str) -> str:
    return f"{entity.model._meta.model_name}_{action}"


def url_name(entity: type[Entity], action: str) -> str:
    return f"{entity.url_namespace or entity.model._meta.app_label}:{route_name(entity, action)}"


def url_for(entity: type[Entity], action: str, obj: Any = None) -> str:
    if action not in entity.actions and action not in EXTRA_ROUTES:
        return ""
    try:
        return reverse(url_name(entity, action), args=[obj.pk] if obj is not None else [])
    except Exception:  # noqa: BLE001
        return ""


def get_object(entity: type[Entity], user: Any, pk: Any, action: str = "view") -> Any:
    try:
        return entity.table().optimise(entity.queryset(user, action)).get(pk=pk)
    except (entity.model.DoesNotExist, ValueError, TypeError):  # type: ignore[attr-defined]
        raise Http404("不存在或不在您的数据范围内") from None


def crumbs(entity: type[Entity], *extra: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    base: list[tuple[str, str | None]] = [(label, url or None) for label, url in entity.parent_crumbs]
    return [*base, (entity.title(), url_for(entity, "list")), *extra]


class EntityView(LoginRequiredMixin, View):
    entity: type[Entity] = Entity
    action = "view"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not self.entity.can(request.user, self.action):
            if self.entity.confidential and "pk" in kwargs and not self.entity.can(request.user, "view"):
                raise Http404("不存在或不在您的数据范围内")  # not even told that the record exists
            raise PermissionDenied("您没有执行此操作的权限")
        return super().dispatch(request, *args, **kwargs)

    def render(self, template: str, ctx: dict[str, Any], status: int = 200) -> HttpResponse:
        ctx.setdefault("entity", self.entity)
        ctx.setdefault("verbose_name", self.entity.model._meta.verbose_name)
        ctx.setdefault("urls", self.urls())
        return render(self.request, template, ctx, status=status)

    def urls(self) -> dict[str, str]:
        user = self.request.user
        out = {}
        for action in ("list", "add", "import", "export", "template", "bulk_delete"):
            perm_action = {"list": "view", "template": "import", "bulk_delete": "delete"}.get(action, action)
            if self.entity.can(user, perm_action):
                out[action] = url_for(self.entity, action)
        return out


# --- list ---------------------------------------------------------------------------------------
def filtered(entity: type[Entity], user: Any, params: Any, *, request: Any = None) -> tuple[models.QuerySet, Any, str]:
    """The rows of `entity` the user sees under the list's conditions `params` (a QueryDict):
    (queryset, bound filterset or None, search text). The list page, its export and the export
    job all read the same rows from here."""
    from types import SimpleNamespace

    request = request or SimpleNamespace(user=user, GET=params)
    qs = entity.queryset(user, "view")
    fs = None
    if entity.filterset is not None:
        fs = entity.filterset(params or None, queryset=qs, request=request)
        if fs.is_bound:
            # an invalid filter value (e.g. an org outside the user's scope) matches nothing: never
            # silently drop a condition, or a list and its export would claim to be filtered
            qs = fs.qs if fs.is_valid() else qs.none()
    q = params.get("q", "").strip()[:100]
    search = entity.search_fn()
    if q and search is not None:
        qs = search(qs, q)
    return qs, fs, q


def conditions_in_words(entity: type[Entity], fs: Any, q: str, sort: str = "") -> list[str]:
    """The list's conditions as a person reads them: 关键词“周”、性别：女、所属组织：仙林街道工会 …"""
    out = [f"关键词“{q}”"] if q else []
    if fs is not None and fs.is_bound and fs.is_valid():
        for name, field in fs.form.fields.items():
            value = fs.form.cleaned_data.get(name)
            if value in (None, "", [], ()):
                continue
            if isinstance(value, (list, tuple, models.QuerySet)):
                shown = "、".join(str(v) for v in value)
            elif isinstance(value, bool):
                shown = "是" if value else "否"
            elif hasattr(field, "choices") and not isinstance(value, models.Model):
                shown = str({str(k): v for k, v in field.choices}.get(str(value), value))
            else:
                shown = format_value(value)
            out.append(f"{field.label}：{shown}")
    if sort:
        column = next((c for c in entity.table().columns if c.sort == sort.lstrip("-")), None)
        if column is not None:
            out.append(f"按{column.label}{'降序' if sort.startswith('-') else '升序'}")
    return out


class ListView(EntityView):
    action = "view"

    def filtered(self) -> tuple[models.QuerySet, Any, str]:
        return filtered(self.entity, self.request.user, self.request.GET, request=self.request)

    def get(self, request: HttpRequest) -> HttpResponseBase:
        table = self.entity.table()
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
        params = {k: (vs if len(vs) > 1 else vs[0]) for k, vs in request.GET.lists()}
        reveal = False
        columns = table.columns
        ctx = {
            "title": self.entity.title(),
            "breadcrumbs": [
                *crumbs(
                    self.entity,
                )[:-1],
                (self.entity.title(), None),
            ],
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
                    "url": url_for(self.entity, "detail", obj),
                    "cells": [c.cell(obj, reveal=reveal) for c in columns],
                }
                for obj in rows
            ],
            "filterset": fs,
            "q": q,
            "search_enabled": self.entity.search_fn() is not None,
            "search_placeholder": self.entity.search_placeholder,
            "total": min(total, COUNT_CAP),
            "capped": capped,
            "page": page,
            "per_page": per_page,
            "per_page_links": [(n, _querystring(params, per_page=n, page=None)) for n in PER_PAGE_CHOICES],
            "has_prev": page > 1,
            "has_next": has_next,
            "prev_url": _querystring(params, page=page - 1),
            "next_url": _querystring(params, page=page + 1),
            "first_url": _querystring(params, page=None),
            "last_url": _querystring(params, page=last_page),
            "last_page": last_page if not capped else None,
            "export_query": _querystring(params, page=None, per_page=None, sort=sort),
            "filtered": bool(q) or any(k not in ("page", "per_page", "sort") for k in params),
            "can_delete": self.entity.can(request.user, "delete") and "delete" in self.entity.actions,
        }
        template = (
            "kit/_list_results.html"
            if getattr(request, "htmx", False) and request.htmx.target == "list-results"  # type: ignore[attr-defined]
            else "kit/object_list.html"
        )
        return self.render(template, ctx)


# --- detail -------------------------------------------------------------------------------------
def _field_rows(obj: Any, names: list[Any], pii: tuple[str, ...], reveal: bool) -> list[tuple[str, str, bool]]:
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


class DetailView(EntityView):
    action = "view"

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        obj = get_object(self.entity, request.user, pk)
        if self.entity.confidential:
            audit.record(AuditEntry.Action.VIEW, actor=request.user, obj=obj, message="打开详情页")
        return self.render(self.entity.detail_template, self.context(obj, reveal=False))

    def _may(self, obj: Any, action: str) -> bool:
        return self.entity.can(self.request.user, action) and services.in_scope(
            self.request.user, obj, perm_name(type(obj), action)
        )

    def context(self, obj: Any, *, reveal: bool) -> dict[str, Any]:
        user = self.request.user
        buttons = obj.transition_buttons(user) if hasattr(obj, "transition_buttons") else []
        fieldsets = [
            (title, _field_rows(obj, names, self.entity.pii(), reveal))
            for title, names in self.entity.detail_fieldsets()
        ]
        related = []
        for title, rel_name, table_cls in self.entity.detail_related():
            rel_table = table_cls()
            manager = getattr(obj, rel_name)
            qs = manager.all()
            if hasattr(qs, "visible_to"):
                qs = qs.visible_to(user, "view")
            items = list(rel_table.optimise(qs)[:50])
            rel_entity = entity_for(manager.model)
            add_url = ""
            if rel_entity is not None and "add" in rel_entity.actions and rel_entity.can(user, "add"):
                add_url = f"{url_for(rel_entity, 'add')}?{manager.field.name}={obj.pk}"
            related.append(
                {
                    "title": title,
                    "columns": [c.label for c in rel_table.columns],
                    "add_url": add_url,
                    "rows": [
                        {
                            "url": url_for(rel_entity, "detail", i) if rel_entity else "",
                            "cells": [c.value(i) for c in rel_table.columns],
                        }
                        for i in items
                    ],
                }
            )
        history = list(
            AuditEntry.objects.filter(object_type=audit.label_of(obj), object_id=str(obj.pk))
            .exclude(action=AuditEntry.Action.VIEW)  # openings are in the audit log, not the change history
            .order_by("-id")[:30]
        )
        for entry, readable in zip(history, humanize_entries(type(obj), [e.changes for e in history]), strict=True):
            entry.readable = readable  # type: ignore[attr-defined]
        return {
            "title": str(obj),
            "obj": obj,
            "fieldsets": fieldsets,
            "related": related,
            "history": history,
            "breadcrumbs": crumbs(self.entity, (str(obj), None)),
            "revealed": reveal,
            "can_reveal": self.entity.reveal_allowed(user) and not reveal,
            # offered only where the permission's own scope holds the row (a district competition
            # an enterprise may view and enter is not his to edit)
            "edit_url": url_for(self.entity, "edit", obj) if self._may(obj, "change") and _editable(obj) else "",
            "delete_url": url_for(self.entity, "delete", obj) if self._may(obj, "delete") and _editable(obj) else "",
            "reveal_url": url_for(self.entity, "reveal", obj),
            "transitions": [
                {
                    "name": name,
                    "label": t.label,
                    "style": t.style,
                    "comment_required": t.comment_required,
                    "url": reverse(url_name(self.entity, "transition"), args=[obj.pk, name]),
                }
                for name, t in buttons
            ],
            "comment_hint": _comment_hint(buttons),
            "transition_log": _transition_log(obj),
            **self.entity.detail_extra(obj, user),
        }


def _comment_hint(transitions: list[Any]) -> str:
    """What the one 意见 box of a record's steps asks for: which steps need it, by name."""
    needed = [f"“{t.label}”" for _name, t in transitions if t.comment_required]
    return f"{'、'.join(needed)}须填写意见，其他操作可不填" if needed else "办理意见（选填）"


def _editable(obj: Any) -> bool:
    statuses = getattr(type(obj), "editable_statuses", None)
    return statuses is None or getattr(obj, "status", None) in statuses


def _transition_log(obj: Any) -> list[AuditEntry]:
    if not hasattr(obj, "transitions"):
        return []
    return list(history(obj))


class TransitionView(EntityView):
    """POST: take a named workflow transition: the transition's own permission, on a row inside that
    permission's data scope (else 404, as for a row that does not exist)."""

    action = "view"

    def post(self, request: HttpRequest, pk: int, name: str) -> HttpResponseBase:
        t = getattr(self.entity.model, "transitions", {}).get(name)
        if t is None:
            raise Http404("没有这个操作")
        if not self.entity.can(request.user, t.perm):
            raise PermissionDenied("您没有执行此操作的权限")
        # the row must lie in the scope of the transition's own permission, not merely be visible
        obj = get_object(self.entity, request.user, pk, t.perm)
        try:
            done = transition(obj, name, actor=request.user, comment=request.POST.get("comment", ""))
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            label = type(obj).transitions[name].label
            messages.success(request, f"已{label}，当前状态：{done.get_status_display()}")
        return HttpResponseRedirect(url_for(self.entity, "detail", obj))


class RevealView(DetailView):
    """Shows personal data in full to a user holding view_pii, and records that it did."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        if not self.entity.reveal_allowed(request.user):
            raise PermissionDenied("您没有查看完整敏感信息的权限")
        obj = get_object(self.entity, request.user, pk)
        audit.record(
            AuditEntry.Action.VIEW_PII,
            actor=request.user,
            obj=obj,
            message="查看完整信息：" + "、".join(str(obj._meta.get_field(f).verbose_name) for f in self.entity.pii()),
        )
        return self.render(self.entity.detail_template, self.context(obj, reveal=True))


# --- create / edit ------------------------------------------------------------------------------
class EditView(EntityView):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.action = "change" if "pk" in kwargs else "add"
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, obj: Any, data: Any = None, files: Any = None) -> forms.ModelForm:
        assert self.entity.form is not None
        return self.entity.form(data, files, instance=obj, user=self.request.user)  # type: ignore[call-arg]

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponseBase:
        obj = get_object(self.entity, request.user, pk, "change") if pk else self.entity.model()
        form = self.get_form(obj)
        if not pk:  # "新增" from a parent's page pre-fills the link (?person=12)
            form.initial.update({k: v for k, v in request.GET.items() if k in form.fields})
        return self.page(obj, form)

    def page(self, obj: Any, form: forms.ModelForm, status: int = 200) -> HttpResponseBase:
        adding = obj.pk is None
        label = f"新增{self.entity.model._meta.verbose_name}" if adding else f"编辑：{obj}"
        return self.render(
            "kit/object_edit.html",
            {
                "title": label,
                "form": form,
                "obj": obj,
                "adding": adding,
                "breadcrumbs": crumbs(self.entity, (label, None)),
                "cancel_url": url_for(self.entity, "list") if adding else url_for(self.entity, "detail", obj),
                "version": getattr(obj, "version", None),
            },
            status=status,
        )

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponseBase:
        obj = get_object(self.entity, request.user, pk, "change") if pk else self.entity.model()
        before = services.snapshot(obj) if pk else None
        form = self.get_form(obj, request.POST, request.FILES)
        if form.is_valid():
            instance = form.save(commit=False)
            try:
                expected = int(request.POST.get("_version", "")) if pk else None
            except ValueError:
                expected = -1
            try:
                saved = self.save(instance, expected, before, form)
            except ValidationError as exc:
                _errors_to_form(form, exc)
            except (services.StaleVersion, services.OutOfScope) as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"已保存：{saved}")
                return HttpResponseRedirect(url_for(self.entity, "detail", saved) or url_for(self.entity, "list"))
        return self.page(obj, form, status=422 if getattr(request, "htmx", False) else 200)

    def save(self, instance: Any, expected: int | None, before: dict[str, Any] | None, form: Any) -> Any:
        """Through the entity's service: the row and its many-to-many values in one transaction."""
        m2m = form.m2m_data() if hasattr(form, "m2m_data") else {}
        model_fields = set(getattr(form._meta, "fields", None) or ())
        extra = {k: v for k, v in form.cleaned_data.items() if k not in model_fields}
        return self.entity.save(
            instance,
            actor=self.request.user,
            action=self.action,
            expected_version=expected,
            before=before,
            m2m=m2m,
            extra=extra,
        )


def _errors_to_form(form: forms.BaseForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


# --- delete -------------------------------------------------------------------------------------
class DeleteView(EntityView):
    action = "delete"

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        obj = get_object(self.entity, request.user, pk, "delete")
        return self.render(
            "kit/object_delete.html",
            {
                "title": f"删除：{obj}",
                "obj": obj,
                "dependents": services.dependents_summary(obj),
                "blocked": services.blockers_summary(obj),
                "soft": self.entity.soft_delete(),
                "breadcrumbs": crumbs(self.entity, (str(obj), None), ("删除", None)),
                "cancel_url": url_for(self.entity, "detail", obj),
            },
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        obj = get_object(self.entity, request.user, pk, "delete")
        try:
            self.entity.delete(obj, actor=request.user)
        except services.InUse as exc:
            messages.error(request, str(exc))
            return HttpResponseRedirect(url_for(self.entity, "detail", obj))
        except ValidationError as exc:
            messages.error(request, "不能删除：" + "；".join(exc.messages))
            return HttpResponseRedirect(url_for(self.entity, "detail", obj))
        messages.success(request, f"已删除：{obj}" + ("（可在回收站恢复）" if self.entity.soft_delete() else ""))
        return HttpResponseRedirect(url_for(self.entity, "list"))


class BulkDeleteView(EntityView):
    action = "delete"

    def post(self, request: HttpRequest) -> HttpResponseBase:
        pks = [p for p in request.POST.getlist("pk") if p.isdigit()][:500]
        objs = list(self.entity.queryset(request.user, "delete").filter(pk__in=pks))
        if request.POST.get("confirm") != "1":
            return self.render(
                "kit/bulk_delete.html",
                {
                    "title": f"批量删除{self.entity.model._meta.verbose_name}",
                    "objs": objs,
                    "breadcrumbs": crumbs(self.entity, ("批量删除", None)),
                    "soft": self.entity.soft_delete(),
                    "cancel_url": url_for(self.entity, "list"),
                },
            )
        deleted, refused = 0, []
        for obj in objs:
            try:
                self.entity.delete(obj, actor=request.user)
                deleted += 1
            except services.InUse as exc:
                refused.append(f"{obj}：{exc}")
            except ValidationError as exc:
                refused.append(f"{obj}：{'；'.join(exc.messages)}")
        if deleted:
            messages.success(request, f"已删除 {deleted} 条")
        for message in refused[:10]:
            messages.error(request, message)
        return HttpResponseRedirect(url_for(self.entity, "list"))


class RestoreView(EntityView):
    action = "change"

    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        manager = self.entity.model.all_objects  # type: ignore[attr-defined]
        obj = manager.visible_to(request.user, "change").filter(pk=pk, deleted_at__isnull=False).first()
        if obj is None:
            raise Http404("不存在或不在您的数据范围内")
        try:
            self.entity.restore(obj, actor=request.user)
        except ValidationError as exc:
            messages.error(request, "不能恢复：" + "；".join(exc.messages))
        else:
            messages.success(request, f"已恢复：{obj}")
        return HttpResponseRedirect(reverse("kit:recycle_bin"))
