"""The generic REST API: scoped viewsets whose writes go through the kit services.

A module's API declares a serializer (a `VersionedSerializer`), a filterset and a search function;
`ScopedModelViewSet` does the rest: `visible_to(user, action)` for every read and write,
per-action model permissions, foreign-key choices limited to the user's scope, optimistic locking
through `version`, audit through the services, personal data masked unless asked for in full by a
user allowed to see it (and then audited), 404 for objects outside the scope."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, filters, permissions, serializers, viewsets
from rest_framework.request import Request

from kit import audit, services
from kit.models import AuditEntry, perm_name
from kit.pii import mask_value

ACTION_FOR_METHOD = {
    "GET": "view",
    "HEAD": "view",
    "OPTIONS": "view",
    "POST": "add",
    "PUT": "change",
    "PATCH": "change",
    "DELETE": "delete",
}


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
        return bool(user.has_perm(perm_name(_model_of(view), action)))


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


class VersionedSerializer(serializers.ModelSerializer):
    """Adds `version` (read on every response; on update it must match the stored one), masks
    `Meta.pii_fields` unless `?reveal=1` by a user holding view_pii, limits foreign-key choices to
    the user's scope, and saves through kit.services (validation, lock, scope re-check, audit)."""

    version = serializers.IntegerField(required=False, help_text="乐观锁版本号：修改时必须回传读取时的值")

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
        pii = getattr(self.Meta, "pii_fields", ())
        if pii and not reveal_requested(self.context.get("request"), self.Meta.model):
            for name in pii:
                if name in data:
                    data[name] = mask_value(name, data[name])
        return data  # type: ignore[no-any-return]

    def create(self, validated_data: dict[str, Any]) -> models.Model:
        validated_data.pop("version", None)
        m2m = {k: validated_data.pop(k) for k in list(validated_data) if self._is_m2m(k)}
        instance = self.Meta.model(**validated_data)  # type: ignore[misc]
        instance = services.save_object(instance, actor=self.context["request"].user, action="add")
        for key, value in m2m.items():
            getattr(instance, key).set(value)
        return instance

    def update(self, instance: models.Model, validated_data: dict[str, Any]) -> models.Model:
        expected = validated_data.pop("version", None)
        if expected is None:
            raise exceptions.ValidationError({"version": ["修改时必须提供 version（乐观锁版本号）"]})
        m2m = {k: validated_data.pop(k) for k in list(validated_data) if self._is_m2m(k)}
        before = services.snapshot(instance)
        for key, value in validated_data.items():
            setattr(instance, key, value)
        instance = services.save_object(
            instance, actor=self.context["request"].user, action="change", expected_version=expected, before=before
        )
        for key, value in m2m.items():
            getattr(instance, key).set(value)
        return instance

    def _is_m2m(self, name: str) -> bool:
        try:
            return bool(self.Meta.model._meta.get_field(name).many_to_many)  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001
            return False


class ScopedModelViewSet(viewsets.ModelViewSet):
    permission_classes = [ModelActionPermission]
    filter_backends = [SearchBackend, OrderingBackend, DjangoFilterBackend]
    search_fn: Callable[[models.QuerySet, str], models.QuerySet] | None = None
    ordering_fields: list[str] | str = "__all__"
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()

    def get_queryset(self) -> models.QuerySet:
        action = ACTION_FOR_METHOD.get(self.request.method or "GET", "view")
        model = self.queryset.model if self.queryset is not None else self.model  # type: ignore[attr-defined,arg-type]
        qs = model._default_manager.visible_to(self.request.user, action)
        if self.select_related:
            qs = qs.select_related(*self.select_related)
        if self.prefetch_related:
            qs = qs.prefetch_related(*self.prefetch_related)
        return qs.order_by("-pk") if not qs.ordered else qs  # type: ignore[no-any-return]

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        response = super().list(request, *args, **kwargs)
        self._audit_reveal(request, len(response.data.get("results", [])) if isinstance(response.data, dict) else 0)
        return response

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        response = super().retrieve(request, *args, **kwargs)
        self._audit_reveal(request, 1, obj_id=kwargs.get("pk", ""))
        return response

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
        try:
            services.delete_object(instance, actor=self.request.user)
        except services.InUse as exc:
            raise exceptions.ValidationError({"non_field_errors": [str(exc)]}) from exc
