"""`make bench`'s own pieces: the JSON shape a script reads, and the import it measures — the
generated file imports cleanly (so the bench times a successful import, not an error report)."""

from __future__ import annotations

import pytest

from changai.bench import __main__ as bench
from changai.bench import workers
from core.demo import scale
from core.entities import PersonEntity
from core.models import Person, User

KEYS = {"name", "value", "unit", "baseline", "ratio", "target", "holds"}


def test_a_result_has_exactly_the_fields_the_issue_names_and_holds_by_its_target():
    kept = bench.ratio_result("页", 30.0, "ms", 100.0, 0.3)
    missed = bench.ratio_result("页", 31.0, "ms", 100.0, 0.3)
    assert set(kept) == KEYS and kept["ratio"] == 0.3 and kept["holds"] is True
    assert missed["holds"] is False and missed["target"] == "ratio ≤ 0.3"
    absolute = bench.result("查找", 6.0, "ms", 1.0, "≤ 5 ms", 6.0 <= 5)
    assert set(absolute) == KEYS and absolute["holds"] is False and absolute["ratio"] == 6.0
    assert "否" in bench.table([missed]) and "是" in bench.table([kept])


def test_list_pages_at_a_million_are_compared_with_the_last_run_at_100000():
    page = bench.ratio_result("职工列表第1页50行（街道用户，本街道）：与 Django admin 之比", 150.0, "ms", 500.0, 0.3)
    lookup = bench.result("按身份证号精确查找（盲索引）", 1.3, "ms", 1.2, "≤ 5 ms", True)
    earlier = {"persons": 100_000, "results": [{**page, "value": 70.0}, {**lookup, "value": 1.0}]}
    (grown,) = bench.growth([page, lookup], 1_000_000, earlier)
    assert grown["baseline"] == 70.0 and grown["ratio"] == 2.143 and grown["holds"] is False
    assert "1000000 人与 100000 人" in grown["name"] and set(grown) == KEYS
    assert bench.growth([page], 100_000, earlier) == [] and bench.growth([page], 1_000_000, None) == []


@pytest.mark.django_db
def test_the_bench_file_imports_cleanly_for_its_district_account(tmp_path):
    scale.generate(persons=120, seed=3, say=lambda _text: None)
    path = tmp_path / "import.xlsx"
    prepared = workers.prepare(str(path), 40)
    assert prepared["rows"] == 40 and set(prepared["users"]) >= {"bench_district", "bench_town", "bench_admin"}
    assert workers.read(str(path))["rows"] == 41  # the header and 40 workers
    spec = PersonEntity.excel_spec
    assert spec is not None
    result = spec.run_import(path.read_bytes(), user=User.objects.get(username="bench_district"))
    assert result.ok, result.errors[:3]
    assert result.created == 40 and Person.objects.count() == 160
