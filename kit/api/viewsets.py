"""The generic REST API: scoped viewsets and serializers derived from an entity's declaration,
whose writes go through the entity's services.

`entity_routes(app.entities)` registers every entity that declares `api = "<prefix>"`. For each:
`visible_to(user, action)` for every read and write, per-action model permissions, foreign-key
choices limited to the user's scope, optimistic locking through `version`, the row and its
many-to-many values written by the entity's service in one transaction (and one audit entry),
personal data (`kit.pii.pii_fields_of`) masked unless asked for in full by a user allowed to see
it (and then audited), 404 for objects outside the scope."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, filters, permissions, serializers, viewsets
from rest_framework.request import Request
from rest_framework.routers import DefaultRouter

from kit import audit, services
from kit.audit.models import AuditEntry
from kit.db import perm_name
from kit.entity import Entity, entities_of, entity_for
from kit.pii import mask_value, pii_fields_of

ACTION_FOR_METHOD = {
    "GET": "view",
    "HEAD": "view",
    "OPTIONS": "view",
    "POST": "add",
    "PUT": "change",
    "PATCH": "change",
    "DELETE": "delete",
}
COMMON_FIELDS = ("id", "version")
STAMP_FIELDS = ("created_at", "updated_at")


def _model_of(view: Any) -> type[models.Model]:
    return view.queryset.model if getattr(view, "queryset", None) is not None else view.model  # type: ignore[no-any-return]


class ModelActionPermission(permissions.BasePermission):
    """The user must hold the model permission for the request's action. Object-level access is
    the data scope, applied by the queryset (outside it: 404)."""

    message = "您没有执行此操作的权限"

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            return False
        action = ACTION_FOR_METHOD.get(request.method or "GET", "view")
        if user.has_perm(perm_name(_model_of(view), action)):
            return True
        entity = getattr(view, "entity", None)
        if (
            entity is not None
            and entity.confidential
            and "pk" in getattr(view, "kwargs", {})
            and not user.has_perm(perm_name(_model_of(view), "view"))
        ):
            raise exceptions.NotFound("不存在或不在您的数据范围内")  # not even told that the record exists
        return False


class SearchBackend(filters.BaseFilterBackend):
    """`?q=` runs the same search function as the list page."""

    def filter_queryset(self, request: Request, queryset: models.QuerySet, view: Any) -> models.QuerySet:
        q = request.query_params.get("q", "").strip()[:100]
        fn: Callable[[models.QuerySet, str], models.QuerySet] | None = getattr(view, "search_fn", None)
        return fn(queryset, q) if q and fn else queryset

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        if getattr(view, "search_fn", None) is None:
            return []
        return [
            {
                "name": "q",
                "required": False,
                "in": "query",
                "description": "关键词（与列表页搜索相同）",
                "schema": {"type": "string"},
            }
        ]


class OrderingBackend(filters.OrderingFilter):
    ordering_param = "sort"


def reveal_requested(request: Request | None, model: type[models.Model]) -> bool:
    if request is None or request.query_params.get("reveal") != "1":
        return False
    meta = model._meta
    return bool(request.user.has_perm(f"{meta.app_label}.view_pii_{meta.model_name}"))


class ScopedSerializer(serializers.ModelSerializer):
    """Masks the model's personal data unless `?reveal=1` by a user holding view_pii, limits
    foreign-key choices to the user's scope, and saves through the entity's services (validation,
    scope re-check, audit — many-to-many values included, in one transaction)."""

    entity: type[Entity] | None = None
    # declared fields that are not written to the row but handed to the entity's service (a password)
    extra_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is None:
            return
        for field in self.fields.values():
            qs = getattr(field, "queryset", None)
            if qs is not None and hasattr(qs, "visible_to"):
                field.queryset = qs.visible_to(user, "view")  # type: ignore[attr-defined]
            child = getattr(field, "child_relation", None)
            if child is not None and hasattr(getattr(child, "queryset", None), "visible_to"):
                child.queryset = child.queryset.visible_to(user, "view")

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = super().to_representation(instance)
        model = self.Meta.model  # type: ignore[attr-defined]
        if not reveal_requested(self.context.get("request"), model):
            for name in pii_fields_of(model):
                if name in data:
                    data[name] = mask_value(name, data[name])
        return data  # type: ignore[no-any-return]

    def _entity(self) -> type[Entity]:
        return self.entity or entity_for(self.Meta.model) or Entity  # type: ignore[attr-defined]

    def _split(self, validated_data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
        """(model fields, many-to-many values, extra values that are not model fields)."""
        model: Any = self.Meta.model  # type: ignore[attr-defined]
        names = {f.name for f in model._meta.get_fields()}
        m2m = {k: validated_data.pop(k) for k in list(validated_data) if self._is_m2m(k)}
        extra = {k: validated_data.pop(k) for k in list(validated_data) if k not in names or k in self.extra_fields}
        return validated_data, m2m, extra

    def create(self, validated_data: dict[str, Any]) -> models.Model:
        validated_data.pop("version", None)
        values, m2m, extra = self._split(validated_data)
        model: Any = self.Meta.model  # type: ignore[attr-defined]
        instance = model(**values)
        return self._entity().save(  # type: ignore[no-any-return]
            instance, actor=self.context["request"].user, action="add", m2m=m2m, extra=extra
        )

    def update(self, instance: models.Model, validated_data: dict[str, Any]) -> models.Model:
        expected = validated_data.pop("version", None)
        values, m2m, extra = self._split(validated_data)
        before = services.snapshot(instance)
        for key, value in values.items():
            setattr(instance, key, value)
        return self._entity().save(  # type: ignore[no-any-return]
            instance,
            actor=self.context["request"].user,
            action="change",
            expected_version=expected,
            before=before,
            m2m=m2m,
            extra=extra,
        )

    def _is_m2m(self, name: str) -> bool:
        try:
            return bool(self.Meta.model._meta.get_field(name).many_to_many)  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001
            return False


class VersionedSerializer(ScopedSerializer):
    """Adds `version` (read on every response; on update it must match the stored one): two people
    editing the same record never silently overwrite each other."""

    version = serializers.IntegerField(required=False, help_text="乐观锁版本号：修改时必须回传读取时的值")

    def update(self, instance: models.Model, validated_data: dict[str, Any]) -> models.Model:
        if validated_data.get("version") is None:
            raise exceptions.ValidationError({"version": ["修改时必须提供 version（乐观锁版本号）"]})
        return super().update(instance, validated_data)


# accepted by every list besides its filters: paging, sort, the unmasked view, the format
COMMON_PARAMETERS = ("page", "page_size", "sort", "reveal", "format")


class ScopedModelViewSet(viewsets.ModelViewSet):
    permission_classes = [ModelActionPermission]
    filter_backends = [SearchBackend, OrderingBackend, DjangoFilterBackend]
    search_fn: Callable[[models.QuerySet, str], models.QuerySet] | None = None
    ordering_fields: list[str] | str = "__all__"
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    entity: type[Entity] | None = None

    def get_queryset(self) -> models.QuerySet:
        action = ACTION_FOR_METHOD.get(self.request.method or "GET", "view")
        model = self.queryset.model if self.queryset is not None else self.model  # type: ignore[attr-defined,arg-type]
        # the entity decides what its list holds (its scope, and what it opens beyond: `Entity.queryset`)
        entity = self.entity if self.entity is not None and self.entity.model is model else None
        qs = (
            entity.queryset(self.request.user, action)
            if entity
            else model._default_manager.visible_to(self.request.user, action)
        )
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        return qs.order_by("-pk") if not qs.ordered else qs  # type: ignore[no-any-return]

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        self._refuse_unknown_parameters(request)
        response = super().list(request, *args, **kwargs)
        self._audit_reveal(request, len(response.data.get("results", [])) if isinstance(response.data, dict) else 0)
        return response

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        response = super().retrieve(request, *args, **kwargs)
        self._audit_reveal(request, 1, obj_id=kwargs.get("pk", ""))
        if self.entity is not None and self.entity.confidential:
            model = self.entity.model
            audit.record(
                AuditEntry.Action.VIEW,
                actor=request.user,
                object_type=audit.label_of(model),
                object_id=str(kwargs.get("pk", "")),
                object_repr=str(model._meta.verbose_name),
                message="API 读取",
            )
        return response

    def _refuse_unknown_parameters(self, request: Request) -> None:
        """A misspelt or unsupported filter must not silently return every row: 400, naming it."""
        known = set(COMMON_PARAMETERS)
        filterset = getattr(self, "filterset_class", None)
        if filterset is not None:
            known |= set(filterset.base_filters)
        if getattr(self, "search_fn", None) is not None:
            known.add("q")
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            raise exceptions.ValidationError(
                {"detail": f"不支持的查询参数：{'、'.join(unknown)}；可用：{'、'.join(sorted(known))}"}
            )

    def _audit_reveal(self, request: Request, count: int, obj_id: Any = "") -> None:
        model = self.queryset.model if self.queryset is not None else self.model  # type: ignore[attr-defined,arg-type]
        if count and reveal_requested(request, model):
            audit.record(
                AuditEntry.Action.VIEW_PII,
                actor=request.user,
                object_type=audit.label_of(model),
                object_id=str(obj_id),
                object_repr=str(model._meta.verbose_name),
                message=f"API 返回完整敏感信息 {count} 条",
            )

    def perform_destroy(self, instance: models.Model) -> None:
        entity = self.entity or entity_for(type(instance)) or Entity
        try:
            entity.delete(instance, actor=self.request.user)
        except services.InUse as exc:
            raise exceptions.ValidationError({"non_field_errors": [str(exc)]}) from exc


# --- derived from the entity --------------------------------------------------------------------
def serializer_for(entity: type[Entity]) -> type[serializers.ModelSerializer]:
    """The entity's serializer: id, version, its fields and read-only fields, created/updated at.
    A given `entity.serializer` wins (it is told its entity, so writes still go through it)."""
    if entity.serializer is not None:
        entity.serializer.entity = entity
        return entity.serializer  # type: ignore[no-any-return]
    model = entity.model
    has_version = any(f.name == "version" for f in model._meta.fields)
    stamps = [n for n in STAMP_FIELDS if any(f.name == n for f in model._meta.fields)]
    fields = [*(["id", "version"] if has_version else ["id"]), *entity.api_fields(), *stamps]
    meta = type(
        "Meta",
        (),
        {"model": model, "fields": list(dict.fromkeys(fields)), "read_only_fields": list(entity.read_only)},
    )
    base = VersionedSerializer if has_version else ScopedSerializer
    return type(f"{model.__name__}Serializer", (base,), {"Meta": meta, "entity": entity})


def viewset_for(entity: type[Entity]) -> type[viewsets.GenericViewSet]:
    model = entity.model
    table = entity.table()
    m2m = tuple(n for n in entity.api_fields() if model._meta.get_field(n).many_to_many)
    attrs: dict[str, Any] = {
        "queryset": model._default_manager.all(),
        "serializer_class": serializer_for(entity),
        "filterset_class": entity.api_filterset(),
        "select_related": tuple(entity.select_related),
        "prefetch_related": tuple(dict.fromkeys((*table.prefetch_related, *m2m, *entity.prefetch_related))),
        "entity": entity,
        "__doc__": f"{model._meta.verbose_name_plural}",
    }
    search = entity.search_fn()
    if search is not None:
        attrs["search_fn"] = staticmethod(search)
    methods = ["get", "head", "options"]
    methods += ["post"] if "add" in entity.actions else []
    methods += ["put", "patch"] if "edit" in entity.actions else []
    methods += ["delete"] if "delete" in entity.actions else []
    attrs["http_method_names"] = methods
    base = entity.viewset_base or ScopedModelViewSet
    return type(f"{model.__name__}ViewSet", (base,), attrs)


def entity_routes(module: Any, *, basename_prefix: str = "") -> list[Any]:
    """The API routes of every entity of `module` that declares `api`."""
    router = DefaultRouter()
    for entity in entities_of(module):
        if entity.api:
            prefix = basename_prefix or entity.model._meta.app_label
            router.register(entity.api, viewset_for(entity), basename=f"{prefix}-{entity.api}")
    return list(router.urls)
