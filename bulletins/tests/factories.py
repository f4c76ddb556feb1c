"""Sample series, templates and issues inside a given org."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from bulletins.models import Issue, Series, Template
from core.models import Org

_serial = itertools.count(1)


def series(org: Org, n: int = 0, **extra: Any) -> Series:
    fields = {
        "name": f"专报{org.code}-{n}-{next(_serial)}",
        "masthead": "新时代江苏产业工人队伍建设改革联席会",
        "issuing_office": "新时代江苏产业工人队伍建设改革联席会议办公室",
        "report_to": "省委全面深化改革委员会办公室。",
        "copy_to": "各设区市产改领导机构。",
        "org": org,
        **extra,
    }
    return Series.objects.create(**fields)


def template(org: Org, n: int = 0, **extra: Any) -> Template:
    fields = {
        "series": extra.pop("series", None) or series(org, n),
        "name": f"模板{n}-{next(_serial)}",
        "title": "某区产改工作见实效",
        "body": "一、聚焦思想引领。一是开展宣讲。累计开展宣讲{{ 宣讲场次 }}场。",
        **extra,
    }
    obj = Template(**fields)
    obj.full_clean()
    obj.save()
    return obj


def issue(org: Org, n: int = 0, **extra: Any) -> Issue:
    fields = {
        "series": extra.pop("series", None) or series(org, n),
        "title": f"第{n}期标题",
        "body": "正文第一段。\n正文第二段。",
        "period": "2022",
        "org": org,
        "issue_date": date(2023, 4, 6),
        **extra,
    }
    obj = Issue(**fields)
    obj.full_clean()
    obj.save()
    return obj
