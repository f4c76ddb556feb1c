"""The URL patterns of entities' pages: `entity_pages(app.entities)` in an app's urls.py."""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.views import View

from kit.entity import Entity, entities_of
from kit.views.crud import (
    BulkDeleteView,
    DeleteView,
    DetailView,
    EditView,
    ListView,
    RestoreView,
    RevealView,
    TransitionView,
    route_name,
)
from kit.views.excel import ExportView, ImportView, TemplateView


def pages(entity: type[Entity]) -> list[Any]:
    """The URL patterns of one entity's pages."""
    m = entity.model._meta.model_name
    views: list[tuple[str, str, type[View]]] = [("list", f"{m}/", ListView)]
    edit_view = entity.edit_view or EditView
    if "add" in entity.actions:
        views.append(("add", f"{m}/add/", edit_view))
    if "import" in entity.actions and entity.excel_spec:
        views += [("import", f"{m}/import/", ImportView), ("template", f"{m}/template/", TemplateView)]
    if "export" in entity.actions and entity.excel_spec:
        views.append(("export", f"{m}/export/", ExportView))
    if "delete" in entity.actions:
        views.append(("bulk_delete", f"{m}/bulk-delete/", BulkDeleteView))
    if "detail" in entity.actions:
        views += [("detail", f"{m}/<int:pk>/", DetailView), ("reveal", f"{m}/<int:pk>/reveal/", RevealView)]
    if "edit" in entity.actions:
        views.append(("edit", f"{m}/<int:pk>/edit/", edit_view))
    if "delete" in entity.actions:
        views.append(("delete", f"{m}/<int:pk>/delete/", DeleteView))
    if entity.soft_delete():
        views.append(("restore", f"{m}/<int:pk>/restore/", RestoreView))
    if getattr(entity.model, "transitions", None):
        views.append(("transition", f"{m}/<int:pk>/transition/<str:name>/", TransitionView))
    return [path(route, view.as_view(entity=entity), name=route_name(entity, action)) for action, route, view in views]


def entity_pages(module: Any) -> list[Any]:
    """The pages of every entity declared in `module` (an app's `entities`)."""
    return [p for entity in entities_of(module) for p in pages(entity)]
