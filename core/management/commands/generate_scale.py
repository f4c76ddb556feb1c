"""Generate a city-size dataset for `make bench` and load tests (core/demo/scale.py)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from core.demo import scale
from kit import context


class Command(BaseCommand):
    help = "生成规模测试数据：组织树、企业和职工（身份证号、手机号有效且与真实数据一样加密），同一种子生成同样的数据。"

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--persons", type=int, required=True, help="职工人数，如 100000")
        parser.add_argument("--seed", type=int, default=1, help="随机种子（默认 1）：同一种子生成同样的数据")
        parser.add_argument("--batch", type=int, default=5000, help="每批写入的职工数（默认 5000）")

    def handle(self, *args: Any, **options: Any) -> None:
        persons, seed = options["persons"], options["seed"]
        if persons < 1:
            raise CommandError("职工人数至少为 1")
        if scale.existing():
            raise CommandError("数据库中已有规模测试数据（组织编码 SCALE-ROOT）；请换一个空数据库再生成")
        started = time.monotonic()
        say = self.stdout.write if options["verbosity"] else (lambda _text: None)
        with context.bound(context.RequestContext(request_id="generate_scale")):
            summary = scale.generate(persons=persons, seed=seed, batch=options["batch"], say=say)
        seconds = time.monotonic() - started
        say(
            f"完成：{summary.districts} 个区、{summary.subdistricts} 个街道、企业 {summary.enterprises} 家"
            f"（其中建会 {summary.enterprise_unions} 家）、职工 {summary.persons} 人，用时 {seconds:.1f} 秒"
        )
