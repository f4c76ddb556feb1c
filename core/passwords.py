"""Password policy (等保 2.0): at least 8 characters of three kinds, never containing the user name,
none of the last five, changed at first log-in after an administrator set it and when it is older
than `PASSWORD_MAX_DAYS` (`core.middleware.PasswordPolicyMiddleware` sends the user to 修改密码)."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError

KINDS = (
    (re.compile(r"[a-z]"), "小写字母"),
    (re.compile(r"[A-Z]"), "大写字母"),
    (re.compile(r"[0-9]"), "数字"),
    (re.compile(r"[^A-Za-z0-9]"), "符号"),
)


class ComplexityValidator:
    def __init__(self, min_length: int = 8, min_kinds: int = 3) -> None:
        self.min_length, self.min_kinds = min_length, min_kinds

    def validate(self, password: str, user: Any = None) -> None:
        problems = []
        if len(password) < self.min_length:
            problems.append(f"至少 {self.min_length} 位")
        kinds = sum(1 for pattern, _ in KINDS if pattern.search(password))
        if kinds < self.min_kinds:
            problems.append(f"须包含大写字母、小写字母、数字、符号中的至少 {self.min_kinds} 种")
        username = (getattr(user, "username", "") or "").lower()
        if username and len(username) >= 3 and username in password.lower():
            problems.append("不能包含用户名")
        if problems:
            raise ValidationError("密码" + "，".join(problems) + "。", code="password_policy")

    def get_help_text(self) -> str:
        kinds = f"大写字母、小写字母、数字、符号中的至少 {self.min_kinds} 种"
        return f"至少 {self.min_length} 位，包含{kinds}，不能包含用户名。"


class HistoryValidator:
    """Not the current password nor one of the last `keep` (the hashes are kept, never the words)."""

    def __init__(self, keep: int = 5) -> None:
        self.keep = keep

    def validate(self, password: str, user: Any = None) -> None:
        if user is None or not getattr(user, "pk", None):
            return
        from core.models import PasswordHistory

        hashes = [user.password] if user.password else []
        hashes += list(
            PasswordHistory.objects.filter(user=user).order_by("-id").values_list("password", flat=True)[: self.keep]
        )
        if any(check_password(password, h) for h in hashes if h):
            raise ValidationError(f"不能与最近 {self.keep} 次使用过的密码相同。", code="password_reused")

    def password_changed(self, password: str, user: Any = None) -> None:
        if user is not None and user.pk:
            from core import services

            services.password_was_changed(user, keep=self.keep)

    def get_help_text(self) -> str:
        return f"不能与最近 {self.keep} 次使用过的密码相同。"
