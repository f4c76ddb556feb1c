"""Chinese text helpers: pinyin keys for name search."""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin

# pypinyin's default readings are wrong for these surnames (research/libraries.md §5)
SURNAME_READINGS = {
    "单": "shan",
    "曾": "zeng",
    "解": "xie",
    "区": "ou",
    "仇": "qiu",
    "朴": "piao",
    "覃": "qin",
    "查": "zha",
    "盖": "ge",
    "尉": "yu",
    "乐": "yue",
    "缪": "miao",
    "翟": "zhai",
    "种": "chong",
    "秘": "bi",
    "员": "yun",
}


def pinyin_keys(name: str) -> tuple[str, str]:
    """('zhangsan', 'zs') for 张三, with surname readings corrected."""
    name = (name or "").strip()
    if not name:
        return "", ""
    syllables = lazy_pinyin(name, style=Style.NORMAL, errors="ignore")
    if syllables and name[0] in SURNAME_READINGS:
        syllables[0] = SURNAME_READINGS[name[0]]
    syllables = [s.lower() for s in syllables if s]
    return "".join(syllables)[:200], "".join(s[0] for s in syllables)[:100]
