"""Tests of kit.pii: keys, encryption, rotation, blind indexes, the encrypted field and masking."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Iterator

import pytest
from django import forms
from django.apps.registry import Apps
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.db import connection, models
from django.db.models.lookups import IsNull
from django.test import override_settings
from hypothesis import assume, given
from hypothesis import strategies as st

from kit import pii
from kit.pii import (
    EncryptedTextField,
    PiiDecryptError,
    blind_index,
    decrypt,
    encrypt,
    mask_id_number,
    mask_phone,
    mask_value,
    needs_rotation,
    rotate_token,
)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


KEY_1 = b64(bytes(range(32)))
KEY_2 = b64(bytes(range(100, 132)))
BIDX = b64(b"b" * 32)
BOTH_KEYS = f"1:{KEY_1},2:{KEY_2}"
TOKEN = re.compile(r"(?P<prefix>[vs])(?P<key_id>\d+):(?P<nonce>[A-Za-z0-9+/=]+):(?P<body>[A-Za-z0-9+/=]+)")


@pytest.fixture(autouse=True, scope="module")
def test_keys() -> Iterator[None]:
    """Two AES keys (2 is active, being the highest), a blind-index key, AES-GCM."""
    with override_settings(PII_KEYS=BOTH_KEYS, PII_KEY_ID=0, BIDX_KEY=BIDX, PII_CIPHER="aes"):
        yield


def key_id_of(token: str) -> int:
    match = TOKEN.fullmatch(token)
    assert match is not None, token
    return int(match["key_id"])


def flip_last_body_byte(token: str) -> str:
    head, nonce, body = token.split(":")
    raw = bytearray(base64.b64decode(body))
    raw[-1] ^= 0x01
    return f"{head}:{nonce}:{b64(bytes(raw))}"


# --- keys -------------------------------------------------------------------------------------


def test_new_tokens_use_the_highest_key_id_when_pii_key_id_is_0() -> None:
    token = encrypt("13812345678")
    match = TOKEN.fullmatch(token)
    assert match is not None
    assert match["prefix"] == "v"
    assert match["key_id"] == "2"
    assert len(base64.b64decode(match["nonce"])) == 12


def test_pii_key_id_chooses_the_key_for_new_tokens() -> None:
    with override_settings(PII_KEY_ID=1):
        assert key_id_of(encrypt("x")) == 1


def test_the_parsed_keys_are_cached_until_a_key_setting_changes() -> None:
    assert pii._keys() is pii._keys()
    before = pii._keys()
    with override_settings(PII_KEY_ID=1):
        assert pii._keys() is not before
        assert pii._keys().active_id == 1
    assert pii._keys().active_id == 2


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"PII_KEYS": ""}, "PII_KEYS is empty"),
        ({"PII_KEYS": KEY_1}, "entry #1 is not of the form"),
        ({"PII_KEYS": f"one:{KEY_1}"}, "key id 'one' is not a positive integer"),
        ({"PII_KEYS": f"0:{KEY_1}"}, "key id '0' is not a positive integer"),
        ({"PII_KEYS": f"1:{KEY_1},1:{KEY_2}"}, "lists key id 1 twice"),
        ({"PII_KEYS": "1:not base64!"}, "PII_KEYS key 1 is not valid base64"),
        ({"PII_KEYS": f"1:{b64(b'k' * 16)}"}, "PII_KEYS key 1 is 16 bytes; it must be exactly 32"),
        ({"PII_KEYS": f"1:{b64(b'k' * 33)}"}, "PII_KEYS key 1 is 33 bytes; it must be exactly 32"),
        ({"PII_KEY_ID": 3}, r"PII_KEY_ID 3 is not among the PII_KEYS ids \(1, 2\)"),
        ({"PII_KEY_ID": -1}, "PII_KEY_ID must be a non-negative integer"),
        ({"BIDX_KEY": ""}, "BIDX_KEY is empty"),
        ({"BIDX_KEY": "%%%"}, "BIDX_KEY is not valid base64"),
        ({"BIDX_KEY": b64(b"b" * 31)}, "BIDX_KEY is 31 bytes; it must be at least 32"),
        ({"BIDX_KEY": KEY_1}, "BIDX_KEY must differ from every key in PII_KEYS"),
        ({"PII_CIPHER": "des"}, 'PII_CIPHER must be "aes" or "sm4"'),
    ],
)
def test_malformed_key_settings_are_refused_clearly(overrides: dict[str, object], message: str) -> None:
    with override_settings(**overrides), pytest.raises(ImproperlyConfigured, match=message) as info:
        encrypt("x")
    for secret in (KEY_1, KEY_2, BIDX):
        assert secret not in str(info.value)


def test_the_development_keys_of_the_settings_are_well_formed() -> None:
    dev_keys = "1:ZGV2LW9ubHkta2V5LWZvci1jaGFuZ2FpLXBpaS0wMDE="
    dev_bidx = "ZGV2LW9ubHktYmxpbmQtaW5kZXgta2V5LWNoYW5nYWk="
    with override_settings(PII_KEYS=dev_keys, PII_KEY_ID=0, BIDX_KEY=dev_bidx):
        assert decrypt(encrypt("320113196501011234")) == "320113196501011234"
        assert len(blind_index("320113196501011234", kind="id_number")) == 64


# --- encryption -------------------------------------------------------------------------------


@given(st.text(), st.binary(max_size=64))
def test_encrypt_then_decrypt_round_trips_any_text(plaintext: str, aad: bytes) -> None:
    token = encrypt(plaintext, aad=aad)
    assert decrypt(token, aad=aad) == plaintext


@given(st.text(), st.binary(max_size=64))
def test_sm4_gcm_round_trips_any_text_too(plaintext: str, aad: bytes) -> None:
    with override_settings(PII_CIPHER="sm4"):
        token = encrypt(plaintext, aad=aad)
        assert token.startswith("s2:")
        assert decrypt(token, aad=aad) == plaintext


def test_the_same_plaintext_encrypts_differently_every_time() -> None:
    assert encrypt("13812345678") != encrypt("13812345678")


def test_a_token_does_not_contain_the_plaintext() -> None:
    assert "13812345678" not in encrypt("13812345678")


def test_decrypt_reads_both_prefixes_whatever_the_active_cipher() -> None:
    aes_token = encrypt("张三")
    with override_settings(PII_CIPHER="sm4"):
        sm4_token = encrypt("李四")
        assert decrypt(aes_token) == "张三"
    assert decrypt(sm4_token) == "李四"


def test_a_token_from_a_key_no_longer_configured_fails_loudly() -> None:
    token = encrypt("secret")
    with override_settings(PII_KEYS=f"1:{KEY_1}"), pytest.raises(PiiDecryptError, match="key id 2"):
        decrypt(token)


def test_a_tampered_ciphertext_fails_loudly() -> None:
    with pytest.raises(PiiDecryptError, match="failed authentication"):
        decrypt(flip_last_body_byte(encrypt("secret")))


def test_a_tampered_nonce_fails_loudly() -> None:
    head, nonce, body = encrypt("secret").split(":")
    other_nonce = b64(bytes(b ^ 0xFF for b in base64.b64decode(nonce)))
    with pytest.raises(PiiDecryptError):
        decrypt(f"{head}:{other_nonce}:{body}")


def test_a_token_moved_to_another_key_id_or_cipher_fails_loudly() -> None:
    token = encrypt("secret")
    with pytest.raises(PiiDecryptError):
        decrypt("v1" + token[2:])
    with pytest.raises(PiiDecryptError):
        decrypt("s2" + token[2:])


def test_the_wrong_aad_fails_loudly() -> None:
    token = encrypt("secret", aad=b"core.Person:1")
    with pytest.raises(PiiDecryptError):
        decrypt(token, aad=b"core.Person:2")
    with pytest.raises(PiiDecryptError):
        decrypt(token)


@pytest.mark.parametrize(
    "garbage",
    [
        "",
        "13812345678",
        "v2",
        "v2:abc",
        "v2:!!!!:????",
        "x2:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAA==",
        "v2::",
        None,
        42,
    ],
)
def test_garbage_never_decrypts_and_never_comes_back_as_is(garbage: object) -> None:
    with pytest.raises(PiiDecryptError):
        decrypt(garbage)  # type: ignore[arg-type]


def test_a_short_nonce_or_a_body_shorter_than_the_tag_is_refused() -> None:
    with pytest.raises(PiiDecryptError, match="length"):
        decrypt(f"v2:{b64(b'n' * 8)}:{b64(b'c' * 32)}")
    with pytest.raises(PiiDecryptError, match="length"):
        decrypt(f"v2:{b64(b'n' * 12)}:{b64(b'c' * 8)}")


def test_encrypt_refuses_anything_but_text() -> None:
    with pytest.raises(TypeError):
        encrypt(b"bytes")  # type: ignore[arg-type]


# --- rotation ---------------------------------------------------------------------------------


def test_a_token_needs_rotation_when_written_with_another_key() -> None:
    with override_settings(PII_KEY_ID=1):
        old = encrypt("secret")
        assert not needs_rotation(old)
    assert needs_rotation(old)
    assert not needs_rotation(encrypt("secret"))


def test_switching_cipher_makes_every_token_need_rotation() -> None:
    token = encrypt("secret")
    with override_settings(PII_CIPHER="sm4"):
        assert needs_rotation(token)
        rotated = rotate_token(token)
        assert rotated.startswith("s2:")
        assert not needs_rotation(rotated)
        assert decrypt(rotated) == "secret"


def test_rotate_token_re_encrypts_with_the_active_key() -> None:
    with override_settings(PII_KEY_ID=1):
        old = encrypt("320113196501011234", aad=b"ctx")
    new = rotate_token(old, aad=b"ctx")
    assert key_id_of(new) == 2
    with override_settings(PII_KEYS=f"2:{KEY_2}"):
        assert decrypt(new, aad=b"ctx") == "320113196501011234"


def test_needs_rotation_refuses_garbage() -> None:
    with pytest.raises(PiiDecryptError):
        needs_rotation("13812345678")


# --- blind index ------------------------------------------------------------------------------


def test_the_blind_index_is_hmac_sha256_over_kind_nul_value() -> None:
    expected = hmac.new(b"b" * 32, b"phone\x0013812345678", hashlib.sha256).hexdigest()
    assert blind_index("13812345678", kind="phone") == expected


@given(st.text(), st.text(min_size=1).filter(lambda k: "\x00" not in k))
def test_the_blind_index_is_deterministic_hex(value: str, kind: str) -> None:
    index = blind_index(value, kind=kind)
    assert index == blind_index(value, kind=kind)
    assert re.fullmatch(r"[0-9a-f]{64}", index)


@given(st.text(), st.text(min_size=1), st.text(min_size=1))
def test_equal_values_of_different_kinds_get_different_indexes(value: str, kind_a: str, kind_b: str) -> None:
    assume(kind_a != kind_b and "\x00" not in kind_a + kind_b)
    assert blind_index(value, kind=kind_a) != blind_index(value, kind=kind_b)


def test_the_blind_index_depends_on_the_key() -> None:
    before = blind_index("13812345678", kind="phone")
    with override_settings(BIDX_KEY=b64(b"c" * 32)):
        assert blind_index("13812345678", kind="phone") != before


@pytest.mark.parametrize("kind", ["", "phone\x00x"])
def test_a_kind_must_be_non_empty_and_free_of_nul(kind: str) -> None:
    with pytest.raises(ValueError, match="non-empty kind without NUL"):
        blind_index("13812345678", kind=kind)


# --- the model field --------------------------------------------------------------------------

probe_apps = Apps()


class PiiProbe(models.Model):
    """A throwaway model in its own registry, so it never reaches the project's migrations."""

    secret = EncryptedTextField(null=True, blank=True)
    objects: models.Manager[PiiProbe] = models.Manager()

    class Meta:
        apps = probe_apps
        app_label = "kit_pii_probe"
        db_table = "kit_pii_probe"

    def __str__(self) -> str:
        return f"PiiProbe {self.pk}"


class UniquePiiProbe(models.Model):
    secret = EncryptedTextField(unique=True)

    class Meta:
        apps = probe_apps
        app_label = "kit_pii_probe"
        db_table = "kit_pii_probe_unique"

    def __str__(self) -> str:
        return f"UniquePiiProbe {self.pk}"


@pytest.fixture
def probe_table(transactional_db: None) -> Iterator[None]:
    with connection.schema_editor() as editor:
        editor.create_model(PiiProbe)
    yield
    with connection.schema_editor() as editor:
        editor.delete_model(PiiProbe)


def raw_secret(pk: int) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret FROM kit_pii_probe WHERE id = %s", [pk])
        row = cursor.fetchone()
    assert row is not None
    return row[0]


def test_the_field_deconstructs_for_migrations() -> None:
    field = EncryptedTextField(null=True, blank=True, verbose_name="身份证号码")
    _name, path, args, kwargs = field.deconstruct()
    assert path == "kit.pii.EncryptedTextField"
    assert args == []
    assert kwargs == {"null": True, "blank": True, "verbose_name": "身份证号码"}
    assert EncryptedTextField(*args, **kwargs).deconstruct()[1:] == (path, args, kwargs)


def test_the_field_encrypts_on_the_way_in_and_decrypts_on_the_way_out() -> None:
    field = PiiProbe._meta.get_field("secret")
    assert isinstance(field, EncryptedTextField)
    token = field.get_prep_value("320113196501011234")
    assert TOKEN.fullmatch(token)
    assert field.from_db_value(token, None, connection) == "320113196501011234"
    assert TOKEN.fullmatch(field.get_prep_value(123))
    for empty in (None, ""):
        assert field.get_prep_value(empty) == empty
        assert field.from_db_value(empty, None, connection) == empty


def test_the_field_offers_a_one_line_input() -> None:
    formfield = PiiProbe._meta.get_field("secret").formfield()
    assert isinstance(formfield.widget, forms.TextInput)


@pytest.mark.parametrize("lookup", ["secret", "secret__exact", "secret__icontains", "secret__in", "secret__lower"])
def test_the_field_cannot_be_searched(lookup: str) -> None:
    value: object = ["x"] if lookup.endswith("__in") else "x"
    with pytest.raises(FieldError, match=r"kit_pii_probe\.PiiProbe\.secret is encrypted"):
        PiiProbe.objects.filter(**{lookup: value})


def test_the_field_can_be_tested_for_null() -> None:
    (condition,) = PiiProbe.objects.filter(secret__isnull=True).query.where.children
    assert isinstance(condition, IsNull)


def test_the_field_may_not_be_unique() -> None:
    errors = UniquePiiProbe._meta.get_field("secret").check()
    assert [error.id for error in errors] == ["kit.E101"]
    assert not PiiProbe._meta.get_field("secret").check()


def test_a_row_is_stored_as_a_token_and_read_back_as_plaintext(probe_table: None) -> None:
    probe = PiiProbe.objects.create(secret="320113196501011234")
    stored = raw_secret(probe.pk)
    assert stored is not None
    assert TOKEN.fullmatch(stored)
    assert "320113196501011234" not in stored
    assert PiiProbe.objects.get(pk=probe.pk).secret == "320113196501011234"
    assert list(PiiProbe.objects.values_list("secret", flat=True)) == ["320113196501011234"]


def test_saving_again_encrypts_the_plaintext_not_the_token(probe_table: None) -> None:
    probe = PiiProbe.objects.create(secret="13812345678")
    probe.refresh_from_db()
    probe.save()
    assert PiiProbe.objects.get(pk=probe.pk).secret == "13812345678"
    PiiProbe.objects.filter(pk=probe.pk).update(secret="13900000000")
    assert PiiProbe.objects.get(pk=probe.pk).secret == "13900000000"


def test_null_and_empty_are_stored_as_they_are(probe_table: None) -> None:
    none = PiiProbe.objects.create(secret=None)
    empty = PiiProbe.objects.create(secret="")
    assert raw_secret(none.pk) is None
    assert raw_secret(empty.pk) == ""
    assert PiiProbe.objects.filter(secret__isnull=True).count() == 1


def test_a_tampered_row_fails_loudly_when_read(probe_table: None) -> None:
    probe = PiiProbe.objects.create(secret="13812345678")
    stored = raw_secret(probe.pk)
    assert stored is not None
    with connection.cursor() as cursor:
        cursor.execute("UPDATE kit_pii_probe SET secret = %s WHERE id = %s", [flip_last_body_byte(stored), probe.pk])
    with pytest.raises(PiiDecryptError):
        PiiProbe.objects.get(pk=probe.pk)


# --- masking ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("320113196501011234", "320113********1234"),
        ("11010519491231002X", "110105********002X"),
        ("320113650101123", "320113*****1123"),
        ("1234567", "1*****7"),
        ("123", "***"),
        ("", ""),
    ],
)
def test_id_numbers_are_masked_keeping_the_first_6_and_last_4(value: str, masked: str) -> None:
    assert mask_id_number(value) == masked


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("13812345678", "138****5678"),
        ("+86 138-1234-5678", "138****5678"),
        ("025-83201234", "025****1234"),
        ("83201234", "83****34"),
        ("12", "**"),
        ("", ""),
    ],
)
def test_phones_are_masked_keeping_the_first_3_and_last_4(value: str, masked: str) -> None:
    assert mask_phone(value) == masked


@pytest.mark.parametrize(
    ("field_name", "value", "masked"),
    [
        ("id_number", "320113196501011234", "320113********1234"),
        ("spouse_id_number", "320113196501011234", "320113********1234"),
        ("phone", "13812345678", "138****5678"),
        ("contact_phone", 13812345678, "138****5678"),
        ("mobile", "13812345678", "138****5678"),
        ("address", "南京市栖霞区", "******"),
        ("phone", None, None),
        ("id_number", "", ""),
    ],
)
def test_values_are_masked_by_field_name(field_name: str, value: object, masked: str | None) -> None:
    assert mask_value(field_name, value) == masked


@pytest.mark.django_db
def test_rotate_pii_keys_moves_every_token_to_the_active_key(settings):
    from django.core.management import call_command
    from django.db import connection

    from core.models import Org, Person
    from kit.pii import reset_key_cache

    old_key = settings.PII_KEYS
    org = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="K0"))
    person = Person(name="轮换", id_number="11010519491231002X", phone="13800138000", org=org)
    person.full_clean()
    person.save()
    new = base64.b64encode(b"n" * 32).decode()
    next_id = max(int(part.split(":", 1)[0]) for part in old_key.split(",")) + 1
    settings.PII_KEYS = f"{old_key},{next_id}:{new}"
    settings.PII_KEY_ID = 0
    reset_key_cache()
    call_command("rotate_pii_keys", stdout=open("/dev/null", "w"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number, phone FROM core_person WHERE id = %s", [person.pk])
        tokens = cursor.fetchone()
    assert all(t.startswith(f"v{next_id}:") for t in tokens)
    assert Person.objects.get(pk=person.pk).id_number == "11010519491231002X"
