"""The suite is deterministic: no test times itself (a timed assertion failed a busy machine's run,
issue 18). Tests count work — rows read, queries — and `make bench` measures seconds, against
baselines taken in the same run. Clocks for timestamps (`time.time()`, `timezone.now()`) are fine;
the clocks one measures elapsed time with are not, outside the browser tests' polling deadline."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STOPWATCHES = {"perf_counter", "perf_counter_ns", "monotonic", "monotonic_ns", "process_time", "thread_time"}
ALLOWED = {"tests_browser/conftest.py"}  # waits for the browser with a deadline; asserts on no duration


def _test_files() -> list[Path]:
    files = [*ROOT.rglob("test_*.py"), *ROOT.rglob("conftest.py")]
    return [p for p in files if not {".venv", "node_modules"} & set(p.relative_to(ROOT).parts)]


def stopwatches_in(source: str) -> list[int]:
    """Lines calling a stopwatch clock (`time.perf_counter()`, `monotonic()` …) or importing `timeit`."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name in STOPWATCHES:
                lines.append(node.lineno)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names = [a.name for a in node.names] + ([node.module] if isinstance(node, ast.ImportFrom) else [])
            if "timeit" in names:
                lines.append(node.lineno)
    return lines


def test_the_check_finds_a_stopwatch_and_spares_a_timestamp() -> None:
    timed = "import time\nstart = time.perf_counter()\nassert time.perf_counter() - start < 10\n"
    assert stopwatches_in(timed) == [2, 3]
    assert stopwatches_in("from time import monotonic\nmonotonic()\n") == [2]
    assert stopwatches_in("import timeit\n") == [1]
    assert stopwatches_in("import time\nsession['_seen'] = int(time.time()) - 60\n") == []


def test_no_test_times_itself() -> None:
    offenders = []
    for path in _test_files():
        relative = path.relative_to(ROOT).as_posix()
        if relative in ALLOWED or path == Path(__file__).resolve():
            continue
        offenders += [f"{relative}:{line}" for line in stopwatches_in(path.read_text(encoding="utf-8"))]
    assert not offenders, "tests that time themselves (count work instead; seconds go to make bench): " + ", ".join(
        offenders
    )
