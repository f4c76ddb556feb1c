"""工作台的待办: what waits for this user, counted inside the scope of the permission that acts on
it, each a link to the list that shows exactly those rows.

An app declares its to-dos once, in its `todos.py` (imported by its AppConfig.ready), like its
menu:

    todos.register(
        todos.StatusTodo("待审核的进度报告", "reform.ProgressReport", status="submitted", action="review"),
        todos.ListTodo("待处理的公示异议", "skills.Objection", (("pending", "true"),), action="change"),
    )

A `ListTodo` counts the rows that the user may take `action` on (the permission *and* its data
scope — `visible_to`) under filters of the entity's own list, through that list's filterset, and
links to the list with those filters, so the number on the 工作台 and the rows behind the link are
the same query (tested for every declared to-do); `StatusTodo` is one filtered by status.
Anything else — the scoring assigned to a judge, his finished imports, a case's limits — is a
`Todo` subclass with its own `items(user)`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import urlencode

from django.apps import apps
from django.db import models
from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Item:
    label: str
    count: int
    url: str
    group: str = ""  # the programme (menu group) it belongs to
    level: str = "warning"  # warning: waits for this user; danger: late; info: for his attention


class Todo(ABC):
    """A kind of to-do: `items(user)` returns the lines to show (only those with something waiting)."""

    @abstractmethod
    def items(self, user: Any) -> list[Item]: ...


@dataclass(frozen=True)
class ListTodo(Todo):
    """The rows of a list under some of its own filters (`query`, the list's parameters and the
    count's lookups alike) that the user may take `action` on."""

    label: str
    model_label: str  # "app.Model"
    query_items: tuple[tuple[str, Any], ...] = ()
    action: str = "view"  # the permission whose scope counts: review, change …
    level: str = "warning"

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    def query(self) -> dict[str, Any]:
        return dict(self.query_items)

    def queryset(self, user: Any) -> Any:
        """The count goes through the list's own filterset, so it is the list's query exactly."""
        from kit.entity import entity_for

        qs = self.model._default_manager.visible_to(user, self.action)  # type: ignore[attr-defined]
        entity = entity_for(self.model)
        if entity is None or entity.filterset is None:  # pragma: no cover - caught by the declaration test
            return qs.none()
        fs = entity.filterset({k: str(v) for k, v in self.query().items()}, queryset=qs)
        return fs.qs if fs.is_valid() else qs.none()

    def url(self) -> str:
        from kit.entity import entity_for
        from kit.views.crud import url_for

        entity = entity_for(self.model)
        if entity is None:  # pragma: no cover - caught by the declaration test
            raise LookupError(f"{self.model_label} 没有列表页")
        return f"{url_for(entity, 'list')}?{urlencode(self.query())}"

    def items(self, user: Any) -> list[Item]:
        meta = self.model._meta
        if not user.has_perm(f"{meta.app_label}.{self.action}_{meta.model_name}"):
            return []
        count = self.queryset(user).count()
        return [Item(self.label, count, self.url(), _group_of(self.url()), self.level)] if count else []


def StatusTodo(
    label: str,
    model_label: str,
    *,
    status: str,
    action: str = "view",
    level: str = "warning",
    extra: tuple[tuple[str, Any], ...] = (),
) -> ListTodo:
    """The rows in one status: `ListTodo` filtered by the list's status filter."""
    return ListTodo(label, model_label, (("status", status), *extra), action=action, level=level)


_todos: list[Todo] = []


def register(*todos: Todo) -> None:
    _todos.extend(t for t in todos if t not in _todos)


def registered() -> list[Todo]:
    return list(_todos)


def for_user(user: Any) -> list[Item]:
    """Every to-do with something waiting for `user`, in the order the programmes' menus come."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    out: list[Item] = []
    for todo in _todos:
        out.extend(todo.items(user))
    order = {g: i for i, g in enumerate(_menu_groups())}
    return sorted(out, key=lambda i: order.get(i.group, len(order)))


def _menu_groups() -> list[str]:
    from kit import menu

    return list(dict.fromkeys(label for label, _item in menu.all_entries()))


def _group_of(url: str) -> str:
    """The menu group whose entries' addresses share the longest prefix with `url`."""
    path = url.split("?", 1)[0]
    best, length = "", 0
    for entry_url, group_label in _entry_urls():
        if path.startswith(entry_url) and len(entry_url) > length:
            best, length = group_label, len(entry_url)
    return best


@cache
def _entry_urls() -> tuple[tuple[str, str], ...]:
    """(address, group) of every menu entry, reversed once per process (the menu is fixed)."""
    from kit import menu

    out = []
    for group_label, entry in menu.all_entries():
        try:
            entry_url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        if entry_url != "/":
            out.append((entry_url, group_label))
    return tuple(out)


class ScoringTodo(Todo):
    """评分: the subjects a judge or expert still has to score in rounds open now."""

    def items(self, user: Any) -> list[Item]:
        from kit.scoring.engine import completion
        from kit.scoring.models import RoundScorer, ScoringRound

        left = 0
        for scorer in RoundScorer.objects.filter(user=user, round__status=ScoringRound.Status.OPEN).select_related(
            "round", "round__sheet"
        ):
            row = next((c for c in completion(scorer.round) if c.scorer.pk == scorer.pk), None)
            if row is not None:
                left += row.total - row.done
        return [Item("待完成的评分（参评对象）", left, reverse("scoring:scoring_home"), "评审打分")] if left else []


class JobTodo(Todo):
    """后台任务: the user's imports and exports of the last seven days that failed or finished."""

    days = 7

    def items(self, user: Any) -> list[Item]:
        from datetime import timedelta

        from django.utils import timezone

        from kit.jobs.models import Job

        since = timezone.now() - timedelta(days=self.days)
        mine = Job.objects.filter(owner=user, created_at__gte=since)
        out = []
        failed = mine.filter(status=Job.Status.FAILED).count()
        if failed:
            out.append(
                Item("失败的后台任务（近7天）", failed, reverse("kit:job_list") + "?status=failed", "", "danger")
            )
        done = mine.filter(status=Job.Status.DONE).count()
        if done:
            out.append(Item("已完成的后台任务（近7天）", done, reverse("kit:job_list") + "?status=done", "", "info"))
        return out
