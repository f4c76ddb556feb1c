"""The product's routes plus Django's admin changelist of workers (the bench's baseline)."""

from typing import Any

from django.contrib import admin
from django.urls import path

from changai.urls import urlpatterns as product
from core.models import Person


class PersonAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """What a team would ship with Django alone: the same rows, 50 a page, a filter, a name search."""

    list_display = ("name", "gender", "birth_date", "employer", "job", "skill_level", "is_party_member")
    list_select_related = ("employer", "skill_level")
    list_filter = ("gender",)
    search_fields = ("name",)
    list_per_page = 50

    def lookup_allowed(self, lookup: str, value: str, request: Any = None) -> bool:
        return lookup == "org__path__startswith" or super().lookup_allowed(lookup, value, request)


admin.site.register(Person, PersonAdmin)

urlpatterns = [*product, path("bench-admin/", admin.site.urls)]
