"""Sample records of the merit module inside a given org (fictitious names)."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from core.models import Org
from core.tests import factories as f
from merit.models import Competition, GroupProject, Studio, StudioLevel, WorkGroup

_serial = itertools.count(1)


def _saved(obj: Any) -> Any:
    obj.full_clean()
    obj.save()
    return obj


def studio(org: Org, founded_on: date, levels: tuple[tuple[str, date], ...] = (), **extra: Any) -> Studio:
    """A studio with its namings (level, since), in order; its current level is the last one."""
    n = next(_serial)
    host = extra.pop("host", None) or f.enterprise(org, 4000 + n)
    fields = {
        "name": f"创新工作室{org.code}-{n}",
        "kind": "model_worker",
        "level": levels[-1][0] if levels else "enterprise",
        "host": host,
        "leader": extra.pop("leader", None) or f.person(org, n, employer=host),
        "founded_on": founded_on,
        "org": org,
        **extra,
    }
    made = _saved(Studio(**fields))
    for level, since in levels:
        _saved(StudioLevel(studio=made, level=level, since=since))
    return made


def work_group(org: Org, founded_on: date, **extra: Any) -> WorkGroup:
    fields = {
        "name": f"劳模创新工作组{org.code}-{next(_serial)}",
        "theme": WorkGroup.Theme.POVERTY,
        "founded_on": founded_on,
        "org": org,
        **extra,
    }
    return _saved(WorkGroup(**fields))


def group_project(group: WorkGroup, started_on: date, households: int, **extra: Any) -> GroupProject:
    fields = {
        "group": group,
        "name": f"帮扶项目{next(_serial)}",
        "beneficiary_area": "山西壶关",
        "households": households,
        "started_on": started_on,
        **extra,
    }
    return _saved(GroupProject(**fields))


def competition(org: Org, starts_on: date, tier: str = Competition.Tier.DISTRICT, **extra: Any) -> Competition:
    if tier == Competition.Tier.INDUSTRY and "industry" not in extra:
        extra["industry"] = f.dict_item("industry", "manufacturing", "制造业")
    fields = {
        "name": f"职工技能竞赛{org.code}-{next(_serial)}",
        "tier": tier,
        "organisers": "区总工会",
        "starts_on": starts_on,
        "ends_on": extra.pop("ends_on", starts_on),
        "org": org,
        **extra,
    }
    return _saved(Competition(**fields))
