"""Every domain service refused at the gate: a test base class that walks the services of one
module (the functions declared with `kit.services.service`).

For each service three tests are generated:
- an actor holding only view permissions (at the objects' own org) is refused with
  PermissionDenied, and nothing is written;
- an actor holding every permission but in another branch of the org tree is refused (the objects
  lie outside the scope of the service's permission), and nothing is written;
- an actor holding the permissions in scope succeeds — the control that the case is real, so the
  two refusals cannot pass because the arguments were broken.

A subclass names the module and supplies, for each service `x`, a method `case_x(self, org)`
returning the service's keyword arguments (without `actor`) for objects belonging to `org`. A
service without its case fails the suite; `kit.tests.test_coverage` fails when a module with
services has no such test class.

    class SkillsGate(ServiceGateCase):
        module = skills.services

        def case_complete_class(self, org):
            return {"training_class": klass(org)}
"""

from __future__ import annotations

import unittest
from collections.abc import Callable
from types import ModuleType
from typing import Any, ClassVar

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.test import TestCase

from kit.audit.models import AuditEntry
from kit.services import gate_of

OUR_APPS_SETTING = "KIT_DOMAIN_APPS"


def services_of(module: ModuleType) -> dict[str, Callable[..., Any]]:
    """The gated services defined in `module`, by name."""
    return {
        name: fn
        for name, fn in vars(module).items()
        if callable(fn) and gate_of(fn) is not None and getattr(fn, "__module__", "") == module.__name__
    }


def build_gate_fixture(test: type[ServiceGateCase]) -> None:
    """The domain supplies the org tree and the three actors (settings.KIT_GATE_FIXTURE)."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    import_string(settings.KIT_GATE_FIXTURE)(test)


def _row_counts() -> dict[str, int]:
    from django.conf import settings

    ours = set(getattr(settings, OUR_APPS_SETTING, ()))
    return {
        m._meta.label: m._base_manager.count()
        for m in apps.get_models()
        if m._meta.app_label in ours and not m._meta.proxy
    }


class ServiceGateCase(TestCase):
    module: ClassVar[ModuleType | None] = None
    # app labels whose permissions the insider and the outsider hold (default: the module's app)
    apps: ClassVar[tuple[str, ...]] = ()

    root: Any
    home: Any
    away: Any
    insider: Any
    viewer: Any
    outsider: Any

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.module is None:
            return
        for name in services_of(cls.module):
            for kind in ("unpermitted", "out_of_scope", "permitted"):
                test_name = {
                    "unpermitted": f"test_{name}_refuses_an_actor_without_the_permission",
                    "out_of_scope": f"test_{name}_refuses_objects_outside_the_actors_scope",
                    "permitted": f"test_{name}_works_for_an_actor_with_the_permission_in_scope",
                }[kind]
                setattr(cls, test_name, _make_test(name, kind))

    @classmethod
    def setUpClass(cls) -> None:
        if cls.module is None:
            raise unittest.SkipTest("abstract base")
        super().setUpClass()

    @classmethod
    def setUpTestData(cls) -> None:
        build_gate_fixture(cls)

    @classmethod
    def gated_apps(cls) -> tuple[str, ...]:
        assert cls.module is not None
        return cls.apps or (cls.module.__name__.split(".")[0],)

    # --- machinery ----------------------------------------------------------------------------
    def arguments(self, name: str, org: Any) -> dict[str, Any]:
        case = getattr(self, f"case_{name}", None)
        if case is None:
            self.fail(f"{type(self).__name__} has no case_{name}(org): every service needs its gate test")
        return case(org)  # type: ignore[no-any-return]

    def call(self, name: str, actor: Any, kwargs: dict[str, Any]) -> Any:
        assert self.module is not None
        return services_of(self.module)[name](actor=actor, **kwargs)

    def refused(self, name: str, actor: Any) -> None:
        kwargs = self.arguments(name, self.home)
        before_rows, before_audit = _row_counts(), AuditEntry.objects.count()
        with self.assertRaises(PermissionDenied, msg=f"{name} did not refuse {actor}"):
            self.call(name, actor, kwargs)
        self.assertEqual(_row_counts(), before_rows, f"{name} wrote rows although it refused")
        self.assertEqual(AuditEntry.objects.count(), before_audit, f"{name} audited although it refused")

    def done(self, name: str) -> None:
        kwargs = self.arguments(name, self.home)
        self.call(name, self.insider, kwargs)


def _make_test(name: str, kind: str) -> Callable[[ServiceGateCase], None]:
    def test(self: ServiceGateCase) -> None:
        if kind == "unpermitted":
            self.refused(name, self.viewer)
        elif kind == "out_of_scope":
            assert self.module is not None
            gate = gate_of(services_of(self.module)[name])
            spec = getattr(gate.model, "scope", None) if gate is not None else None
            if gate is not None and not gate.scope and (spec is None or spec.path is None):
                self.skipTest(f"{name}：{gate.model._meta.verbose_name}没有数据范围，凡有权限者皆可操作")
            self.refused(name, self.outsider)
        else:
            self.done(name)

    test.__name__ = f"test_{name}_{kind}"
    return test
