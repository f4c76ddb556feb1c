"""The recycle bin: soft-deleted rows of every entity the user may change, to restore."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.views import View

from kit.entity import Entity
from kit.views.crud import url_for


# --- recycle bin --------------------------------------------------------------------------------
class RecycleBinView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponseBase:
        sections = []
        for entity in Entity.registry:
            if not entity.soft_delete() or not entity.can(request.user, "change"):
                continue
            qs = (
                entity.model.all_objects.visible_to(request.user, "change")  # type: ignore[attr-defined]
                .filter(  # type: ignore[attr-defined]
                    deleted_at__isnull=False
                )
                .order_by("-deleted_at")[:100]
            )
            items = [{"obj": o, "restore_url": url_for(entity, "restore", o)} for o in qs]
            if items:  # only the kinds with something deleted: an empty bin is one empty state
                sections.append({"title": entity.title(), "items": items})
        return render(
            request,
            "kit/recycle_bin.html",
            {
                "title": "回收站",
                "sections": sections,
                "breadcrumbs": [("系统管理", None), ("回收站", None)],
            },
        )
