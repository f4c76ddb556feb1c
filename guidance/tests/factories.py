"""Sample records of the guidance module inside a given org (fictitious names)."""

from __future__ import annotations

import itertools
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from core.models import Org, PolicyDocument
from guidance.models import Lecture, MediaReport, MicroCourse, TopTenSelection, UnionHonour
from guidance.selectors import IDEOLOGY_SERIES

SH = ZoneInfo("Asia/Shanghai")
_serial = itertools.count(1)


def _saved(obj: Any) -> Any:
    obj.full_clean()
    obj.save()
    return obj


def lecture(org: Org, n: int = 0, **extra: Any) -> Lecture:
    fields = {
        "held_on": date(2022, 5, 1),
        "topic": f"宣讲{org.code}-{n}-{next(_serial)}",
        "venue_type": "online",
        "audience_workers": 10,
        "audience_students": 0,
        "org": org,
        **extra,
    }
    return _saved(Lecture(**fields))


def policy(org: Org, year: int, series: str = IDEOLOGY_SERIES, **extra: Any) -> PolicyDocument:
    fields = {
        "title": f"{year}年{series}-{next(_serial)}",
        "kind": "opinion",
        "series": series,
        "issuer": "区总工会",
        "year": year,
        "org": org,
        **extra,
    }
    return _saved(PolicyDocument(**fields))


def media_report(org: Org, n: int = 0, **extra: Any) -> MediaReport:
    fields = {
        "title": f"报道{org.code}-{n}-{next(_serial)}",
        "outlet": "某报",
        "level": "district",
        "published_on": date(2022, 5, 1),
        "org": org,
        **extra,
    }
    return _saved(MediaReport(**fields))


def course(org: Org, n: int = 0, **extra: Any) -> MicroCourse:
    fields = {
        "title": f"微党课{org.code}-{n}-{next(_serial)}",
        "author": "某某",
        "published_on": date(2022, 5, 1),
        "org": org,
        **extra,
    }
    return _saved(MicroCourse(**fields))


def selection(org: Org, year: int, **extra: Any) -> TopTenSelection:
    fields = {
        "year": year,
        "title": f"{year}年度十佳微党课评选",
        "vote_opens": datetime(year, 11, 1, tzinfo=SH),
        "vote_closes": datetime(year, 11, 30, tzinfo=SH),
        "org": org,
        **extra,
    }
    return _saved(TopTenSelection(**fields))


def honour(org: Org, n: int = 0, **extra: Any) -> UnionHonour:
    fields = {
        "name": f"优秀组织奖{n}-{next(_serial)}",
        "issuer": "市总工会",
        "level": "city",
        "awarded_on": date(2022, 5, 1),
        "org": org,
        **extra,
    }
    return _saved(UnionHonour(**fields))
