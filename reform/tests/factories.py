"""Sample records of the reform module inside a given org (fictitious names)."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from core.models import Enterprise, MemberUnit, Org, PolicyDocument
from core.tests import factories as f
from reform.models import Initiative, KeyContact, MicroService, ReformProject, ServicePosition

_serial = itertools.count(1)


def _saved(obj: Any) -> Any:
    obj.full_clean()
    obj.save()
    return obj


def initiative(org: Org, n: int = 0) -> Initiative:
    return Initiative.objects.create(name=f"举措{org.code}-{n}-{next(_serial)}", org=org)


def unit(org: Org) -> MemberUnit:
    return MemberUnit.objects.get_or_create(org=org, name=f"区人社局{org.code}")[0]


def project(org: Org, n: int = 0, **extra: Any) -> ReformProject:
    start = extra.pop("start_date", date(2022, 1, 1))
    fields = {
        "initiative": extra.pop("initiative", None) or initiative(org, n),
        "name": f"项目{org.code}-{n}-{next(_serial)}",
        "owner_unit": extra.pop("owner_unit", None) or unit(org),
        "target": "完成",
        "target_value": 100,
        "start_date": start,
        "due_date": extra.pop("due_date", date(start.year + 1, 12, 31)),
        "org": org,
        **extra,
    }
    return _saved(ReformProject(**fields))


def policy(org: Org, year: int, series: str = "党工共建实施意见", **extra: Any) -> PolicyDocument:
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


def position(org: Org, n: int = 0, **extra: Any) -> ServicePosition:
    fields = {
        "name": f"阵地{org.code}-{n}-{next(_serial)}",
        "kind": "community",
        "host_name": "某社区",
        "opened_on": date(2021, 1, 1),
        "org": org,
        **extra,
    }
    return _saved(ServicePosition(**fields))


def micro_service(org: Org, n: int = 0, **extra: Any) -> MicroService:
    fields = {
        "name": f"微服务{org.code}-{n}-{next(_serial)}",
        "launched_on": date(2021, 1, 1),
        "org": org,
        **extra,
    }
    return _saved(MicroService(**fields))


def key_contact(org: Org, n: int = 0, **extra: Any) -> KeyContact:
    enterprise: Enterprise = extra.pop("enterprise", None) or f.enterprise(org, 8000 + next(_serial))
    fields = {
        "enterprise": enterprise,
        "contact": f"联系人{n}",
        "since": date(2021, 1, 1),
        **extra,
    }
    return _saved(KeyContact(**fields))
