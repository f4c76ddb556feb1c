"""The left menu: apps register groups and entries; the shell shows those the user may open."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse


@dataclass
class MenuItem:
    label: str
    url_name: str
    perm: str | None = None  # e.g. "core.view_person"
    icon: str = ""
    # who else sees it: None — an entry without `perm` (a module's 概览) shows only beside an entry
    # of its group the user may open, so a role sees the programmes it works in and no others
    when: Callable[[Any], bool] | None = None
    always: bool = False  # shown to every signed-in user (工作台, 指标看板)

    def opens_for(self, user: Any) -> bool:
        """Does this entry on its own give `user` a reason to see the group?"""
        if self.always:
            return True
        if self.perm:
            return bool(user.has_perm(self.perm))
        return bool(self.when and self.when(user))

    def companion(self) -> bool:
        """An entry shown only beside another (a module's 概览)."""
        return not (self.always or self.perm or self.when)

    def url(self) -> str:
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return "#"


@dataclass
class MenuGroup:
    key: str
    label: str
    icon: str
    order: int
    items: list[MenuItem] = field(default_factory=list)


_groups: dict[str, MenuGroup] = {}


def register(key: str, label: str, *, icon: str, order: int, items: list[MenuItem]) -> None:
    group = _groups.setdefault(key, MenuGroup(key=key, label=label, icon=icon, order=order))
    known = {i.url_name for i in group.items}
    group.items.extend(i for i in items if i.url_name not in known)


def for_user(user: Any, current_path: str = "") -> list[dict[str, Any]]:
    out = []
    for group in sorted(_groups.values(), key=lambda g: g.order):
        items: list[dict[str, Any]] = []
        if not any(item.opens_for(user) for item in group.items):
            continue
        for item in group.items:
            if not (item.companion() or item.opens_for(user)):
                continue
            items.append({"label": item.label, "url": item.url(), "icon": item.icon, "active": False})
        # the one entry whose address is the longest prefix of the current page is active (so a
        # module's 概览 at /reform/ is not lit on every /reform/… page)
        matching = [
            i
            for i in items
            if i["url"] != "#" and (current_path == i["url"] or (i["url"] != "/" and current_path.startswith(i["url"])))
        ]
        if matching:
            max(matching, key=lambda i: len(i["url"]))["active"] = True
        if items:
            out.append(
                {
                    "key": group.key,
                    "label": group.label,
                    "icon": group.icon,
                    "items": items,
                    "active": any(i["active"] for i in items),
                }
            )
    return out


def all_entries() -> list[tuple[str, MenuItem]]:
    return [(g.label, i) for g in sorted(_groups.values(), key=lambda g: g.order) for i in g.items]
