"""Load the demo district (栖霞区). Idempotent: running it twice changes nothing the second time."""

from __future__ import annotations

import importlib
import random
from datetime import date, timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand
from django.db import transaction
from stdnum.cn import ric, uscc

from core.demo import data, roles
from core.demo.dicts import seed_dictionary
from core.models import Enterprise, MemberUnit, Org, Person, PersonHonour, Region, Role, User
from core.services import _org_create
from kit import context
from kit.pii import blind_index


def fictitious_id_number(rng: random.Random, region: str = "320113") -> str:
    born = date(1965, 1, 1) + timedelta(days=rng.randrange(0, 365 * 38))
    body = f"{region}{born:%Y%m%d}{rng.randrange(0, 1000):03d}"
    return body + ric.calc_check_digit(body + "0")


def fictitious_mobile(rng: random.Random) -> str:
    return rng.choice(["138", "139", "150", "151", "158", "177", "187", "189"]) + f"{rng.randrange(0, 10**8):08d}"


class Command(BaseCommand):
    help = "载入演示数据：栖霞区的街道、工会组织、企业、职工、成员单位、角色和演示账号（可重复执行）。"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--people", type=int, default=120, help="演示职工人数（默认 120）")

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        with context.bound(context.RequestContext(request_id="load_demo")):
            self._load(options["people"])

    def _load(self, n_people: int) -> None:
        # regions
        province, _ = Region.objects.get_or_create(
            code=data.PROVINCE[0], defaults={"name": data.PROVINCE[1], "level": 1}
        )
        city, _ = Region.objects.get_or_create(
            code=data.CITY[0], defaults={"name": data.CITY[1], "level": 2, "parent": province}
        )
        district, _ = Region.objects.get_or_create(
            code=data.DISTRICT[0], defaults={"name": data.DISTRICT[1], "level": 3, "parent": city}
        )
        towns = {}
        for code, name in data.SUBDISTRICTS:
            towns[code], _ = Region.objects.get_or_create(
                code=code, defaults={"name": name, "level": 4, "parent": district}
            )

        # dictionaries
        items = {code: seed_dictionary(code, name, values) for code, (name, values) in data.DICTS.items()}

        # roles
        role_objs = {}
        for code, (name, scope, perm_names) in roles.ROLES.items():
            role, _created = Role.objects.get_or_create(
                code=code,
                defaults={
                    "name": name,
                    "data_scope": scope,
                    "duty": roles.DUTIES.get(code, ""),
                    "require_otp": code in roles.OTP_ROLES,
                },
            )
            role.permissions.add(*self._perms(perm_names))  # never removes what an admin granted
            role_objs[code] = role

        # org tree
        root = Org.objects.filter(code="320113000").first() or _org_create(
            actor=None,
            parent=None,
            name="南京市栖霞区总工会",
            short_name="栖霞区总工会",
            kind=Org.Kind.FEDERATION,
            code="320113000",
            region=district,
        )
        town_orgs = {}
        for code, name in data.SUBDISTRICTS:
            town_orgs[code] = Org.objects.filter(code=code).first() or _org_create(
                actor=None,
                parent=root,
                name=f"{name}总工会",
                short_name=name,
                kind=Org.Kind.SUBDISTRICT,
                code=code,
                region=towns[code],
            )

        # member units
        units = {}
        for sort, (name, short, duty) in enumerate(data.MEMBER_UNITS):
            units[name], _ = MemberUnit.objects.get_or_create(
                org=root, name=name, defaults={"short_name": short, "duty": duty, "sort": sort}
            )

        # enterprises and their unions
        enterprises = {}
        for i, (name, body, ownership, industry, town, has_union, key, employees) in enumerate(data.ENTERPRISES):
            code = body + uscc.calc_check_digit(body)
            ent = Enterprise.objects.filter(uscc=code).first()
            if ent is None:
                org = town_orgs[town]
                if has_union:
                    org = Org.objects.filter(code=f"E{code}").first() or _org_create(
                        actor=None,
                        parent=town_orgs[town],
                        name=f"{name}工会",
                        kind=Org.Kind.ENTERPRISE,
                        code=f"E{code}",
                        region=towns[town],
                    )
                ent = Enterprise(
                    name=name,
                    uscc=code,
                    ownership=ownership,
                    industry=items["industry"][industry],
                    subdistrict=towns[town],
                    org=org,
                    is_key_contact=key,
                    employee_count=employees,
                    size="large" if employees > 1000 else "medium" if employees > 300 else "small",
                    address=f"南京市栖霞区{dict(data.SUBDISTRICTS)[town]}（示例地址）{i + 1}号",
                )
                ent.full_clean()
                ent.save()
            enterprises[name] = ent

        # people (fictitious), spread over the enterprises, deterministic
        rng = random.Random(20230406)
        ent_list = list(enterprises.values())
        skill = list(items["skill_level"].values())
        for i in range(n_people):
            id_number = fictitious_id_number(rng)
            name = rng.choice(data.SURNAMES) + "".join(rng.choice(data.GIVEN) for _ in range(rng.choice([1, 2])))
            ent = ent_list[i % len(ent_list)]
            phone = fictitious_mobile(rng)
            job = rng.choice(data.JOBS)
            level = rng.choice(skill) if rng.random() < 0.7 else None
            party = rng.random() < 0.25
            if Person.all_objects.filter(id_number_bidx=blind_index(id_number, kind="id_number")).exists():
                continue
            p = Person(
                name=name,
                id_number=id_number,
                phone=phone,
                employer=ent,
                org=ent.org,
                job=job,
                skill_level=level,
                is_party_member=party,
                new_form_category=items["new_form"]["courier"] if job == "快递员" else None,
            )
            p.full_clean()
            p.save()
            if i % 17 == 0:
                PersonHonour.objects.get_or_create(
                    person=p,
                    kind=items["honour"]["model_worker" if i % 2 else "craftsman"],
                    level="city",
                    year=2019 + i % 4,
                    defaults={"issuer": "南京市人民政府"},
                )

        # accounts
        for username, name, role_code, org_key, unit in data.USERS:
            if User.objects.filter(username=username).exists():
                continue
            if org_key == "district":
                org = root
            elif org_key in town_orgs:
                org = town_orgs[org_key]
            else:
                org = enterprises[org_key].org
            user = User(
                username=username,
                name=name,
                org=org,
                member_unit=units.get(unit) if unit else None,
                is_superuser=(role_code == "sysadmin"),
            )
            user.set_password(data.DEMO_PASSWORD)
            # the printed demo password is everyone's: each account changes it at its first log-in
            user.must_change_password = settings.DEMO_FORCE_PASSWORD_CHANGE
            user.save()
            user.roles.set([role_objs[role_code]])
        # a worker account bound to a person of 银茂
        if not User.objects.filter(username="worker").exists():
            person = Person.objects.filter(employer=enterprises["南京银茂铅锌矿业有限公司"]).order_by("id").first()
            user = User(
                username="worker",
                name=person.name if person else "职工",
                org=person.org if person else root,
                person=person,
            )
            user.set_password(data.DEMO_PASSWORD)
            user.save()
            user.roles.set([role_objs["worker"]])

        # each programme module adds its part of the demo district (its `demo.py`, if any)
        for config in apps.get_app_configs():
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            if not hasattr(module, "load"):
                continue
            summary = module.load(root=root, towns=town_orgs, enterprises=enterprises, units=units, items=items)
            if summary:
                self.stdout.write(f"  {config.verbose_name}：{summary}")

        self.stdout.write(
            self.style.SUCCESS(
                f"演示数据已就绪：{Org.objects.count()} 个工会组织、{Enterprise.objects.count()} 家企业、"
                f"{Person.objects.count()} 名职工、{User.objects.count()} 个账号。"
            )
        )

    @staticmethod
    def _perms(names: list[str]) -> list[Permission]:
        out = []
        for name in names:
            app, codename = name.split(".", 1)
            perm = Permission.objects.filter(content_type__app_label=app, codename=codename).first()
            if perm is None:
                raise RuntimeError(f"unknown permission {name}")
            out.append(perm)
        return out
