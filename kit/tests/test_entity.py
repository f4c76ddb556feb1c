"""One declaration per entity: what derives from it, and personal data masked by default — a
throw-away model with an encrypted field nobody listed in `pii_fields` is masked in the API, the
list columns, the Excel export and the detail page of a user without the right to see it."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from django.db import models
from django.test.utils import isolate_apps

from kit.api.viewsets import serializer_for, viewset_for
from kit.entity import Entity
from kit.pii import EncryptedTextField, pii_fields_of


class _User:
    is_authenticated = True
    is_active = True
    is_superuser = False
    pk = 1

    def has_perm(self, perm: str) -> bool:
        return not perm.startswith("kit.view_pii")


class _Rows(list):  # type: ignore[type-arg]
    """Stands in for a queryset: the export iterates in chunks."""

    def iterator(self, chunk_size: int = 0) -> Any:
        return iter(self)


@pytest.fixture
def throwaway() -> Any:
    with isolate_apps("kit"):

        class Contact(models.Model):
            name = models.CharField("姓名", max_length=20)
            mobile = EncryptedTextField("联系电话", blank=True)  # encrypted, and not declared in pii_fields
            note = models.CharField("说明", max_length=50, blank=True)

            class Meta:
                app_label = "kit"

            def __str__(self) -> str:
                return self.name

        class ContactEntity(Entity):
            model = Contact
            fields = ["name", "mobile", "note"]
            excel = True
            excel_key = "name"
            api = "contacts"

        try:
            yield SimpleNamespace(model=Contact, entity=ContactEntity)
        finally:
            Entity.registry.remove(ContactEntity)


def test_an_encrypted_field_is_personal_data_without_being_declared(throwaway: Any) -> None:
    assert pii_fields_of(throwaway.model) == ("mobile",)
    assert throwaway.entity.pii() == ("mobile",)


def test_its_api_output_is_masked_for_a_user_without_the_right(throwaway: Any) -> None:
    serializer = serializer_for(throwaway.entity)
    request = SimpleNamespace(user=_User(), query_params={})
    row = throwaway.model(pk=7, name="张三", mobile="13812345678", note="—")
    data = serializer(row, context={"request": request}).data
    assert data["mobile"] == "138****5678"
    assert data["name"] == "张三"
    revealed = serializer(row, context={"request": SimpleNamespace(user=_User(), query_params={"reveal": "1"})}).data
    assert revealed["mobile"] == "138****5678"  # asking is not enough without view_pii


def test_its_list_column_and_excel_column_are_masked(throwaway: Any) -> None:
    table = throwaway.entity.table()
    column = next(c for c in table.columns if c.accessor == "mobile")
    assert column.pii
    row = throwaway.model(name="张三", mobile="13812345678")
    assert column.value(row) == "138****5678"
    assert column.value(row, reveal=True) == "13812345678"
    spec = throwaway.entity.excel_spec
    assert next(f for f in spec.fields if f.field == "mobile").pii
    exported = next(spec.export_rows(_Rows([row]), reveal_pii=False))
    assert exported["mobile"] == "138****5678"


def test_the_declaration_derives_form_filters_and_api(throwaway: Any) -> None:
    entity = throwaway.entity
    assert list(entity.form.base_fields) == ["name", "mobile", "note"]
    assert entity.detail_fieldsets() == [("contact", ["name", "mobile", "note"])]
    viewset = viewset_for(entity)
    assert viewset.serializer_class.Meta.fields == ["id", "name", "mobile", "note"]
    assert viewset.http_method_names == ["get", "head", "options", "post", "put", "patch", "delete"]
