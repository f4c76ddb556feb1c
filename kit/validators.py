"""Validators for Chinese identifiers: 公民身份号码, 统一社会信用代码, mobile numbers, dates and amounts.

Each `validate_*` raises `django.core.exceptions.ValidationError` with a Chinese message and a `code`;
the `normalize_*` helpers are pure and should run before storing or blind-indexing a value.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from stdnum.cn import ric, uscc

__all__ = [
    "PROVINCE_CODES",
    "id_number_birth_date",
    "id_number_gender",
    "normalize_id_number",
    "normalize_mobile",
    "normalize_uscc",
    "validate_id_number",
    "validate_mobile",
    "validate_non_negative",
    "validate_not_future",
    "validate_uscc",
]

# Province-level codes that open a 公民身份号码: the mainland provinces of GB/T 2260, 71 台湾,
# and 81 / 82 / 83, which open the numbers of 港澳台居民居住证 (810000 香港, 820000 澳门, 830000 台湾).
MAINLAND_PROVINCE_CODES = frozenset(
    f"{n:02d}"
    for n in (
        *range(11, 16),  # 北京 天津 河北 山西 内蒙古
        *range(21, 24),  # 辽宁 吉林 黑龙江
        *range(31, 38),  # 上海 江苏 浙江 安徽 福建 江西 山东
        *range(41, 47),  # 河南 湖北 湖南 广东 广西 海南
        *range(50, 55),  # 重庆 四川 贵州 云南 西藏
        *range(61, 66),  # 陕西 甘肃 青海 宁夏 新疆
    )
)
PROVINCE_CODES = MAINLAND_PROVINCE_CODES | {"71", "81", "82", "83"}
# The 2023 外国人永久居留身份证 follows GB 11643: "9", then the two-digit province code of the
# issuing mainland province, then the nationality; birth date, sex digit and check are as for citizens.
FOREIGNER_PREFIX = "9"

EARLIEST_BIRTH_DATE = dt.date(1900, 1, 1)

_ID_FORMAT = re.compile(r"[0-9]{17}[0-9X]")
_USCC_CHAR = "0-9A-HJ-NP-RTUW-Y"  # digits and capitals except I, O, Z, S, V
_USCC_FORMAT = re.compile(rf"[{_USCC_CHAR}]{{2}}[0-9]{{6}}[{_USCC_CHAR}]{{10}}")
_MOBILE_FORMAT = re.compile(r"1[0-9]{10}")
_SPACES_AND_DASHES = re.compile(r"[\s\-‐‑‒–—―－]+")


def _today() -> dt.date:
    """Today in the project's time zone (Asia/Shanghai)."""
    return timezone.localdate() if settings.USE_TZ else dt.date.today()


def _halfwidth(value: object) -> str:
    """Full-width digits, letters and spaces → their ASCII forms (NFKC)."""
    return unicodedata.normalize("NFKC", str(value))


# --- 公民身份号码 (GB 11643) ------------------------------------------------------------------


def normalize_id_number(value: str) -> str:
    """Strip spaces, turn full-width characters half-width and a lower-case x into X."""
    return re.sub(r"\s+", "", _halfwidth(value)).upper()


def _id_check_character(first17: str) -> str:
    # stdnum's calc_check_digit expects the full 18 characters and ignores the last one.
    return ric.calc_check_digit(first17 + "0")


def _id_region_ok(number: str) -> bool:
    if number.startswith(FOREIGNER_PREFIX):
        return number[1:3] in MAINLAND_PROVINCE_CODES
    return number[:2] in PROVINCE_CODES


def validate_id_number(value: str) -> None:
    """Validate an 18-character 公民身份号码: format, province, birth date and MOD 11-2 check."""
    number = normalize_id_number(value)
    if len(number) == 15 and number.isascii() and number.isdigit():
        raise ValidationError(
            "这是15位的旧身份证号码，请填写18位的公民身份号码",
            code="id_number_old",
        )
    if len(number) != 18:
        raise ValidationError(
            "公民身份号码应为18位，当前为 %(length)d 位",
            code="id_number_length",
            params={"length": len(number)},
        )
    if not _ID_FORMAT.fullmatch(number):
        raise ValidationError(
            "公民身份号码的前17位应为数字，最后一位应为数字或 X",
            code="id_number_format",
        )
    if not _id_region_ok(number):
        raise ValidationError(
            "公民身份号码的前两位 %(code)s 不是有效的省级行政区划代码",
            code="id_number_region",
            params={"code": number[:2]},
        )
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError(
            "公民身份号码中的出生日期 %(digits)s 不是有效日期",
            code="id_number_birth_date",
            params={"digits": number[6:14]},
        ) from None
    if born > _today():
        raise ValidationError(
            "公民身份号码中的出生日期 %(date)s 晚于今天",
            code="id_number_birth_future",
            params={"date": born.isoformat()},
        )
    if born < EARLIEST_BIRTH_DATE:
        raise ValidationError(
            "公民身份号码中的出生日期 %(date)s 早于1900-01-01",
            code="id_number_birth_too_early",
            params={"date": born.isoformat()},
        )
    expected = _id_check_character(number[:17])
    if number[17] != expected:
        raise ValidationError(
            "公民身份号码校验位错误，应为 %(expected)s",
            code="id_number_checksum",
            params={"expected": expected},
        )


def _id_digits(value: str) -> str:
    number = normalize_id_number(value)
    if not _ID_FORMAT.fullmatch(number):
        raise ValueError("not an 18-character 公民身份号码")
    return number


def id_number_birth_date(value: str) -> dt.date:
    """The birth date in a 公民身份号码 (ValueError if malformed; validate first)."""
    number = _id_digits(value)
    return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def id_number_gender(value: str) -> str:
    """ "M" when the 17th digit is odd, "F" when even (ValueError if malformed)."""
    return "M" if int(_id_digits(value)[16]) % 2 else "F"


# --- 统一社会信用代码 (GB 32100) --------------------------------------------------------------


def normalize_uscc(value: str) -> str:
    """Strip spaces and dashes, turn full-width characters half-width, upper-case."""
    return _SPACES_AND_DASHES.sub("", _halfwidth(value)).upper()


def validate_uscc(value: str) -> None:
    """Validate an 18-character 统一社会信用代码: alphabet, region digits and check character.

    The first two characters (登记管理部门 and 机构类别) may be letters such as N or Y, so only the
    check character comes from stdnum (`uscc.calc_check_digit`); its `validate` wants 8 leading digits.
    """
    code = normalize_uscc(value)
    if len(code) != 18:
        raise ValidationError(
            "统一社会信用代码应为18位，当前为 %(length)d 位",
            code="uscc_length",
            params={"length": len(code)},
        )
    if not _USCC_FORMAT.fullmatch(code):
        raise ValidationError(
            "统一社会信用代码格式错误：只能包含数字和除 I、O、Z、S、V 以外的大写字母，第3至8位应为数字",
            code="uscc_format",
        )
    if code[17] != uscc.calc_check_digit(code[:17]):
        raise ValidationError("统一社会信用代码校验位错误，请核对", code="uscc_checksum")


# --- mobile numbers ---------------------------------------------------------------------------


def normalize_mobile(value: str) -> str:
    """Strip spaces and dashes and a leading +86, 0086 or (on 13 digits) 86."""
    number = _SPACES_AND_DASHES.sub("", _halfwidth(value))
    if number.startswith("+86"):
        return number[3:]
    if number.startswith("0086"):
        return number[4:]
    if len(number) == 13 and number.startswith("86") and number.isascii() and number.isdigit():
        return number[2:]
    return number


_MOBILE_TYPES = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)


def validate_mobile(value: str) -> None:
    """Validate a China mainland mobile number (11 digits starting with 1, in an allocated range)."""
    number = normalize_mobile(value)
    if not _MOBILE_FORMAT.fullmatch(number):
        raise ValidationError("手机号码无效：应为以1开头的11位数字", code="mobile_format")
    try:
        parsed = phonenumbers.parse(number, "CN")
    except phonenumbers.NumberParseException:
        parsed = None
    if (
        parsed is None
        or not phonenumbers.is_valid_number_for_region(parsed, "CN")
        or phonenumbers.number_type(parsed) not in _MOBILE_TYPES
    ):
        raise ValidationError(
            "手机号码无效：%(prefix)s 号段不是中国大陆的手机号段",
            code="mobile_invalid",
            params={"prefix": number[:3]},
        )


# --- dates and amounts ------------------------------------------------------------------------


def validate_not_future(value: dt.date | None) -> None:
    """A date (or datetime, taken in local time) may not be after today."""
    if value is None:
        return
    day = value
    if isinstance(value, dt.datetime):
        day = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if day > _today():
        raise ValidationError("日期不能晚于今天", code="future_date")


def validate_non_negative(value: int | float | Decimal | None) -> None:
    """An amount may not be negative."""
    if value is not None and value < 0:
        raise ValidationError("金额不能为负数", code="negative_amount")
