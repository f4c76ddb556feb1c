from rest_framework.routers import DefaultRouter

from core.api import views

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
urlpatterns = router.urls
