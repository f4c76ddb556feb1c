from django.urls import path

from core import views
from kit.crud import RecycleBinView

app_name = "core"

urlpatterns = [
    *views.OrgViews.urls(),
    *views.RegionViews.urls(),
    *views.EnterpriseViews.urls(),
    *views.PersonViews.urls(),
    *views.HonourViews.urls(),
    *views.MemberUnitViews.urls(),
    *views.DictTypeViews.urls(),
    *views.DictItemViews.urls(),
    *views.RoleViews.urls(),
    *views.UserViews.urls(),
    *views.PolicyDocumentViews.urls(),
    *views.AuditViews.urls(),
    path("recycle-bin/", RecycleBinView.as_view(), name="recycle_bin"),
]
