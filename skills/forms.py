"""Forms of the skills module beyond the declared ones."""

from __future__ import annotations

from typing import Any

from kit import declare
from skills.models import SelectionRound, Submission

_Base = declare.form(
    Submission,
    ["round", "enterprise", "title", "authors", "summary", "attachment", "eligibility", "eligibility_reason"],
)


class SubmissionForm(_Base):  # type: ignore[misc,valid-type]
    """An enterprise union enters the calls published by the federations above it (a call is open
    to the organiser's whole subtree), whatever its own data scope on rounds."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.user
        if user is None or user.is_superuser:
            return
        path = getattr(getattr(user, "org", None), "path", "") or ""
        step = 4
        above = [path[:i] for i in range(step, len(path) + 1, step)]
        calls = SelectionRound.objects.filter(org__path__in=above, status=SelectionRound.Status.CALL)
        own = SelectionRound.objects.visible_to(user, "view")
        self.fields["round"].queryset = (calls | own).distinct()
        if not user.has_perm("skills.change_selectionround"):
            # eligibility is the organiser's decision
            self.fields.pop("eligibility")
            self.fields.pop("eligibility_reason")
