from rest_framework.routers import DefaultRouter

from core.api import views
from core.models import PolicyDocument
from kit import declare

router = DefaultRouter()
router.register("orgs", views.OrgViewSet)
router.register("regions", views.RegionViewSet)
router.register("enterprises", views.EnterpriseViewSet)
router.register("people", views.PersonViewSet)
router.register("honours", views.HonourViewSet)
router.register("member-units", views.MemberUnitViewSet)
router.register("dict-types", views.DictTypeViewSet)
router.register("dict-items", views.DictItemViewSet)
router.register("roles", views.RoleViewSet)
router.register("users", views.UserViewSet)
router.register("audit", views.AuditEntryViewSet)
router.register(
    "policies",
    declare.viewset(
        PolicyDocument,
        declare.serializer(
            PolicyDocument, ["title", "kind", "series", "issuer", "doc_number", "year", "issued_on", "org", "remark"]
        ),
    ),
    basename="policies",
)
urlpatterns = router.urls
