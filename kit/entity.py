"""One declaration per entity: its fields, said once, from which the kit derives the form, the
detail page, the list columns, the filters, the Excel template/import/export and the API
serializer — and the services every write of the entity goes through.

    class MentorshipEntity(SkillsEntity):
        model = Mentorship
        fields = ["pilot", "mentor", "apprentice", "chain", "goals", "starts_on", "ends_on", "remark"]
        columns = ["mentor", "apprentice", "chain", "starts_on", "ends_on"]
        filters = ["pilot", "chain"]
        search = ("mentor__name__startswith", "apprentice__name__startswith")
        related = [("帮带成果", "outcomes", ["kind", "title", "number", "person", "obtained_on"])]
        excel = True
        excel_key = ("apprentice", "chain", "starts_on")
        api = "mentorships"

- `fields`: the editable fields in order — the form, the API's writable fields, the Excel columns
  (`excel = True`, or a list of its own) and, with `read_only`, the detail page;
- `read_only`: shown on the detail page and in the API, never written there (a status, a derived value);
- personal data comes from the model (`kit.pii.pii_fields_of`: declared `pii_fields` and every
  encrypted field) and is masked in every derived piece unless the user holds `view_pii`;
- anything special replaces the derived piece: `form`, `table`, `filterset`, `excel_spec`,
  `serializer` (set it on the subclass);
- writes: `save()` and `delete()` are the entity's services (default `kit.services.save_object` /
  `delete_object`); an entity whose writes carry rules points them at its domain services, and the
  page and the API both call them — one path.

Pages come from `kit.views.routes.entity_pages(module)`, the API from
`kit.api.viewsets.entity_routes(module)`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

import django_filters
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q, QuerySet

from kit import services
from kit.db import perm_name
from kit.excel.spec import ExcelSpec, register_spec, spec_for
from kit.filters import filterset_for
from kit.forms import ScopedModelForm, form_for
from kit.pii import pii_fields_of
from kit.tables import Col, Table, table_for

ALL_ACTIONS = ("list", "detail", "add", "edit", "delete", "import", "export")


def _is_plain_column(model: type[models.Model], name: str) -> bool:
    """Short enough for a list column: not long text (an encrypted ID number or phone is short),
    not a file, not many-to-many."""
    f = model._meta.get_field(name)
    long_text = isinstance(f, models.TextField) and name not in pii_fields_of(model)
    return not (long_text or isinstance(f, models.FileField) or f.many_to_many)


def search_function(lookups: Sequence[str]) -> Callable[[QuerySet, str], QuerySet]:
    """("name__contains", "code__startswith") → qs filtered by any of them."""

    def search(qs: QuerySet, q: str) -> QuerySet:
        cond = Q()
        for lookup in lookups:
            cond |= Q(**{lookup: q})
        return qs.filter(cond)

    return search


class Entity:
    """Subclass once per model (in the app's `entities.py`). A subclass without `model` is a base
    for an app's entities (shared breadcrumbs, namespace)."""

    model: ClassVar[type[models.Model]]

    # --- the declaration ----------------------------------------------------------------------
    fields: ClassVar[Sequence[str]] = ()
    read_only: ClassVar[Sequence[str]] = ()
    columns: ClassVar[Sequence[str | Col] | None] = None
    filters: ClassVar[Sequence[str]] = ()
    org_filter: ClassVar[str | None] = "org"  # a subtree filter on this FK when the model has it
    search: ClassVar[Sequence[str] | Callable[..., Any] | None] = None
    search_placeholder: ClassVar[str] = "搜索"
    detail: ClassVar[Sequence[tuple[str, Sequence[Any]]] | None] = None  # fieldsets; (label, attr) for derived values
    related: ClassVar[Sequence[tuple[str, str, Sequence[str | Col]]]] = ()  # (title, related name, columns)
    excel: ClassVar[bool | Sequence[str]] = False
    excel_key: ClassVar[str | tuple[str, ...] | None] = None
    excel_key_is_global: ClassVar[bool] = True
    excel_instructions: ClassVar[Sequence[str]] = ()
    api: ClassVar[str | None] = None  # the API route prefix (/api/v1/<app>/<api>/)
    actions: ClassVar[tuple[str, ...]] = ALL_ACTIONS
    sort: ClassVar[str] = "-id"
    labels: ClassVar[dict[str, str]] = {}
    help_texts: ClassVar[dict[str, str]] = {}
    render: ClassVar[dict[str, Callable[[Any], str]]] = {}
    select_related: ClassVar[Sequence[str]] = ()
    prefetch_related: ClassVar[Sequence[str]] = ()
    # confidential records (legal cases): every opening, page or API, is logged; a user who may not
    # view them gets 404 on a record's address, as if it did not exist
    confidential: ClassVar[bool] = False

    # --- derived (or given) -------------------------------------------------------------------
    form: ClassVar[type[forms.ModelForm] | None] = None
    form_base: ClassVar[type[ScopedModelForm]] = ScopedModelForm
    table: ClassVar[type[Table]]
    filterset: ClassVar[Any] = None
    excel_spec: ClassVar[ExcelSpec | None] = None
    serializer: ClassVar[Any] = None  # built by kit.api.viewsets when None
    viewset_base: ClassVar[Any] = None  # a ScopedModelViewSet subclass for special querysets

    # --- pages ---------------------------------------------------------------------------------
    empty_hint: ClassVar[str] = "可以点击“新增”逐条登记，或下载模板后批量导入。"
    parent_crumbs: ClassVar[list[tuple[str, str]]] = [("系统管理", "")]
    url_namespace: ClassVar[str | None] = None  # defaults to the model's app label
    detail_template: ClassVar[str] = "kit/object_detail.html"  # extend it and fill {% block extra %}
    edit_view: ClassVar[Any] = None  # a custom create/edit view class (defaults to kit's)

    registry: ClassVar[list[type[Entity]]] = []

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "model" not in cls.__dict__:
            return
        model = cls.model
        if cls.form is None and cls.fields and ("add" in cls.actions or "edit" in cls.actions):
            cls.form = form_for(model, cls.fields, base=cls.form_base, help_texts=dict(cls.help_texts))
        if "table" not in cls.__dict__:
            columns = cls.columns
            if columns is None:
                columns = [n for n in cls.fields if _is_plain_column(model, n)][:6] or ["id"]
            cls.table = table_for(
                model,
                columns,
                default_sort=cls.sort,
                select_related=cls.select_related,
                prefetch_related=cls.prefetch_related,
                labels=dict(cls.labels),
                render=dict(cls.render),
            )
        if "filterset" not in cls.__dict__ and (cls.filters or cls._has_org_filter()):
            cls.filterset = filterset_for(model, cls.filters, org_field=cls.org_filter)
        if "excel_spec" not in cls.__dict__ and cls.excel:
            names = cls.fields if cls.excel is True else cls.excel
            names = [n for n in names if not model._meta.get_field(n).many_to_many]  # type: ignore[union-attr]
            names = [n for n in names if not isinstance(model._meta.get_field(n), models.FileField)]
            derived = [n for n in cls.read_only if model._meta.get_field(n).concrete and n not in names]
            cls.excel_spec = spec_for(
                model,
                names,
                export_only=derived,
                natural_key=cls.excel_key,
                key_is_global=cls.excel_key_is_global,
                instructions=cls.excel_instructions,
            )
        if cls.excel_spec is not None:
            register_spec(cls.excel_spec)
        Entity.registry.append(cls)

    @classmethod
    def _has_org_filter(cls) -> bool:
        return bool(cls.org_filter) and any(f.name == cls.org_filter for f in cls.model._meta.fields)

    # --- what the derived pieces read -----------------------------------------------------------
    @classmethod
    def pii(cls) -> tuple[str, ...]:
        return pii_fields_of(cls.model)

    @classmethod
    def search_fn(cls) -> Callable[[QuerySet, str], QuerySet] | None:
        if cls.search is None or cls.search == ():
            return None
        if callable(cls.search):
            return cls.search  # type: ignore[return-value]
        return search_function(cls.search)  # type: ignore[arg-type]

    @classmethod
    def detail_fieldsets(cls) -> list[tuple[str, list[Any]]]:
        if cls.detail is not None:
            return [(title, list(names)) for title, names in cls.detail]
        return [(str(cls.model._meta.verbose_name), [*cls.fields, *cls.read_only])]

    @classmethod
    def detail_related(cls) -> list[tuple[str, str, type[Table]]]:
        out = []
        for title, rel_name, columns in cls.related:
            rel = cls.model._meta.get_field(rel_name)
            related_model = rel.related_model
            out.append((title, rel_name, table_for(related_model, columns)))  # type: ignore[arg-type]
        return out

    @classmethod
    def api_fields(cls) -> list[str]:
        return list(dict.fromkeys([*cls.fields, *cls.read_only]))

    @classmethod
    def title(cls) -> str:
        return str(cls.model._meta.verbose_name_plural)

    @classmethod
    def perm(cls, action: str) -> str:
        return perm_name(cls.model, action)

    @classmethod
    def can(cls, user: Any, action: str) -> bool:
        return bool(user.is_authenticated and user.has_perm(cls.perm(action)))

    @classmethod
    def api_filterset(cls) -> Any:
        """The API's filters: the list page's, plus an exact filter for every foreign key, choice
        and yes/no field the entity shows (`?training_class=37`), so a script can narrow any list
        by what it sees in a row. Unknown parameters are refused (`kit.api.viewsets`)."""
        model = cls.model
        shown = [c if isinstance(c, str) else c.accessor for c in (cls.columns or [])]
        wanted: list[str] = []
        dates: dict[str, Any] = {}
        for name in dict.fromkeys([*cls.fields, *cls.read_only, *shown]):
            try:
                f = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if not f.concrete or f.many_to_many:
                continue
            if f.is_relation or getattr(f, "choices", None) or isinstance(f, models.BooleanField):
                wanted.append(name)
            elif isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField):
                # a date: on the day, from (__gte) and until (__lte)
                for suffix, lookup in (("", "exact"), ("__gte", "gte"), ("__lte", "lte")):
                    dates[f"{name}{suffix}"] = django_filters.DateFilter(field_name=name, lookup_expr=lookup)
        base = cls.filterset
        if base is None:
            if not (wanted or dates or cls._has_org_filter()):
                return None
            base = filterset_for(model, [], org_field=cls.org_filter)
        add = [n for n in wanted if n not in base.base_filters]
        dates = {k: v for k, v in dates.items() if k not in base.base_filters}
        if not add and not dates:
            return base
        meta = type("Meta", (base.Meta,), {"fields": [*list(getattr(base.Meta, "fields", None) or []), *add]})
        return type(f"{model.__name__}ApiFilterSet", (base,), {**dates, "Meta": meta})

    @classmethod
    def queryset(cls, user: Any, action: str = "view") -> QuerySet:
        return cls.model._default_manager.visible_to(user, action)  # type: ignore[attr-defined,no-any-return]

    @classmethod
    def soft_delete(cls) -> bool:
        return hasattr(cls.model, "deleted_at")

    @classmethod
    def reveal_allowed(cls, user: Any) -> bool:
        meta = cls.model._meta
        return bool(cls.pii()) and user.has_perm(f"{meta.app_label}.view_pii_{meta.model_name}")

    @classmethod
    def detail_extra(cls, obj: Any, user: Any) -> dict[str, Any]:
        """More context for `detail_template` (flags, deadlines …) computed for this record."""
        return {}

    # --- the writes: the entity's services --------------------------------------------------------
    @classmethod
    def save(
        cls,
        obj: Any,
        *,
        actor: Any,
        action: str,
        expected_version: int | None = None,
        before: dict[str, Any] | None = None,
        m2m: dict[str, Any] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> Any:
        """Create (`action="add"`) or update (`"change"`) as `actor`. `extra` carries form or
        payload values that are not model fields (an org's parent, a user's password)."""
        return services.save_object(
            obj, actor=actor, action=action, expected_version=expected_version, before=before, m2m=m2m
        )

    @classmethod
    def delete(cls, obj: Any, *, actor: Any) -> None:
        services.delete_object(obj, actor=actor)

    @classmethod
    def restore(cls, obj: Any, *, actor: Any) -> None:
        services.restore_object(obj, actor=actor)


def entities_of(module: Any) -> list[type[Entity]]:
    """The entities declared in a module (an app's `entities`), in declaration order."""
    name = module.__name__ if not isinstance(module, str) else module
    return [e for e in Entity.registry if e.__module__ == name]


def entity_for(model: type[models.Model]) -> type[Entity] | None:
    return next((e for e in Entity.registry if e.model is model), None)
