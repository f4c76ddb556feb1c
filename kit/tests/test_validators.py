"""Tests of kit.validators: 公民身份号码, 统一社会信用代码, mobile numbers, dates and amounts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone
from hypothesis import assume, given
from hypothesis import strategies as st
from stdnum.cn import ric, uscc

from kit.validators import (
    MAINLAND_PROVINCE_CODES,
    PROVINCE_CODES,
    id_number_birth_date,
    id_number_gender,
    normalize_id_number,
    normalize_mobile,
    normalize_uscc,
    validate_id_number,
    validate_mobile,
    validate_non_negative,
    validate_not_future,
    validate_uscc,
)

ID_CHARS = "0123456789X"
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def with_check(first17: str) -> str:
    """A 公民身份号码 with its check character computed by stdnum."""
    return first17 + ric.calc_check_digit(first17 + "0")


def uscc_with_check(first17: str) -> str:
    """A 统一社会信用代码 with its check character computed by stdnum."""
    return first17 + uscc.calc_check_digit(first17)


def error_of(validator: Callable[[Any], None], value: object) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        validator(value)
    return info.value


def message(error: ValidationError) -> str:
    return error.messages[0]


@st.composite
def id_numbers(draw: st.DrawFn) -> str:
    """Any valid 18-character number: a real province, a real birth date, computed check."""
    province = draw(st.sampled_from(sorted(PROVINCE_CODES)))
    area = draw(st.from_regex(r"[0-9]{4}", fullmatch=True))
    born = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=timezone.localdate()))
    sequence = draw(st.from_regex(r"[0-9]{3}", fullmatch=True))
    return with_check(f"{province}{area}{born:%Y%m%d}{sequence}")


# --- 公民身份号码 ---------------------------------------------------------------------------------


def test_a_real_qixia_number_from_1965_passes_although_stdnum_would_reject_it() -> None:
    number = with_check("32011319650101123")  # 栖霞区 320113 postdates 1965
    assert number == "320113196501011234"
    validate_id_number(number)
    with pytest.raises(ric.ValidationError):
        ric.validate(number)


def test_it_normalises_lower_case_x_spaces_and_full_width_characters() -> None:
    assert normalize_id_number(" 11010519491231002x ") == "11010519491231002X"
    assert normalize_id_number("１１０１０５ １９４９１２３１ ００２ｘ") == "11010519491231002X"


def test_it_accepts_a_number_ending_in_a_lower_case_x() -> None:
    number = "11010519491231002X"
    assert with_check(number[:17]) == number
    validate_id_number(number.lower())


def test_it_rejects_a_wrong_check_digit_and_names_the_right_one() -> None:
    error = error_of(validate_id_number, "320113196501011235")
    assert error.code == "id_number_checksum"
    assert message(error) == "公民身份号码校验位错误，应为 4"


def test_it_rejects_a_birth_date_in_2099() -> None:
    error = error_of(validate_id_number, with_check("32011320990101123"))
    assert error.code == "id_number_birth_future"
    assert message(error) == "公民身份号码中的出生日期 2099-01-01 晚于今天"


def test_it_rejects_a_birth_date_before_1900() -> None:
    error = error_of(validate_id_number, with_check("32011318991231123"))
    assert error.code == "id_number_birth_too_early"
    assert message(error) == "公民身份号码中的出生日期 1899-12-31 早于1900-01-01"


def test_it_rejects_an_impossible_birth_date() -> None:
    error = error_of(validate_id_number, with_check("32011319650230123"))
    assert error.code == "id_number_birth_date"
    assert message(error) == "公民身份号码中的出生日期 19650230 不是有效日期"


def test_it_accepts_someone_born_today_and_refuses_someone_born_tomorrow() -> None:
    today = timezone.localdate()
    validate_id_number(with_check(f"110105{today:%Y%m%d}123"))
    tomorrow = today + dt.timedelta(days=1)
    assert error_of(validate_id_number, with_check(f"110105{tomorrow:%Y%m%d}123")).code == "id_number_birth_future"


@override_settings(USE_TZ=True, TIME_ZONE="Asia/Shanghai")
def test_today_is_the_date_in_shanghai_not_in_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    # 2024-12-31 17:00 UTC is already 2025-01-01 01:00 in Shanghai
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2024, 12, 31, 17, 0, tzinfo=dt.UTC))
    validate_id_number(with_check("11010520250101123"))
    assert error_of(validate_id_number, with_check("11010520250102123")).code == "id_number_birth_future"


def test_it_refuses_an_old_15_digit_number_and_asks_for_the_18_digit_one() -> None:
    error = error_of(validate_id_number, "320113650101123")
    assert error.code == "id_number_old"
    assert message(error) == "这是15位的旧身份证号码，请填写18位的公民身份号码"


@pytest.mark.parametrize("value", ["", "3201131965010112", "3201131965010112345"])
def test_it_refuses_a_number_that_is_not_18_characters_long(value: str) -> None:
    error = error_of(validate_id_number, value)
    assert error.code == "id_number_length"
    assert message(error) == f"公民身份号码应为18位，当前为 {len(value)} 位"


@pytest.mark.parametrize("value", ["32011319650101123Y", "3201131965010112X4", "3201131965010112３A"])
def test_it_refuses_letters_other_than_a_final_x(value: str) -> None:
    error = error_of(validate_id_number, value)
    assert error.code == "id_number_format"
    assert message(error) == "公民身份号码的前17位应为数字，最后一位应为数字或 X"


def test_it_refuses_digits_from_other_scripts() -> None:
    arabic_indic = "٣٢٠١١٣١٩٦٥٠١٠١١٢٣٤"  # 320113196501011234 in Arabic-Indic digits
    assert error_of(validate_id_number, arabic_indic).code == "id_number_format"
    assert error_of(validate_uscc, "٩١110000600037341L").code == "uscc_format"
    assert error_of(validate_mobile, "١٣٨12345678").code == "mobile_format"


@pytest.mark.parametrize(
    "province", ["00", "10", "16", "20", "24", "30", "38", "40", "47", "55", "60", "66", "72", "84"]
)
def test_it_refuses_a_number_whose_first_two_digits_are_no_province(province: str) -> None:
    error = error_of(validate_id_number, with_check(f"{province}011319650101123"))
    assert error.code == "id_number_region"
    assert message(error) == f"公民身份号码的前两位 {province} 不是有效的省级行政区划代码"


@pytest.mark.parametrize("province", ["11", "15", "21", "23", "31", "37", "41", "46", "50", "54", "61", "65"])
def test_it_accepts_every_mainland_province_boundary(province: str) -> None:
    assert province in MAINLAND_PROVINCE_CODES
    validate_id_number(with_check(f"{province}011319650101123"))


@pytest.mark.parametrize("region", ["710000", "810000", "820000", "830000"])
def test_it_accepts_taiwan_and_the_residence_permit_codes_of_hong_kong_macao_and_taiwan(region: str) -> None:
    validate_id_number(with_check(f"{region}19800101123"))


def test_it_accepts_a_new_foreign_permanent_residence_number_issued_in_a_mainland_province() -> None:
    # "9", issuing province 11 (北京), nationality 840 (ISO 3166 numeric), birth date, sequence, check
    validate_id_number(with_check("91184019800101123"))
    validate_id_number(with_check("94484019800101123"))  # issued in 44 广东


def test_it_refuses_a_foreign_number_whose_issuing_province_is_not_real() -> None:
    assert error_of(validate_id_number, with_check("99984019800101123")).code == "id_number_region"


@given(id_numbers())
def test_any_17_digits_with_a_real_date_and_the_computed_check_character_validate(number: str) -> None:
    validate_id_number(number)
    validate_id_number(number.lower())


@given(id_numbers(), st.sampled_from(ID_CHARS))
def test_changing_the_check_character_is_refused(number: str, other: str) -> None:
    assume(other != number[-1])
    error = error_of(validate_id_number, number[:17] + other)
    assert error.code == "id_number_checksum"
    assert message(error) == f"公民身份号码校验位错误，应为 {number[-1]}"


@given(id_numbers())
def test_the_birth_date_and_gender_are_read_back_from_the_number(number: str) -> None:
    born = id_number_birth_date(number)
    assert f"{born:%Y%m%d}" == number[6:14]
    assert id_number_gender(number) == ("M" if int(number[16]) % 2 else "F")


def test_the_17th_digit_gives_the_gender() -> None:
    assert id_number_gender("320113196501011234") == "M"  # 17th digit 3
    assert id_number_gender(with_check("32011319650101124")) == "F"
    assert id_number_birth_date("11010519491231002x") == dt.date(1949, 12, 31)


def test_the_helpers_refuse_a_malformed_number() -> None:
    with pytest.raises(ValueError, match="not an 18-character"):
        id_number_birth_date("12345")
    with pytest.raises(ValueError, match="not an 18-character"):
        id_number_gender("32011319650101123Y")


# --- 统一社会信用代码 -------------------------------------------------------------------------


def test_a_published_uscc_passes() -> None:
    validate_uscc("91110000600037341L")


def test_a_built_qixia_enterprise_code_passes_and_normalises() -> None:
    code = uscc_with_check("91320113MA1MXXXXX".replace("X", "1"))
    validate_uscc(code)
    spaced = f"{code[:2]} {code[2:8]}-{code[8:]}".lower()
    assert normalize_uscc(spaced) == code
    validate_uscc(spaced)


@pytest.mark.parametrize("first17", ["81320113MA1M00001", "N2320113MA1M00001", "Y1320113MA1M00001"])
def test_codes_of_unions_rural_collectives_and_other_registrars_pass(first17: str) -> None:
    validate_uscc(uscc_with_check(first17))


def test_it_rejects_a_uscc_with_a_wrong_check_character() -> None:
    code = uscc_with_check("91320113MA1M00001")
    wrong = next(c for c in USCC_ALPHABET if c != code[-1])
    error = error_of(validate_uscc, code[:17] + wrong)
    assert error.code == "uscc_checksum"
    assert message(error) == "统一社会信用代码校验位错误，请核对"


def test_it_rejects_a_uscc_of_the_wrong_length() -> None:
    error = error_of(validate_uscc, "91320113MA1M0000")
    assert error.code == "uscc_length"
    assert message(error) == "统一社会信用代码应为18位，当前为 16 位"


@pytest.mark.parametrize(
    "first17", ["91320113MA1M0000I", "91320113MA1M0000O", "9132011AMA1M00001", "Z1320113MA1M00001"]
)
def test_it_rejects_forbidden_letters_and_letters_in_the_region_code(first17: str) -> None:
    error = error_of(validate_uscc, first17 + "0")
    assert error.code == "uscc_format"
    assert message(error).startswith("统一社会信用代码格式错误")


@given(st.text(alphabet=USCC_ALPHABET, min_size=2, max_size=2), st.from_regex(r"[0-9]{6}", fullmatch=True))
def test_any_well_formed_uscc_with_the_computed_check_passes(head: str, region: str) -> None:
    validate_uscc(uscc_with_check(f"{head}{region}MA1M00001"))


@given(st.text(alphabet=USCC_ALPHABET, min_size=9, max_size=9), st.sampled_from(USCC_ALPHABET))
def test_changing_the_uscc_check_character_is_refused(body: str, other: str) -> None:
    code = uscc_with_check(f"91320113{body}")
    assume(other != code[-1])
    assert error_of(validate_uscc, code[:17] + other).code == "uscc_checksum"


# --- mobile numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("+8613812345678", "13812345678"),
        ("0086 13812345678", "13812345678"),
        ("8613812345678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("86123", "86123"),
    ],
)
def test_it_normalises_mobile_numbers(raw: str, expected: str) -> None:
    assert normalize_mobile(raw) == expected


@pytest.mark.parametrize("number", ["13812345678", "+86 199 1234 5678", "16612345678", "14512345678", "19212345678"])
def test_it_accepts_china_mainland_mobile_numbers(number: str) -> None:
    validate_mobile(number)


@pytest.mark.parametrize("number", ["14012345678", "12312345678", "10012345678", "17412345678"])
def test_it_refuses_numbers_outside_the_mobile_ranges(number: str) -> None:
    error = error_of(validate_mobile, number)
    assert error.code == "mobile_invalid"
    assert message(error) == f"手机号码无效：{number[:3]} 号段不是中国大陆的手机号段"


@pytest.mark.parametrize("number", ["1381234567", "138123456789", "02583201234", "+1 650 253 0000", "1381234567a"])
def test_it_refuses_anything_but_11_digits_starting_with_1(number: str) -> None:
    error = error_of(validate_mobile, number)
    assert error.code == "mobile_format"
    assert message(error) == "手机号码无效：应为以1开头的11位数字"


# --- dates and amounts ------------------------------------------------------------------------


def test_today_is_not_in_the_future_but_tomorrow_is() -> None:
    today = timezone.localdate()
    validate_not_future(today)
    validate_not_future(None)
    error = error_of(validate_not_future, today + dt.timedelta(days=1))
    assert error.code == "future_date"
    assert message(error) == "日期不能晚于今天"


def test_a_datetime_is_judged_by_its_local_date() -> None:
    validate_not_future(timezone.now())
    assert error_of(validate_not_future, timezone.now() + dt.timedelta(days=2)).code == "future_date"


@pytest.mark.parametrize("amount", [0, 1, Decimal("0.00"), 2.5, None])
def test_zero_and_positive_amounts_pass(amount: int | float | Decimal | None) -> None:
    validate_non_negative(amount)


@pytest.mark.parametrize("amount", [-1, Decimal("-0.01"), -0.5])
def test_negative_amounts_are_refused(amount: int | float | Decimal) -> None:
    error = error_of(validate_non_negative, amount)
    assert error.code == "negative_amount"
    assert message(error) == "金额不能为负数"
