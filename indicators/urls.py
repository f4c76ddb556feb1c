from django.urls import path

from indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="overview"),
    path("catalogue/", views.CatalogueView.as_view(), name="catalogue"),
    path("export/", views.ExportView.as_view(), name="export"),
    path("<str:code>/records/", views.RecordsView.as_view(), name="records"),
]
