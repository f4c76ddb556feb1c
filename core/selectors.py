"""Reads of the core domain. Every query goes through `.visible_to(user)`."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

from core.models import Enterprise, Holiday, Org, Person, User
from kit.dates import Calendar


def home_stats(user: Any) -> list[dict[str, Any]]:
    """The counts on the home page, each within the user's data scope (None when not permitted)."""
    out = []
    for label, model, url in (
        ("工会组织", Org, "core:org_list"),
        ("企业", Enterprise, "core:enterprise_list"),
        ("职工", Person, "core:person_list"),
    ):
        if user.has_perm(f"core.view_{model._meta.model_name}"):
            out.append({"label": label, "count": model.objects.visible_to(user).count(), "url": url})
    return out


def person_search(qs: Any, q: str) -> Any:
    """Find workers the way users type: exact ID number, full phone or its last 4 digits, full
    name or its beginning, pinyin or its initials (张三 ← zhangsan / zs)."""
    from django.db.models import Q

    from kit.pii import blind_index
    from kit.validators import normalize_id_number, normalize_mobile

    text = q.strip()
    ident = normalize_id_number(text)
    if len(ident) == 18 and ident[:17].isdigit():
        return qs.filter(id_number_bidx=blind_index(ident, kind="id_number"))
    digits = normalize_mobile(text)
    if digits.isdigit():
        if len(digits) == 11:
            return qs.filter(phone_bidx=blind_index(digits, kind="phone"))
        if len(digits) == 4:
            return qs.filter(phone_tail=digits)
        return qs.none()
    if text.isascii() and text.replace(" ", "").isalpha():
        key = text.replace(" ", "").lower()
        return qs.filter(Q(name_initials__startswith=key) | Q(name_pinyin__startswith=key))
    return qs.filter(name__startswith=text)


def enterprise_search(qs: Any, q: str) -> Any:
    from django.db.models import Q

    text = q.strip()
    if len(text) == 18 and text.isalnum():
        return qs.filter(uscc=text.upper())
    return qs.filter(Q(name__contains=text) | Q(uscc__startswith=text.upper()))


def people_from_lines(visible: Any, text: str) -> tuple[list[Any], list[str]]:
    """Workers typed one per line (ID number, phone, phone tail or name) among `visible`: those
    found exactly once, and the lines that found none or several (to be typed by ID number)."""
    people, unknown = [], []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        found = list(person_search(visible, line)[:2])
        if len(found) == 1:
            people.append(found[0])
        else:
            unknown.append(line)
    return people, unknown


def users_from_names(text: str, *, what: str = "账号") -> list[Any]:
    """Accounts named by their user names, separated by commas (either width) or whitespace — the
    scorers, experts or judges an organiser names for a round. Every name must exist (a
    ValidationError names the missing ones); the order given is kept, duplicates dropped."""
    names = list(dict.fromkeys(n for n in re.split(r"[,，、\s]+", text or "") if n))
    found = {u.username: u for u in User.objects.filter(username__in=names, is_active=True)}
    missing = [n for n in names if n not in found]
    if missing:
        raise ValidationError(f"找不到{what}：{'、'.join(missing)}")
    return [found[n] for n in names]


def calendar() -> Calendar:
    """The holiday table as a `kit.dates.Calendar` (read once per call: pass it along)."""
    off: set[date] = set()
    work: set[date] = set()
    for day, kind in Holiday.objects.values_list("day", "kind"):
        (work if kind == Holiday.Kind.WORK else off).add(day)
    return Calendar(frozenset(off), frozenset(work))


WORKER_ROLE = "worker"


def is_worker_only(user: Any) -> bool:
    """A worker's account: the 职工 role and no other (his home is the portal, not the back office)."""
    if not user.is_authenticated or user.is_superuser or user.is_staff:
        return False
    codes = set(user.roles.filter(is_active=True).values_list("code", flat=True))
    return codes == {WORKER_ROLE} or (not codes and user.person_id is not None)


def address_throttled(ip: str | None) -> bool:
    """Has this address failed `LOGIN_ADDRESS_LIMIT` log-ins (over any accounts) within the lock-out
    period? django-axes keeps the failures per account and address."""
    from datetime import timedelta

    from axes.models import AccessAttempt
    from django.conf import settings
    from django.db.models import Sum
    from django.utils import timezone

    if not ip or not getattr(settings, "AXES_ENABLED", False):
        return False
    since = timezone.now() - timedelta(hours=float(settings.AXES_COOLOFF_TIME))
    failures = AccessAttempt.objects.filter(ip_address=ip, attempt_time__gte=since).aggregate(
        n=Sum("failures_since_start")
    )["n"]
    return (failures or 0) >= settings.LOGIN_ADDRESS_LIMIT


# --- 个人信息查询 (PIPL Art 45: a person's right to see and copy what is held about him) -------------
HIDDEN_COLUMNS = ("version", "created_by", "updated_by", "deleted_by", "mac", "hash", "prev_hash")


def records_about(person: Any, user: Any) -> list[dict[str, Any]]:
    """Everything the platform holds about a worker that `user` may see: his record and every row of
    every model whose ScopeSpec names a `person` lookup pointing at him (his enrolments, cases,
    coverage, hours …), each row as its fields' labels and values, personal data in full. For the
    worker himself (the 仅本人 scope) that is everything about him."""
    from django.apps import apps

    from kit.display import format_value

    sections = []
    for model in apps.get_models():
        lookup = getattr(getattr(model, "scope", None), "person", None)
        manager = model._default_manager
        if not lookup or not hasattr(manager, "visible_to"):
            continue
        rows = list(manager.visible_to(user).filter(**{lookup: person.pk}).order_by("pk")[:1000])
        if not rows:
            continue
        fields = [
            f
            for f in model._meta.concrete_fields
            if not f.name.endswith("_bidx") and f.name not in HIDDEN_COLUMNS and f.name != "id"
        ]
        sections.append(
            {
                "title": str(model._meta.verbose_name_plural),
                "model": model._meta.label_lower,
                "rows": [{str(f.verbose_name): format_value(getattr(row, f.name)) for f in fields} for row in rows],
            }
        )
    return sections
