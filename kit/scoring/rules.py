"""Conflict-of-interest rules (回避规则) of scoring rounds: which scorer may not score which
subject. Modules add their own by name (`register_conflict_rule`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

CONFLICT_MESSAGE = "不能为本单位（或下级单位）的参评对象评分"


# --- conflict-of-interest rules (回避规则) --------------------------------------------------------
@dataclass(frozen=True)
class ConflictRule:
    name: str
    label: str
    conflicts: Callable[[Any, Any], bool]  # (scorer's user, subject) → True = must not score
    message: str = CONFLICT_MESSAGE


CONFLICT_RULES: dict[str, ConflictRule] = {}


def register_conflict_rule(
    name: str, label: str, message: str = CONFLICT_MESSAGE
) -> Callable[[Callable[[Any, Any], bool]], Callable[[Any, Any], bool]]:
    """Modules add rules by name: `@register_conflict_rule("same_enterprise", "不得评本企业")`."""

    def decorate(func: Callable[[Any, Any], bool]) -> Callable[[Any, Any], bool]:
        CONFLICT_RULES[name] = ConflictRule(name, label, func, message)
        return func

    return decorate


def conflict_rule_choices() -> list[tuple[str, str]]:
    return [(r.name, r.label) for r in CONFLICT_RULES.values()]


def _org_path(org: Any) -> str:
    return str(getattr(org, "path", "") or "") if org is not None else ""


@register_conflict_rule("none", "不设回避")
def _no_conflict(user: Any, subject: Any) -> bool:
    return False


@register_conflict_rule("same_org", "回避本单位及下级单位")
def _same_org_or_below(user: Any, subject: Any) -> bool:
    """The subject's org is the scorer's own org or lies below it (its path starts with his)."""
    mine, theirs = _org_path(getattr(user, "org", None)), _org_path(subject.org)
    return bool(mine and theirs and theirs.startswith(mine))


@register_conflict_rule("own_org", "仅回避本单位")
def _own_org_only(user: Any, subject: Any) -> bool:
    """For district-level panels whose members sit above every subject: only the same org conflicts."""
    org_id = getattr(user, "org_id", None)
    return org_id is not None and subject.org_id == org_id


def conflict_of(rnd: Any, user: Any, subject: Any) -> str | None:
    """The refusal message when `user` may not score `subject` in `rnd`, else None."""
    rule = CONFLICT_RULES.get(rnd.conflict_rule)
    if rule is None:
        return f"未知的回避规则：{rnd.conflict_rule}"
    return rule.message if rule.conflicts(user, subject) else None
