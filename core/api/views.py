from __future__ import annotations

from django.db.models import OuterRef, Subquery
from django.db.models.functions import Length, Substr
from rest_framework import viewsets

from core import filters, selectors
from core.api import serializers as s
from core.models import DictItem, DictType, Enterprise, MemberUnit, Org, Person, PersonHonour, Region, Role, User
from kit.api import ModelActionPermission, ScopedModelViewSet
from kit.models import AuditEntry


class OrgViewSet(ScopedModelViewSet):
    queryset = Org.objects.all()
    serializer_class = s.OrgSerializer
    filterset_class = filters.OrgFilterSet
    search_fn = staticmethod(lambda qs, q: qs.filter(name__contains=q))
    select_related = ("region",)

    def get_queryset(self):  # type: ignore[no-untyped-def]
        """Each org's parent id in the same query (the parent's path is the path minus one step)."""
        parent = Org.objects.filter(path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Org.steplen)).values(
            "pk"
        )[:1]
        return super().get_queryset().annotate(parent_pk=Subquery(parent))


class RegionViewSet(ScopedModelViewSet):
    queryset = Region.objects.all()
    serializer_class = s.RegionSerializer
    filterset_class = filters.RegionFilterSet
    search_fn = staticmethod(lambda qs, q: qs.filter(name__contains=q) | qs.filter(code__startswith=q))


class EnterpriseViewSet(ScopedModelViewSet):
    queryset = Enterprise.objects.all()
    serializer_class = s.EnterpriseSerializer
    filterset_class = filters.EnterpriseFilterSet
    search_fn = staticmethod(selectors.enterprise_search)


class PersonViewSet(ScopedModelViewSet):
    queryset = Person.objects.all()
    serializer_class = s.PersonSerializer
    filterset_class = filters.PersonFilterSet
    search_fn = staticmethod(selectors.person_search)
    ordering_fields = ["id", "name", "birth_date", "created_at"]


class HonourViewSet(ScopedModelViewSet):
    queryset = PersonHonour.objects.all()
    serializer_class = s.HonourSerializer
    filterset_fields = ["person", "kind", "level", "year"]


class MemberUnitViewSet(ScopedModelViewSet):
    queryset = MemberUnit.objects.all()
    serializer_class = s.MemberUnitSerializer
    filterset_class = filters.MemberUnitFilterSet
    search_fn = staticmethod(lambda qs, q: qs.filter(name__contains=q))


class DictTypeViewSet(ScopedModelViewSet):
    queryset = DictType.objects.all()
    serializer_class = s.DictTypeSerializer
    filterset_fields = ["code"]


class DictItemViewSet(ScopedModelViewSet):
    queryset = DictItem.objects.all()
    serializer_class = s.DictItemSerializer
    filterset_class = filters.DictItemFilterSet


class RoleViewSet(ScopedModelViewSet):
    queryset = Role.objects.all()
    serializer_class = s.RoleSerializer
    prefetch_related = ("permissions", "custom_orgs")


class UserViewSet(ScopedModelViewSet):
    queryset = User.objects.all()
    serializer_class = s.UserSerializer
    filterset_class = filters.UserFilterSet
    search_fn = staticmethod(lambda qs, q: qs.filter(username__startswith=q) | qs.filter(name__startswith=q))
    prefetch_related = ("roles",)


class AuditEntryViewSet(viewsets.ReadOnlyModelViewSet):
    """操作日志：只读。"""

    queryset = AuditEntry.objects.all()
    serializer_class = s.AuditEntrySerializer
    permission_classes = [ModelActionPermission]
    filterset_class = filters.AuditFilterSet

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return AuditEntry.objects.visible_to(self.request.user, "view").order_by("-id")
