"""Meta-tests: every entity and every concrete model built on the kit's BaseModel has a generic
test class (kit.testing.ModelTestCase) — after NetBox's test_model_test_coverage; every write of a
domain app is a declared service with its gate test (kit.testing.ServiceGateCase)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from django.apps import apps
from django.conf import settings

from kit import testing
from kit.entity import Entity
from kit.models import BaseModel
from kit.services import gate_of
from kit.testing.gate import services_of


def _import_all_test_modules() -> None:
    ours = set(settings.KIT_DOMAIN_APPS)
    for config in apps.get_app_configs():
        if config.label not in ours:  # third-party apps ship tests of their own (django-csp's need jinja2)
            continue
        try:
            package = importlib.import_module(f"{config.name}.tests")
        except ModuleNotFoundError:
            continue
        for info in pkgutil.iter_modules(package.__path__):
            if info.name.startswith("test_"):
                importlib.import_module(f"{config.name}.tests.{info.name}")


def _all_subclasses(cls: type) -> set[type]:
    out = set()
    for sub in cls.__subclasses__():
        out.add(sub)
        out |= _all_subclasses(sub)
    return out


def _service_modules() -> list[object]:
    out = []
    for label in settings.KIT_DOMAIN_APPS:
        if label == "kit":  # the generic writes: the permission matrix runs them for every entity
            continue
        try:
            out.append(importlib.import_module(f"{apps.get_app_config(label).name}.services"))
        except ModuleNotFoundError:
            continue
    return out


def test_every_entity_and_every_model_on_the_base_model_has_generic_tests() -> None:
    _import_all_test_modules()
    tested = {t.entity.model for t in _all_subclasses(testing.ModelTestCase) if t.entity is not None}
    declared = {e.model for e in Entity.registry}
    on_base = {m for m in apps.get_models() if issubclass(m, BaseModel)}
    missing = sorted(m._meta.label for m in (declared | on_base) - tested)
    assert not missing, f"models without kit.testing.ModelTestCase tests: {missing}"


def test_every_public_function_of_a_services_module_taking_an_actor_is_a_declared_service() -> None:
    undeclared = []
    for module in _service_modules():
        for name, fn in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(fn) or fn.__module__ != module.__name__:
                continue
            if "actor" in inspect.signature(fn).parameters and gate_of(fn) is None:
                undeclared.append(f"{module.__name__}.{name}")
    assert not undeclared, f"writes that skip the gate (declare them with @service): {undeclared}"


def test_every_module_with_services_has_a_gate_test() -> None:
    _import_all_test_modules()
    covered = {t.module for t in _all_subclasses(testing.ServiceGateCase) if t.module is not None}
    missing = [m.__name__ for m in _service_modules() if services_of(m) and m not in covered]  # type: ignore[arg-type]
    assert not missing, f"service modules without a kit.testing.ServiceGateCase: {missing}"


def test_a_generic_test_class_missing_a_declaration_is_refused() -> None:
    import pytest

    from core.entities import RegionEntity

    class Incomplete(testing.ModelTestCase):
        entity = RegionEntity

        def make(self, org, n=0):  # type: ignore[no-untyped-def]
            return None

    with pytest.raises(TypeError, match="form_data, edit_data, changed"):
        Incomplete.setUpClass()
