"""Data scope (数据权限): which rows a user may see or touch, as one Q object.

A user's roles each carry a scope — all / own org and below / own org / self / custom orgs —
and the permissions they grant. For an action on a model, the user's scope is the union of the
scopes of the roles that grant that action's permission. The domain supplies the user's roles
(see `ScopeSource`); the kit turns a scope into a filter over the model's declared org path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from django.db.models import Q


@dataclass(frozen=True)
class Scope:
    all: bool = False
    subtree_paths: frozenset[str] = field(default_factory=frozenset)  # org path prefixes
    org_ids: frozenset[int] = field(default_factory=frozenset)  # exact orgs
    own_rows: bool = False  # rows the user created / that are the user himself
    unit_ids: frozenset[int] = field(default_factory=frozenset)  # rows owned by these (member) units
    person_ids: frozenset[int] = field(default_factory=frozenset)  # rows about these people (a worker's own)

    @property
    def empty(self) -> bool:
        return not (self.all or self.subtree_paths or self.org_ids or self.own_rows or self.unit_ids or self.person_ids)

    def union(self, other: Scope) -> Scope:
        return Scope(
            all=self.all or other.all,
            subtree_paths=self.subtree_paths | other.subtree_paths,
            org_ids=self.org_ids | other.org_ids,
            own_rows=self.own_rows or other.own_rows,
            unit_ids=self.unit_ids | other.unit_ids,
            person_ids=self.person_ids | other.person_ids,
        )


NO_SCOPE = Scope()
ALL_SCOPE = Scope(all=True)


def ancestor_paths(path: str, steplen: int = 4) -> list[str]:
    """The materialized paths of a node and of every node above it: what is "open to" someone at
    `path` — a class, a competition, an activity run by his union or by any union above it."""
    return [path[:i] for i in range(steplen, len(path) + 1, steplen)]


def minimal_prefixes(paths: frozenset[str]) -> list[str]:
    """Drop paths already covered by a shorter prefix, so the filter stays small."""
    kept: list[str] = []
    for p in sorted(paths, key=len):
        if not any(p.startswith(k) for k in kept):
            kept.append(p)
    return sorted(kept)


@dataclass(frozen=True)
class ScopeSpec:
    """How a model reaches its org. `path`: lookup to the org's materialized path;
    `org`: lookup to the org's id; `owner`: lookup to the user who 'owns' the row for the
    'self' scope; `person`: lookup to the worker the row is about (his enrolment, his case …), so
    that a worker's "self" scope covers his own records wherever they were entered. `None` for
    `path` means the model is reference data: permission only."""

    path: str | None = "org__path"
    org: str = "org_id"
    owner: str = "created_by_id"
    unit: str | None = None  # lookup to the owning unit's id (e.g. a joint-meeting member unit)
    person: str | None = None  # lookup to the id of the Person the row is about


class ScopeSource(Protocol):
    """What the user model provides (core.User implements it)."""

    pk: Any
    is_active: bool
    is_superuser: bool

    def scope_for(self, perm: str) -> Scope: ...


def scope_q(spec: ScopeSpec, scope: Scope, user_pk: Any) -> Q | None:
    """The filter for a scope; None means 'no restriction'. An empty Q list means nothing."""
    if scope.all or spec.path is None:
        return None
    q = Q(pk__in=[])
    for prefix in minimal_prefixes(scope.subtree_paths):
        q |= Q(**{f"{spec.path}__startswith": prefix})
    if scope.org_ids:
        q |= Q(**{f"{spec.org}__in": sorted(scope.org_ids)})
    if scope.own_rows and spec.owner:
        q |= Q(**{spec.owner: user_pk})
    if scope.unit_ids and spec.unit:
        q |= Q(**{f"{spec.unit}__in": sorted(scope.unit_ids)})
    if scope.person_ids and spec.person:
        q |= Q(**{f"{spec.person}__in": sorted(scope.person_ids)})
    return q


def scope_allows(user: Any, perm: str, obj: Any, *, path: str | None = None, org_id: Any = None) -> bool:
    """In-memory check that `obj` (not yet saved, or being changed) lies inside the user's scope
    for `perm`, following the model's ScopeSpec (used by bulk imports: no query per row).
    `path` / `org_id` may be given when the caller has them cached; otherwise they are resolved
    on the object."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not user.has_perm(perm):
        return False
    spec: ScopeSpec = getattr(type(obj), "scope", ScopeSpec())
    scope = user.scope_for(perm)
    if scope.all or spec.path is None:
        return True
    if path is None:
        path = follow(obj, spec.path)
    if org_id is None:
        org_id = follow(obj, spec.org)
    if path is not None and any(str(path).startswith(p) for p in scope.subtree_paths):
        return True
    if org_id is not None and org_id in scope.org_ids:
        return True
    if scope.unit_ids and spec.unit and follow(obj, spec.unit) in scope.unit_ids:
        return True
    if scope.person_ids and spec.person and follow(obj, spec.person) in scope.person_ids:
        return True
    if scope.own_rows and spec.owner:
        owner = follow(obj, spec.owner)
        return owner is None or owner == user.pk  # a new row will be owned by its creator
    return False


def follow(obj: Any, lookup: str) -> Any:
    """Follow `a__b__c` on an object; a trailing `x_id` / `pk` is read without a query."""
    value = obj
    for part in lookup.split("__"):
        if value is None:
            return None
        value = getattr(value, part, None)
    return value
