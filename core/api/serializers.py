"""API representations of the core entities (declarations; kit.api does the work)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from rest_framework import serializers

from core import services
from core.models import DictItem, DictType, Enterprise, MemberUnit, Org, Person, PersonHonour, Region, Role, User
from kit import services as kit_services
from kit.api import VersionedSerializer
from kit.models import AuditEntry

COMMON = ["id", "version", "remark", "created_at", "updated_at"]


class OrgSerializer(VersionedSerializer):
    parent = serializers.PrimaryKeyRelatedField(  # type: ignore[assignment]
        queryset=Org.objects.all(), required=False, allow_null=True, help_text="上级组织；修改即移动整个下级组织树"
    )

    class Meta:
        model = Org
        fields = [
            *COMMON,
            "name",
            "short_name",
            "kind",
            "code",
            "region",
            "contact",
            "is_active",
            "parent",
            "path",
            "depth",
        ]
        read_only_fields = ["path", "depth"]

    def to_representation(self, instance: Org) -> dict[str, Any]:
        data = super().to_representation(instance)
        if hasattr(instance, "parent_pk"):
            data["parent"] = instance.parent_pk
        else:
            parent = instance.get_parent() if instance.path else None
            data["parent"] = parent.pk if parent else None
        return data

    def create(self, validated_data: dict[str, Any]) -> Org:
        validated_data.pop("version", None)
        parent = validated_data.pop("parent", None)
        return services.org_create(actor=self.context["request"].user, parent=parent, **validated_data)

    def update(self, instance: Org, validated_data: dict[str, Any]) -> Org:  # type: ignore[override]
        parent = validated_data.pop("parent", None)
        instance = super().update(instance, validated_data)  # type: ignore[assignment]
        current = instance.get_parent()
        if parent is not None and (current is None or current.pk != parent.pk):
            instance = services.org_move(actor=self.context["request"].user, org=instance, new_parent=parent)
        return instance


class RegionSerializer(VersionedSerializer):
    class Meta:
        model = Region
        fields = [*COMMON, "code", "name", "level", "parent"]


class EnterpriseSerializer(VersionedSerializer):
    class Meta:
        model = Enterprise
        fields = [
            *COMMON,
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
        ]


class PersonSerializer(VersionedSerializer):
    org = serializers.PrimaryKeyRelatedField(
        queryset=Org.objects.all(), required=False, help_text="所属工会；留空时取工作单位的所属工会"
    )

    class Meta:
        model = Person
        fields = [
            *COMMON,
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
        ]
        read_only_fields = ["gender", "birth_date"]
        pii_fields = ("id_number", "phone")


class HonourSerializer(VersionedSerializer):
    class Meta:
        model = PersonHonour
        fields = [*COMMON, "person", "kind", "level", "year", "issuer"]


class MemberUnitSerializer(VersionedSerializer):
    class Meta:
        model = MemberUnit
        fields = [*COMMON, "name", "short_name", "org", "duty", "contact", "contact_phone", "sort", "is_active"]


class DictTypeSerializer(VersionedSerializer):
    class Meta:
        model = DictType
        fields = [*COMMON, "code", "name", "is_system"]
        read_only_fields = ["is_system"]


class DictItemSerializer(VersionedSerializer):
    class Meta:
        model = DictItem
        fields = [*COMMON, "dict_type", "value", "label", "sort", "is_active"]


class RoleSerializer(VersionedSerializer):
    class Meta:
        model = Role
        fields = [*COMMON, "name", "code", "data_scope", "custom_orgs", "permissions", "sort", "is_active"]


class UserSerializer(serializers.ModelSerializer):
    password = serializers.CharField(write_only=True, required=False, help_text="新建时必填")

    class Meta:
        model = User
        fields = ["id", "username", "name", "org", "member_unit", "roles", "is_active", "last_login", "password"]
        read_only_fields = ["last_login"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if self.instance is None and not attrs.get("password"):
            raise serializers.ValidationError({"password": "新建用户必须设置密码"})
        if attrs.get("password"):
            validate_password(attrs["password"])
        return attrs

    def create(self, validated_data: dict[str, Any]) -> User:
        password = validated_data.pop("password")
        roles = validated_data.pop("roles", [])
        user = User(**validated_data)
        user.set_password(password)
        user = kit_services.save_object(user, actor=self.context["request"].user, action="add")
        services.user_set_roles(actor=self.context["request"].user, user=user, roles=list(roles))
        return user

    def update(self, instance: User, validated_data: dict[str, Any]) -> User:
        password = validated_data.pop("password", None)
        roles = validated_data.pop("roles", None)
        before = kit_services.snapshot(instance)
        for key, value in validated_data.items():
            setattr(instance, key, value)
        if password:
            instance.set_password(password)
        instance = kit_services.save_object(
            instance, actor=self.context["request"].user, action="change", before=before
        )
        if roles is not None:
            services.user_set_roles(actor=self.context["request"].user, user=instance, roles=list(roles))
        return instance


class AuditEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEntry
        fields = [
            "id",
            "at",
            "actor",
            "actor_name",
            "ip",
            "request_id",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "changes",
            "message",
            "hash",
        ]
