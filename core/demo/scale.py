"""A city-size dataset for `make bench` and load tests (`manage.py generate_scale`): the org tree
(city federation → district federations → sub-district unions → enterprise unions), enterprises
in plausible proportions by size, industry and ownership, and workers with valid ID numbers and
mobile numbers, encrypted and blind-indexed exactly like real ones (each row passes through
`Person.clean()`, the rule every page, API call and import applies).

Everything follows from the seed: `people(plan)` yields the same workers (in clear) for the same
seed and size, which is what the tests compare the database against. The rows are written in bulk
(`kit.db.bulk_insert` in batches — `COPY` on PostgreSQL; the org tree's enterprise level with its
materialized paths computed here). Invented data: names, numbers and enterprises are fictitious, marked （示例）.

Generated ID numbers use the region codes of Nanjing's districts other than 栖霞 (320113, the
demo's), so a generated dataset never collides with the demo's workers; a database holds one
generated dataset (the command refuses a second)."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from stdnum.cn import ric, uscc

from core.demo import data
from core.demo.dicts import seed_dictionary
from core.models import DictItem, Enterprise, Org, Person, Region
from core.services import _org_create
from kit import audit
from kit.audit.models import AuditEntry
from kit.db import bulk_insert

ROOT_CODE = "SCALE-ROOT"
PEOPLE_PER_DISTRICT = 250_000  # a district has a few hundred thousand union members
SUBDISTRICTS_PER_DISTRICT = 10
# Nanjing's districts but 栖霞 (the demo's): region codes of real districts, names as they are
DISTRICTS = [
    ("320102", "玄武区"),
    ("320104", "秦淮区"),
    ("320105", "建邺区"),
    ("320106", "鼓楼区"),
    ("320111", "浦口区"),
    ("320114", "雨花台区"),
    ("320115", "江宁区"),
    ("320116", "六合区"),
    ("320117", "溧水区"),
    ("320118", "高淳区"),
]
# enterprise size buckets: (size, share of enterprises, fewest, most workers, share with a union)
SIZES = [("micro", 0.40, 3, 20, 0.3), ("small", 0.35, 20, 100, 0.6), ("medium", 0.20, 100, 1000, 1.0)]
SIZES += [("large", 0.05, 1000, 5000, 1.0)]
OWNERSHIP = [
    ("private", 0.70),
    ("state", 0.08),
    ("foreign", 0.06),
    ("joint", 0.05),
    ("hkmt", 0.04),
    ("collective", 0.03),
    ("institution", 0.03),
    ("social", 0.01),
]
INDUSTRY_WEIGHT = {"manufacturing": 6, "construction": 2, "logistics": 2, "express": 1, "retail": 2, "catering": 1}
BIRTH_FIRST = date(1965, 1, 1)
BIRTH_DAYS = (date(2004, 12, 31) - BIRTH_FIRST).days + 1  # 14,610: workers aged about 20 to 60
MOBILE_PREFIXES = ("138", "139", "150", "151", "152", "158", "159", "177", "182", "187", "188", "189", "199")
PLATFORMS = ("某外卖平台（示例）", "某快递平台（示例）", "某网约车平台（示例）")


@dataclass(frozen=True)
class Plan:
    persons: int
    seed: int

    @property
    def districts(self) -> int:
        return max(1, min(len(DISTRICTS), round(self.persons / PEOPLE_PER_DISTRICT)))


@dataclass
class Firm:
    """An enterprise to create: where it is, what it is, how many workers it has."""

    index: int
    district: int
    subdistrict: int
    name: str
    uscc: str
    size: str
    ownership: str
    industry: str
    has_union: bool
    workers: int


@dataclass
class Summary:
    districts: int = 0
    subdistricts: int = 0
    enterprises: int = 0
    enterprise_unions: int = 0
    persons: int = 0
    extra: dict[str, int] = field(default_factory=dict)


def _weighted(rng: random.Random, pairs: list[tuple[str, float]]) -> str:
    return rng.choices([k for k, _ in pairs], weights=[w for _, w in pairs])[0]


def firms(plan: Plan) -> list[Firm]:
    """The enterprises, their places and sizes: sizes drawn from the buckets, then scaled so the
    workers add up to exactly `plan.persons`."""
    rng = random.Random(f"firms:{plan.seed}")
    drawn: list[tuple[str, int, bool]] = []
    total = 0
    while total < plan.persons or len(drawn) < 3:
        size, _share, low, high, union_share = rng.choices(SIZES, weights=[s[1] for s in SIZES])[0]
        workers = rng.randint(low, high)
        drawn.append((size, workers, rng.random() < union_share))
        total += workers
    # scale to the exact total, every enterprise keeping at least one worker
    counts = [max(1, w * plan.persons // total) for _s, w, _u in drawn]
    diff = plan.persons - sum(counts)
    i = 0
    while diff:
        step = 1 if diff > 0 else -1
        if counts[i % len(counts)] + step >= 1:
            counts[i % len(counts)] += step
            diff -= step
        i += 1
    industries = [(code, float(INDUSTRY_WEIGHT.get(code, 1))) for code, _label in data.DICTS["industry"][1]]
    out = []
    for index, ((size, _w, has_union), workers) in enumerate(zip(drawn, counts, strict=True)):
        district = index % plan.districts
        subdistrict = rng.randrange(SUBDISTRICTS_PER_DISTRICT)
        region = DISTRICTS[district][0]
        body = f"91{region}MA{index:07d}"  # 91: an enterprise registered by market regulation
        out.append(
            Firm(
                index=index,
                district=district,
                subdistrict=subdistrict,
                name=f"{DISTRICTS[district][1]}{rng.choice(data.SURNAMES)}氏{_industry_word(index)}有限公司{index:06d}（示例）",
                uscc=body + uscc.calc_check_digit(body),
                size=size,
                ownership=_weighted(rng, OWNERSHIP),
                industry=_weighted(rng, industries),
                has_union=has_union,
                workers=workers,
            )
        )
    return out


def _industry_word(index: int) -> str:
    return ("机械", "电子", "物流", "建设", "科技", "食品", "材料", "商贸")[index % 8]


def id_number(region: str, serial: int, seed: int) -> str:
    """A valid, fictitious 公民身份号码, distinct for each serial within a region: the birth day
    runs through a permutation of the 14,610 days (7,919 is prime to their count) and the
    sequence number counts the rounds (its parity, the gender, alternates)."""
    day = (serial * 7919 + seed) % BIRTH_DAYS
    rounds = serial // BIRTH_DAYS
    if rounds >= 500:
        raise ValueError("more than 7,305,000 workers in one region")
    sequence = rounds * 2 + (serial * 31 + seed) % 2  # the last digit's parity is the gender
    born = BIRTH_FIRST + timedelta(days=day)
    body = f"{region}{born:%Y%m%d}{sequence:03d}"
    return body + ric.calc_check_digit(body + "0")


def people(plan: Plan, firm_list: list[Firm] | None = None) -> Iterator[tuple[Firm, dict[str, Any]]]:
    """Every worker in clear, enterprise by enterprise; the same seed gives the same workers."""
    rng = random.Random(f"people:{plan.seed}")
    serials = [0] * plan.districts
    skill_levels = [value for value, _label in data.DICTS["skill_level"][1]]
    for firm in firm_list if firm_list is not None else firms(plan):
        region = DISTRICTS[firm.district][0]
        for _ in range(firm.workers):
            serial = serials[firm.district]
            serials[firm.district] += 1
            name = rng.choice(data.SURNAMES) + "".join(rng.choice(data.GIVEN) for _ in range(rng.choice((1, 2))))
            job = rng.choice(data.JOBS)
            courier = job == "快递员" or (firm.industry == "express" and rng.random() < 0.5)
            yield (
                firm,
                {
                    "name": name,
                    "id_number": id_number(region, serial, plan.seed),
                    "phone": rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}",
                    "job": job,
                    "skill_level": rng.choice(skill_levels) if rng.random() < 0.7 else None,
                    "is_party_member": rng.random() < 0.22,
                    "is_union_member": firm.has_union or rng.random() < 0.3,
                    "new_form_category": "courier" if courier else None,
                    "platform": rng.choice(PLATFORMS) if courier else "",
                },
            )


def existing() -> bool:
    return Org.objects.filter(code=ROOT_CODE).exists()


def generate(*, persons: int, seed: int, batch: int = 5000, say: Callable[[str], None] = print) -> Summary:
    """Write the dataset of `Plan(persons, seed)`; the caller checks `existing()` first."""
    plan = Plan(persons=persons, seed=seed)
    summary = Summary(districts=plan.districts)
    items = {code: seed_dictionary(code, name, values) for code, (name, values) in data.DICTS.items()}
    with transaction.atomic():
        root, districts, towns = _tree(plan, summary)
        firm_list = firms(plan)
        enterprises = _enterprises(firm_list, districts, towns, items, summary)
        say(f"组织 {summary.districts} 个区、{summary.subdistricts} 个街道，企业 {summary.enterprises} 家")
    written = 0
    buffer: list[Person] = []
    for firm, row in people(plan, firm_list):
        ent = enterprises[firm.index]
        person = Person(
            name=row["name"],
            id_number=row["id_number"],
            phone=row["phone"],
            employer_id=ent.pk,
            org_id=ent.org_id,
            job=row["job"],
            skill_level_id=items["skill_level"][row["skill_level"]].pk if row["skill_level"] else None,
            is_party_member=row["is_party_member"],
            is_union_member=row["is_union_member"],
            new_form_category_id=items["new_form"][row["new_form_category"]].pk if row["new_form_category"] else None,
            platform=row["platform"],
        )
        person.clean()  # gender and birth date from the ID number, blind indexes, pinyin keys — as ever
        buffer.append(person)
        if len(buffer) >= batch:
            written += _flush(buffer)
            say(f"职工 {written}/{persons}")
    written += _flush(buffer)
    summary.persons = written
    audit.record(
        AuditEntry.Action.IMPORT,
        actor=None,
        obj=root,
        message=f"生成规模测试数据：种子 {seed}，职工 {written} 人，企业 {summary.enterprises} 家",
    )
    return summary


def _flush(buffer: list[Person]) -> int:
    n = len(buffer)
    if n:
        with transaction.atomic():
            bulk_insert(Person, buffer)  # COPY on PostgreSQL
        buffer.clear()
    return n


def _tree(plan: Plan, summary: Summary) -> tuple[Org, list[Org], list[list[tuple[Org, Region]]]]:
    province, _ = Region.objects.get_or_create(code=data.PROVINCE[0], defaults={"name": data.PROVINCE[1], "level": 1})
    city, _ = Region.objects.get_or_create(
        code=data.CITY[0], defaults={"name": data.CITY[1], "level": 2, "parent": province}
    )
    root = _org_create(
        actor=None, parent=None, name="南京市总工会（规模测试）", short_name="市总工会", kind=Org.Kind.FEDERATION,
        code=ROOT_CODE, region=city,
    )  # fmt: skip
    districts: list[Org] = []
    towns: list[list[tuple[Org, Region]]] = []
    for d in range(plan.districts):
        code, name = DISTRICTS[d]
        region, _ = Region.objects.get_or_create(code=code, defaults={"name": name, "level": 3, "parent": city})
        district = _org_create(
            actor=None, parent=root, name=f"{name}总工会（规模测试）", short_name=name, kind=Org.Kind.FEDERATION,
            code=f"SCALE-{code}", region=region,
        )  # fmt: skip
        districts.append(district)
        row = []
        for t in range(SUBDISTRICTS_PER_DISTRICT):
            town_code = f"{code}{900 + t:03d}"  # the 9xx range: clear of real street codes
            town_region, _ = Region.objects.get_or_create(
                code=town_code, defaults={"name": f"{name}第{t + 1}街道（示例）", "level": 4, "parent": region}
            )
            town = _org_create(
                actor=None, parent=district, name=f"{name}第{t + 1}街道总工会（示例）", short_name=f"第{t + 1}街道",
                kind=Org.Kind.SUBDISTRICT, code=f"SCALE-{town_code}", region=town_region,
            )  # fmt: skip
            row.append((town, town_region))
        towns.append(row)
    for row in towns:  # siblings are kept in name order: adding one may have moved the others' paths
        for town, _region in row:
            town.refresh_from_db(fields=["path", "depth", "numchild"])
    summary.subdistricts = plan.districts * SUBDISTRICTS_PER_DISTRICT
    return root, districts, towns


def _enterprises(
    firm_list: list[Firm],
    districts: list[Org],
    towns: list[list[tuple[Org, Region]]],
    items: dict[str, dict[str, DictItem]],
    summary: Summary,
) -> dict[int, Enterprise]:
    """Enterprise unions in bulk (paths computed here, siblings in name order as treebeard keeps
    them), then the enterprises, each under its union or, without one, its sub-district's."""
    by_town: dict[tuple[int, int], list[Firm]] = {}
    for firm in firm_list:
        if firm.has_union:
            by_town.setdefault((firm.district, firm.subdistrict), []).append(firm)
    unions: list[Org] = []
    union_of: dict[int, Org] = {}
    for (d, t), members in by_town.items():
        town, region = towns[d][t]
        members.sort(key=lambda firm: f"{firm.name}工会")
        for step, firm in enumerate(members, start=1):
            union = Org(
                name=f"{firm.name}工会",
                kind=Org.Kind.ENTERPRISE,
                code=f"SCALE-E{firm.uscc}",
                region=region,
                path=Org._get_path(town.path, town.depth + 1, step),
                depth=town.depth + 1,
                numchild=0,
            )
            unions.append(union)
            union_of[firm.index] = union
        Org.objects.filter(pk=town.pk).update(numchild=len(members))
    Org.objects.bulk_create(unions, batch_size=2000)  # their ids come back (PostgreSQL, SQLite ≥ 3.35)
    enterprises = []
    for firm in firm_list:
        town, region = towns[firm.district][firm.subdistrict]
        own = union_of.get(firm.index)
        ent = Enterprise(
            name=firm.name,
            uscc=firm.uscc,
            industry=items["industry"][firm.industry],
            ownership=firm.ownership,
            size=firm.size,
            subdistrict=region,
            org_id=own.pk if own is not None else town.pk,
            employee_count=firm.workers,
            is_key_contact=firm.ownership == "private" and firm.size in ("medium", "large"),
            address=f"{DISTRICTS[firm.district][1]}第{firm.subdistrict + 1}街道（示例地址）{firm.index + 1}号",
        )
        ent.clean()
        enterprises.append(ent)
    created = Enterprise.objects.bulk_create(enterprises, batch_size=2000)
    summary.enterprises = len(created)
    summary.enterprise_unions = len(unions)
    return {firm.index: ent for firm, ent in zip(firm_list, created, strict=True)}
