"""Sample data for tests: valid but fictitious ID numbers, credit codes and phones."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

from stdnum.cn import ric, uscc

from core.models import DictItem, DictType, Enterprise, MemberUnit, Org, Person, Region


def id_number(n: int, region: str = "320113", born: date | None = None) -> str:
    born = born or date(1960, 1, 1) + timedelta(days=(n * 37) % (365 * 40))
    body = f"{region}{born:%Y%m%d}{n % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


_serial = itertools.count(1)


def credit_code(n: int) -> str:
    body = f"91320113MA1T{n % 100000:05d}"
    return body + uscc.calc_check_digit(body)


def mobile(n: int) -> str:
    return f"139{n % 100000000:08d}"


def dict_item(code: str, value: str, label: str) -> DictItem:
    dtype, _ = DictType.objects.get_or_create(code=code, defaults={"name": code})
    item, _ = DictItem.objects.get_or_create(dict_type=dtype, value=value, defaults={"label": label})
    return item


def enterprise(org: Org, n: int = 0, **extra: Any) -> Enterprise:
    fields = {
        "name": f"测试企业{org.code}-{n}",
        "uscc": credit_code(50000 + next(_serial)),
        "ownership": "private",
        "org": org,
        **extra,
    }
    obj = Enterprise(**fields)
    obj.full_clean()
    obj.save()
    return obj


def person(org: Org, n: int = 0, **extra: Any) -> Person:
    fields = {
        "name": f"张{'三四五六七八九十'[n % 8]}{org.code}{n}",
        "id_number": id_number(100000 + next(_serial)),
        "phone": mobile(50000000 + next(_serial)),
        "org": org,
        **extra,
    }
    obj = Person(**fields)
    obj.full_clean()
    obj.save()
    return obj


def member_unit(org: Org, n: int = 0) -> MemberUnit:
    return MemberUnit.objects.create(name=f"区测试局{org.code}-{n}", org=org, sort=n)


def region(n: int = 0, parent: Region | None = None) -> Region:
    return Region.objects.create(code=f"3201139{n:02d}", name=f"测试街道{n}", level=4, parent=parent)
