"""`manage.py generate_scale`: the dataset `make bench` measures, small here (300 workers)."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from core.demo import scale
from core.models import Enterprise, Org, Person
from kit import validators as v
from kit.pii import blind_index

pytestmark = pytest.mark.django_db


def in_clear() -> list[tuple[str, str, str, str]]:
    rows = Person.objects.select_related("employer").order_by("id_number_bidx")
    return sorted((p.name, p.id_number, p.phone, p.employer.name) for p in rows)


def planned(persons: int, seed: int) -> list[tuple[str, str, str, str]]:
    return sorted((r["name"], r["id_number"], r["phone"], f.name) for f, r in scale.people(scale.Plan(persons, seed)))


def test_300_workers_with_valid_numbers_encrypted_and_indexed_like_real_ones_under_one_tree():
    call_command("generate_scale", persons=300, seed=7, verbosity=0)
    assert Person.objects.count() == 300
    root = Org.objects.get(code=scale.ROOT_CODE)
    assert Org.find_problems() == ([], [], [], [], [])  # treebeard: paths, depths, child counts sound
    assert not Person.objects.exclude(org__path__startswith=root.path).exists()
    assert sum(Enterprise.objects.values_list("employee_count", flat=True)) == 300
    for person in Person.objects.all():
        v.validate_id_number(person.id_number)  # the check digit (GB 11643)
        v.validate_mobile(person.phone)
        assert person.id_number_bidx == blind_index(person.id_number, kind="id_number")
        assert person.phone_bidx == blind_index(person.phone, kind="phone")
        assert person.gender == v.id_number_gender(person.id_number)
        assert person.birth_date == v.id_number_birth_date(person.id_number)
        assert person.name_pinyin and person.phone_tail == person.phone[-4:]
    with connection.cursor() as cursor:  # at rest: tokens, never the numbers
        cursor.execute("SELECT id_number, phone FROM core_person")
        stored = cursor.fetchall()
    numbers = {p.id_number for p in Person.objects.all()}
    assert all(token.startswith(("v", "s")) and token not in numbers for token, _phone in stored)
    assert {p.gender for p in Person.objects.all()} == {"M", "F"}


def test_the_same_seed_gives_the_same_workers_and_another_seed_others():
    call_command("generate_scale", persons=300, seed=7, verbosity=0)
    assert in_clear() == planned(300, 7)  # what was written decrypts to what the seed plans
    assert planned(300, 7) == planned(300, 7)
    assert planned(300, 8) != planned(300, 7)


def test_a_second_dataset_in_the_same_database_is_refused():
    call_command("generate_scale", persons=20, seed=1, verbosity=0)
    with pytest.raises(CommandError, match="已有规模测试数据"):
        call_command("generate_scale", persons=20, seed=2, verbosity=0)
    assert Person.objects.count() == 20


def test_generated_id_numbers_never_repeat_within_a_region():
    numbers = {scale.id_number("320102", serial, seed=5) for serial in range(40_000)}
    assert len(numbers) == 40_000
    for number in sorted(numbers)[::400]:
        v.validate_id_number(number)  # raises on a bad check digit or birth date
