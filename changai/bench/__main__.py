"""`make bench` (`python -m changai.bench`): the scale targets of issue 18, each measured against a
baseline taken in the same run on the same machine, so a ratio holds on a noisy machine.

PostgreSQL: `DATABASE_URL`, or `BENCH_DATABASE_URL` (default a local `changai_bench`), created
and migrated when missing; the dataset is `generate_scale --persons $BENCH_PERSONS` (default
100,000), generated once and kept (regenerated when the size asked for differs). The import is
also measured on a fresh SQLite file. Prints a table and writes `var/bench/latest.json`:
{"persons": N, "results": [{"name", "value", "unit", "baseline", "ratio", "target", "holds"}, …]}.
`target` says what is compared: "ratio ≤ x" (value / baseline) or "≤ x <unit>" (the value)."""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/changai_bench"
SETTINGS = "changai.bench.settings"
SAMPLES = 5  # server time: the median of 5 requests after one warm-up


def _env(url: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": SETTINGS, "CHANGAI_DEBUG": "1"}


def _manage(url: str, *args: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=_env(url), cwd=ROOT, check=True)


def _worker(url: str, *args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "changai.bench.workers", *args],
        env=_env(url),
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _admin_connection(url: str) -> Any:
    import psycopg

    parts = urlsplit(url)
    conn = psycopg.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password,
        dbname="postgres",
        autocommit=True,
    )
    return conn, parts.path.lstrip("/")


def _create_database(url: str, *, fresh: bool) -> None:
    conn, name = _admin_connection(url)
    with conn:
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def _dataset_size() -> int | None:
    from core.demo import scale
    from core.models import Org, Person

    root = Org.objects.filter(code=scale.ROOT_CODE).first()
    return None if root is None else Person.objects.filter(org__path__startswith=root.path).count()


def prepare_postgres(url: str, persons: int) -> None:
    """The database, migrated, with the generated dataset of `persons` workers."""
    from django.db import connections

    _create_database(url, fresh=False)
    _manage(url, "migrate", "--noinput", "-v", "0")
    size = _dataset_size()
    if size == persons:
        print(f"数据集：已有 {persons} 名职工", flush=True)
        return
    if size is not None:
        connections.close_all()
        _create_database(url, fresh=True)
        _manage(url, "migrate", "--noinput", "-v", "0")
    started = time.monotonic()
    _manage(url, "generate_scale", "--persons", str(persons), "--seed", "1", "-v", "1")
    print(f"数据集：生成 {persons} 名职工用时 {time.monotonic() - started:.0f} 秒", flush=True)
    from django.db import connection

    with connection.cursor() as cursor:  # the planner's statistics, as autovacuum would give them
        cursor.execute("ANALYZE")


# --- measuring --------------------------------------------------------------------------------
def result(name: str, value: float, unit: str, baseline: float, target: str, holds: bool) -> dict[str, Any]:
    return {
        "name": name,
        "value": round(value, 3),
        "unit": unit,
        "baseline": round(baseline, 3),
        "ratio": round(value / baseline, 3) if baseline else None,
        "target": target,
        "holds": bool(holds),
    }


def ratio_result(name: str, value: float, unit: str, baseline: float, most: float) -> dict[str, Any]:
    return result(name, value, unit, baseline, f"ratio ≤ {most}", bool(baseline) and value / baseline <= most)


def server_ms(client: Any, url: str) -> float:
    """Median server time of a page in ms (the request handled in process: middleware, view,
    queries, template), after a warm-up; the page must answer 200."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(SAMPLES):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def queries_of(client: Any, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def lists(users: dict[str, Any]) -> list[dict[str, Any]]:
    from django.test import Client
    from django.urls import reverse

    from core.models import Person, User

    def client_for(username: str) -> Client:
        client = Client()
        client.force_login(User.objects.get(username=username))
        return client

    town, district, admin = client_for("bench_town"), client_for("bench_district"), client_for("bench_admin")
    ours = reverse("core:person_list")
    theirs = "/bench-admin/core/person/"
    town_path = users["bench_town"]["org_path"]
    sample = Person.objects.filter(org__path__startswith=town_path).order_by("pk")[100:101].get()
    out = []
    cases: list[tuple[str, Any, str, str, float]] = [
        ("职工列表第1页50行（街道用户，本街道）", town, "?per_page=50", f"?org__path__startswith={town_path}", 0.3),
        ("职工列表性别=女50行（区用户）", district, "?gender=F&per_page=50", "?gender__exact=F", 0.3),
        ("职工列表第200页50行（区用户）", district, "?page=200&per_page=50", "?p=200", 0.3),
        ("职工姓名全名搜索（区用户）", district, f"?q={sample.name}&per_page=50", f"?q={sample.name}", 0.1),
        ("职工拼音首字母搜索（区用户）", district, f"?q={sample.name_initials}&per_page=50", f"?q={sample.name}", 0.1),
    ]
    for name, client, query, admin_query, most in cases:
        value = server_ms(client, ours + query)
        baseline = server_ms(admin, theirs + admin_query)
        out.append(ratio_result(name + "：与 Django admin 之比", value, "ms", baseline, most))
        if "第200页" in name:
            # the deep page as cheap as the first, for the same user (50% tolerance for noise)
            first = server_ms(client, ours + "?per_page=50")
            out.append(ratio_result("职工列表第200页与第1页之比（区用户）", value, "ms", first, 1.5))
    q20 = queries_of(district, ours + "?per_page=20")
    q100 = queries_of(district, ours + "?per_page=100")
    out.append(result("职工列表查询数：每页100行与20行", q100, "queries", q20, "= baseline", q100 == q20))
    return out


def lookup() -> dict[str, Any]:
    from core.models import Person
    from kit.pii import blind_index

    ids = list(Person.objects.values_list("pk", flat=True).order_by("?")[:50])
    numbers = [p.id_number for p in Person.objects.filter(pk__in=ids)]

    def timed(find: Callable[[Any], Any], keys: list[Any]) -> float:
        times = []
        for key in keys:
            started = time.perf_counter()
            assert find(key) is not None
            times.append((time.perf_counter() - started) * 1000)
        return statistics.median(times)

    by_index = timed(lambda n: Person.objects.filter(id_number_bidx=blind_index(n, kind="id_number")).first(), numbers)
    by_pk = timed(lambda pk: Person.objects.filter(pk=pk).first(), ids)
    return result("按身份证号精确查找（盲索引）", by_index, "ms", by_pk, "≤ 5 ms", by_index <= 5)


def imports(url: str, label: str, rows: int, workdir: Path) -> list[dict[str, Any]]:
    path = workdir / f"import-{label}.xlsx"
    prepared = _worker(url, "prepare", str(path), str(rows))
    base = _worker(url, "read", str(path))
    got = _worker(url, "import", str(path), "bench_district")
    if not got.get("ok") or got.get("created") != rows or got.get("updated") != rows:
        raise SystemExit(f"{label} 导入未成功：{got}")
    assert base["rows"] == prepared["rows"] + 1
    name = f"Excel导入{rows}名职工（{label}）"
    return [
        ratio_result(name + "：与 openpyxl 只读遍历之比", got["seconds"], "s", base["seconds"], 1.0),
        result(name + "：峰值内存增量", got["peak_mb"], "MB", base["peak_mb"], "≤ 200 MB", got["peak_mb"] <= 200),
        ratio_result(
            name.replace("导入", "再次导入（全部更新）") + "：与 openpyxl 只读遍历之比",
            got["reimport_seconds"],
            "s",
            base["seconds"],
            1.0,
        ),
    ]


def sqlite_imports(rows: int, workdir: Path) -> list[dict[str, Any]]:
    url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    _manage(url, "migrate", "--noinput", "-v", "0")
    _manage(url, "generate_scale", "--persons", "2000", "--seed", "1", "-v", "0")  # its org tree and enterprises
    return imports(url, "SQLite", rows, workdir)


GROWTH_BASE = 100_000  # "time at 1M ≤ 2 × time at 100k": the list pages against the 100,000 run


def growth(results: list[dict[str, Any]], persons: int, earlier: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The list pages' growth against the last run at 100,000 workers (`var/bench/persons-100000.json`),
    when this run is larger: each page's time at N over its time at 100k, target ≤ 2. The one figure
    compared across runs; say so in its name."""
    if earlier is None or persons <= earlier.get("persons", persons):
        return []
    before = {r["name"]: r["value"] for r in earlier.get("results", []) if r["unit"] == "ms"}
    out = []
    for r in results:
        if r["name"].startswith("职工列表") and "Django admin" in r["name"] and r["name"] in before:
            name = f"{r['name'].split('：')[0]}：{persons} 人与 {earlier['persons']} 人时之比（两次运行）"
            out.append(ratio_result(name, r["value"], "ms", before[r["name"]], 2.0))
    return out


def table(results: list[dict[str, Any]]) -> str:
    lines = [f"{'目标':<44} {'实测':>12} {'基线':>12} {'比值':>8}  {'要求':<12} 达标"]
    for r in results:
        ratio = "" if r["ratio"] is None else f"{r['ratio']:.2f}"
        lines.append(
            f"{r['name']:<44} {r['value']:>9.1f} {r['unit']:<3}{r['baseline']:>9.1f} {r['unit']:<3}"
            f"{ratio:>7}  {r['target']:<12} {'是' if r['holds'] else '否'}"
        )
    return "\n".join(lines)


def main() -> int:
    persons = int(os.environ.get("BENCH_PERSONS", "100000"))
    rows = int(os.environ.get("BENCH_IMPORT_ROWS", "100000"))
    url = os.environ.get("DATABASE_URL") or os.environ.get("BENCH_DATABASE_URL") or DEFAULT_URL
    if not url.startswith(("postgres://", "postgresql://")):
        print("make bench 在 PostgreSQL 上运行：请设置 DATABASE_URL=postgres://…", file=sys.stderr)
        print("（不设置时使用本机的 changai_bench 数据库）", file=sys.stderr)
        return 2
    os.environ.update(_env(url))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    prepare_postgres(url, persons)
    random.seed(18)
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="changai-bench-") as tmp:
        workdir = Path(tmp)
        results += imports(url, "PostgreSQL", rows, workdir)  # also creates the bench's accounts
        from changai.bench.workers import accounts

        users = accounts()
        results += lists(users)
        results.append(lookup())
        if os.environ.get("BENCH_SQLITE", "1") != "0":
            results += sqlite_imports(rows, workdir)
    folder = ROOT / "var" / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    base_file = folder / f"persons-{GROWTH_BASE}.json"
    earlier = json.loads(base_file.read_text()) if base_file.exists() else None
    results += growth(results, persons, earlier)
    print(table(results))
    text = json.dumps({"persons": persons, "results": results}, ensure_ascii=False, indent=2) + "\n"
    out = folder / "latest.json"
    out.write_text(text)
    (folder / f"persons-{persons}.json").write_text(text)
    print(f"已写入 {out.relative_to(ROOT)}：{sum(r['holds'] for r in results)}/{len(results)} 项达标")
    return 0


if __name__ == "__main__":
    sys.exit(main())
