"""The child processes of `make bench`, each measured alone (its own peak memory):

    python -m changai.bench.workers prepare FILE ROWS  the bench's accounts, and an import file of ROWS new
                                                       workers in the product's own template columns
    python -m changai.bench.workers read FILE          openpyxl read_only iteration (the baseline)
    python -m changai.bench.workers import FILE USER   the product's import, then the same file again
                                                       (every row an update), rolled back at the end

Each prints one JSON line."""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from typing import Any


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def read(path: str) -> dict[str, Any]:
    from openpyxl import load_workbook  # imported before measuring, as Django is for the import

    before = _rss_mb()
    started = time.perf_counter()
    with open(path, "rb") as fh:
        workbook = load_workbook(fh, read_only=True, data_only=True)
        rows = sum(1 for _ in workbook.worksheets[0].iter_rows(values_only=True))
        workbook.close()
    return {"seconds": time.perf_counter() - started, "rows": rows, "peak_mb": _peak_mb() - before}


class _Rollback(Exception):
    pass


def import_twice(path: str, username: str) -> dict[str, Any]:
    import django

    django.setup()
    from django.db import transaction

    from core.entities import PersonEntity
    from core.models import User

    spec = PersonEntity.excel_spec
    assert spec is not None
    user = User.objects.get(username=username)
    out: dict[str, Any] = {}
    before = _rss_mb()
    try:
        with transaction.atomic():
            started = time.perf_counter()
            with open(path, "rb") as fh:  # as the job does: the upload's bytes
                first = spec.run_import(fh.read(), user=user)
            out["seconds"] = time.perf_counter() - started
            out["peak_mb"] = _peak_mb() - before
            out["created"], out["ok"] = first.created, first.ok
            out["errors"] = [list(e) for e in first.errors[:3]] + first.general_errors
            started = time.perf_counter()
            with open(path, "rb") as fh:
                second = spec.run_import(fh.read(), user=user)
            out["reimport_seconds"] = time.perf_counter() - started
            out["reimport_peak_mb"] = _peak_mb() - before
            out["updated"] = second.updated
            raise _Rollback
    except _Rollback:
        pass
    return out


BENCH_ROLE = "bench"
IMPORT_REGION = "320199"  # a fictitious region code: clear of the generated and the demo workers


def accounts() -> dict[str, Any]:
    """The bench's accounts (created once): a district, a sub-district and an enterprise user with
    every permission of `core` over their subtree, and a superuser for Django's admin."""
    from django.contrib.auth.models import Permission
    from django.db.models import Count

    from core.demo import scale
    from core.models import Org, Role, User

    role, _ = Role.objects.get_or_create(code=BENCH_ROLE, defaults={"name": "规模测试", "data_scope": "subtree"})
    role.permissions.set(Permission.objects.filter(content_type__app_label="core"))
    root = Org.objects.get(code=scale.ROOT_CODE)
    town = Org.objects.filter(path__startswith=root.path, kind=Org.Kind.SUBDISTRICT).order_by("path").first()
    assert town is not None
    unit = (
        Org.objects.filter(path__startswith=town.path, kind=Org.Kind.ENTERPRISE)
        .annotate(n=Count("people"))
        .order_by("-n")
        .first()
    ) or town
    out = {}
    for username, org in (("bench_district", root), ("bench_town", town), ("bench_unit", unit)):
        user, created = User.objects.get_or_create(username=username, defaults={"org": org, "name": username})
        if not created and user.org_id != org.pk:
            user.org = org
            user.save(update_fields=["org"])
        user.roles.set([role])
        out[username] = {"id": user.pk, "org_path": org.path}
    admin, _ = User.objects.get_or_create(
        username="bench_admin", defaults={"is_superuser": True, "is_staff": True, "org": root}
    )
    out["bench_admin"] = {"id": admin.pk, "org_path": root.path}
    return out


def prepare(path: str, rows: int) -> dict[str, Any]:
    """Accounts, and a workbook of `rows` new workers: the template's columns, employers named as
    the database has them, valid ID numbers (`core.demo.scale.id_number`) and mobiles."""
    import django

    django.setup()
    import random

    import xlsxwriter

    from core.demo import data, scale
    from core.entities import PersonEntity
    from core.models import DictItem, Enterprise

    users = accounts()
    spec = PersonEntity.excel_spec
    assert spec is not None
    columns = spec.import_columns
    employers = list(Enterprise.objects.order_by("pk").values_list("name", flat=True)[:5000])
    levels = [str(item) for item in DictItem.objects.filter(dict_type__code="skill_level")]
    rng = random.Random(18)
    workbook = xlsxwriter.Workbook(path, {"constant_memory": True, "strings_to_numbers": False})
    sheet = workbook.add_worksheet(spec.sheet_title)
    sheet.write_row(0, 0, [c.header for c in columns])
    for i in range(rows):
        values = {
            "name": rng.choice(data.SURNAMES) + rng.choice(data.GIVEN) + rng.choice(data.GIVEN),
            "id_number": scale.id_number(IMPORT_REGION, i, seed=18),
            "phone": rng.choice(scale.MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}",
            "employer": employers[i % len(employers)],
            "job": rng.choice(data.JOBS),
            "skill_level": rng.choice(levels) if rng.random() < 0.7 else "",
            "is_party_member": "是" if rng.random() < 0.22 else "否",
        }
        sheet.write_row(i + 1, 0, [values.get(c.key, "") for c in columns])
    workbook.close()
    return {"file": path, "rows": rows, "users": users}


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "prepare":
        result = prepare(args[0], int(args[1]))
    elif command == "read":
        result = read(args[0])
    else:
        result = import_twice(args[0], args[1])
    print(json.dumps(result))
