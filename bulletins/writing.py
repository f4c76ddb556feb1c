"""Writing an issue from data: the figures a text binds to indicators (`{{ 宣讲场次 }}`,
`{{ 参与职工、师生|万余 }}`), checked when a template or an issue is saved, computed for the issue's
period and org, worded the official way (`bulletins.wording`), kept linked until the editor turns one
into plain text; and the paragraphs split into their runs — the first-level heading "一、…。" in
黑体, each "一是…。" in 楷体, the rest in 仿宋 (GB/T 9704), so an editor writes plain text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bulletins import wording
from bulletins.models import PLACEHOLDER
from kit import indicators
from kit.indicators import Indicator
from kit.periods import Period

NUMERALS = "一二三四五六七八九十"
H1 = re.compile(rf"^([{NUMERALS}]+、[^。]*。)")
H2 = re.compile(rf"([{NUMERALS}]+是[^。]*。)")


def indicator_named(name: str) -> Indicator | None:
    """An indicator by its code or its Chinese name (a name two indicators share is not found: use the code)."""
    name = name.strip()
    found = indicators.get(name)
    if found is not None:
        return found
    named = [i for i in indicators.all_indicators() if i.name == name]
    return named[0] if len(named) == 1 else None


def check_placeholders(text: str) -> list[str]:
    """What is wrong with a text's placeholders, in words (nothing: an empty list)."""
    problems = []
    unknown = []
    for match in PLACEHOLDER.finditer(text or ""):
        name, fmt = match.group(1).strip(), (match.group(2) or "").strip()
        if indicator_named(name) is None:
            unknown.append(name)
        if fmt not in wording.FORMATS:
            problems.append(
                f"“{match.group(0)}”的格式“{fmt}”不可用；可用：{'、'.join(f for f in wording.FORMATS if f)}"
            )
    if unknown:
        valid = "、".join(sorted({i.name for i in indicators.all_indicators()}))
        problems.insert(0, f"没有这些指标：{'、'.join(dict.fromkeys(unknown))}。可用的指标：{valid}")
    return problems


def key_of(match: re.Match[str]) -> str:
    name, fmt = match.group(1).strip(), (match.group(2) or "").strip()
    return f"{name}|{fmt}" if fmt else name


@dataclass(frozen=True)
class Bound:
    key: str
    code: str
    name: str
    unit: str
    value: str  # the figure, exact (a string of the Decimal or int)
    text: str  # as the bulletin words it


def evaluate(text: str, period: Period, org: Any) -> dict[str, dict[str, str]]:
    """Every placeholder of `text` computed for the period and org, worded: {key: Bound as a dict}."""
    out: dict[str, dict[str, str]] = {}
    for match in PLACEHOLDER.finditer(text or ""):
        key = key_of(match)
        if key in out:
            continue
        indicator = indicator_named(match.group(1))
        if indicator is None:
            continue
        value = indicator.compute(period, org)
        fmt = (match.group(2) or "").strip()
        try:
            worded = wording.FORMATS[fmt](value) if value is not None else "—"
        except wording.WordingError:
            worded = "—"
        out[key] = Bound(key, indicator.code, indicator.name, indicator.unit, str(value), worded).__dict__
    return out


def fill(text: str, figures: dict[str, dict[str, str]]) -> str:
    """The text with every placeholder replaced by its worded figure (【未计算】 when it has none yet)."""
    return PLACEHOLDER.sub(lambda m: figures.get(key_of(m), {}).get("text", "【未计算】"), text or "")


def fix(text: str, figures: dict[str, dict[str, str]], key: str | None = None) -> str:
    """Turn one placeholder (`key`) or all of them into plain text: they are no longer refreshed."""

    def replace(match: re.Match[str]) -> str:
        if key is not None and key_of(match) != key:
            return match.group(0)
        return figures.get(key_of(match), {}).get("text", match.group(0))

    return PLACEHOLDER.sub(replace, text or "")


def paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def runs(paragraph: str) -> list[tuple[str, str]]:
    """A paragraph as (text, style) runs: "h1" for its opening "一、…。", "h2" for each "一是…。",
    "body" for the rest."""
    out: list[tuple[str, str]] = []
    rest = paragraph
    head = H1.match(rest)
    if head:
        out.append((head.group(1), "h1"))
        rest = rest[head.end() :]
    position = 0
    for match in H2.finditer(rest):
        before = rest[position : match.start()]
        # a 一是 starts a sentence: at the start, or after a full stop
        if before and not before.endswith(("。", "；", "：")):
            continue
        if before:
            out.append((before, "body"))
        out.append((match.group(1), "h2"))
        position = match.end()
    if rest[position:]:
        out.append((rest[position:], "body"))
    return out
