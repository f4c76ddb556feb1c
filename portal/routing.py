"""Which union receives a worker who joins online (网上入会) or transfers (会员转接), by the org tree:

1. his employer has its own union (the enterprise's org is an 企业工会) → that union;
2. otherwise — no union at his employer, or a new-employment-form worker (courier, rider, driver)
   whose platform company has none here — an industry union (行业工会) or area union that declares
   it takes his category (`Org.serves_new_form`) and hangs below his place of work or below any
   union above it (the district's industry union sits beside the sub-districts); the nearest first;
3. otherwise the sub-district's or park's union (联合工会) where he works;
4. otherwise the district federation.

"Where he works" is the employer's union, or the sub-district / park union he chose."""

from __future__ import annotations

from typing import Any

from core.models import Org
from kit.scope import ancestor_paths

ENTERPRISE, INDUSTRY, AREA, DISTRICT = "enterprise", "industry", "area", "district"
AREAS = (Org.Kind.SUBDISTRICT, Org.Kind.PARK)


def route(*, employer: Any = None, category: Any = None, place: Org | None = None) -> tuple[str, Org]:
    """(route, receiving union). `place` is the sub-district or park union he works in when he
    has no employer on the platform; with an employer, its union's place in the tree decides."""
    base = employer.org if employer is not None else place
    if base is None:
        raise ValueError("route() needs an employer or a place of work")
    if employer is not None and base.kind == Org.Kind.ENTERPRISE:
        return ENTERPRISE, base
    above = ancestor_paths(base.path)
    if category is not None:
        # a union that takes his category and hangs below his place or any union above it (an
        # industry union sits beside the sub-districts, under the district); the nearest first
        takers = [
            o
            for o in Org.objects.filter(serves_new_form=category, is_active=True)
            if o.path[: -Org.steplen] in above or o.path in above
        ]
        if takers:
            nearest = max(takers, key=lambda o: (o.depth, o.path))
            return (INDUSTRY if nearest.kind == Org.Kind.INDUSTRY else AREA), nearest
    area = Org.objects.filter(path__in=above, kind__in=AREAS, is_active=True).order_by("-depth").first()
    if area is not None:
        return AREA, area
    district = Org.objects.filter(path__in=above, kind=Org.Kind.FEDERATION).order_by("-depth").first()
    return DISTRICT, district or base
