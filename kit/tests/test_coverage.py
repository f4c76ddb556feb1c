"""Meta-test: every model with pages (CrudViews) and every concrete model built on the kit's
BaseModel has a generic test class (kit.testing.ModelTestCase) — after NetBox's
test_model_test_coverage."""

from __future__ import annotations

import importlib
import pkgutil

from django.apps import apps

from kit import testing
from kit.crud import CrudViews
from kit.models import BaseModel


def _import_all_test_modules() -> None:
    for config in apps.get_app_configs():
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


def test_every_model_with_pages_or_on_the_base_model_has_generic_tests() -> None:
    _import_all_test_modules()
    tested = {t.crud.model for t in _all_subclasses(testing.ModelTestCase) if t.crud is not None}
    with_pages = {c.model for c in CrudViews.registry}
    on_base = {m for m in apps.get_models() if issubclass(m, BaseModel)}
    missing = sorted(m._meta.label for m in (with_pages | on_base) - tested)
    assert not missing, f"models without kit.testing.ModelTestCase tests: {missing}"


def test_a_generic_test_class_missing_a_declaration_is_refused() -> None:
    import pytest

    from core.views import RegionViews

    class Incomplete(testing.ModelTestCase):
        crud = RegionViews

        def make(self, org, n=0):  # type: ignore[no-untyped-def]
            return None

    with pytest.raises(TypeError, match="form_data, edit_data, changed"):
        Incomplete.setUpClass()
