"""The generic REST API: scoped viewsets whose writes go through the kit services.

A module's API declares a serializer and a filterset; `ScopedModelViewSet` does the rest:
`visible_to(user, action)` for every read and write, per-action model permissions, optimistic
locking through `version`, audit through the services, 404 for objects outside the scope."""

from __future__ import annotations

from typing import Any

from django.db import models
from rest_framework import exceptions, permissions, serializers, viewsets
from rest_framework.request import Request

from kit import services
from kit.models import perm_name

ACTION_FOR_METHOD = {
    "GET": "view",
    "HEAD": "view",
    "OPTIONS": "view",
    "POST": "add",
    "PUT": "change",
    "PATCH": "change",
    "DELETE": "delete",
}


class ModelActionPermission(permissions.BasePermission):
    """The user must hold the model permission for the request's action. Object-level access is
    the data scope, applied by the queryset (outside it: 404)."""

    message = "您没有执行此操作的权限"

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            return False
        model = view.queryset.model if view.queryset is not None else view.model
        action = ACTION_FOR_METHOD.get(request.method or "GET", "view")
        return bool(user.has_perm(perm_name(model, action)))


class VersionedSerializer(serializers.ModelSerializer):
    """Adds `version`: read on every response; on update it must match the stored one."""

    version = serializers.IntegerField(required=False, help_text="乐观锁版本号：修改时必须回传读取时的值")

    def create(self, validated_data: dict[str, Any]) -> models.Model:
        validated_data.pop("version", None)
        instance = self.Meta.model(**validated_data)  # type: ignore[attr-defined,misc]
        return services.save_object(instance, actor=self.context["request"].user, action="add")

    def update(self, instance: models.Model, validated_data: dict[str, Any]) -> models.Model:
        expected = validated_data.pop("version", None)
        if expected is None:
            raise exceptions.ValidationError({"version": ["修改时必须提供 version（乐观锁版本号）"]})
        before = services.snapshot(instance)
        for key, value in validated_data.items():
            setattr(instance, key, value)
        return services.save_object(
            instance, actor=self.context["request"].user, action="change", expected_version=expected, before=before
        )


class ScopedModelViewSet(viewsets.ModelViewSet):
    permission_classes = [ModelActionPermission]
    model: type[models.Model]

    def get_queryset(self) -> models.QuerySet:
        action = ACTION_FOR_METHOD.get(self.request.method or "GET", "view")
        qs = self.queryset if self.queryset is not None else self.model._default_manager.all()  # type: ignore[arg-type]
        return qs.all().visible_to(self.request.user, action)  # type: ignore[attr-defined,union-attr]

    def perform_destroy(self, instance: models.Model) -> None:
        services.delete_object(instance, actor=self.request.user)
