import importlib
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand

from core.demo.data import USERS
from core.models import User


class Command(BaseCommand):
    help = "列出演示账号及其角色和组织。"

    def handle(self, *args: Any, **options: Any) -> None:
        # the module demos add reviewers, experts and judges; list one of each kind
        names = [u[0] for u in USERS] + ["worker", "reviewer1", "expert1", "judge1"]
        for user in User.objects.filter(username__in=names).select_related("org").prefetch_related("roles"):
            roles = "、".join(r.name for r in user.roles.all()) or ("超级管理员" if user.is_superuser else user.name)
            self.stdout.write(f"    {user.username:<10} {roles:<14} {user.org or ''}")
        # what the module demos add for their own pages (e.g. the portal's sign-in)
        for config in apps.get_app_configs():
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError:
                continue
            for line in getattr(module, "HINTS", []):
                self.stdout.write(f"    {line}")
