"""Pages of the scoring machinery (kit.scoring), reusable by any module.

Two sets of URL patterns:

- `scoring_urls(purpose=None)` — the scorer's and organiser's pages: my rounds, one round (progress,
  completion, 签字确认 / 重新开启), the score-entry page for one subject, the results. They reverse
  their links in whatever namespace they are included under, so a module mounts them under its own
  prefix (and may restrict them to its rounds by `purpose`):

      # reform/urls.py (app_name = "reform")
      urlpatterns += [path("joint-review/", include(scoring_urls(purpose="reform.joint_review")))]

  Names: scoring_home, scoring_round, scoring_entry, scoring_total, scoring_results,
  scoring_close, scoring_reopen.

The pages maintaining sheets, criteria, rounds, subjects and scorers (and a read-only list of
scores) are the entities of `kit.scoring.entities`, mounted once by `kit.urls` in the namespace
"kit_scoring".
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render
from django.urls import path, reverse
from django.views import View

from kit import scoring
from kit.db import ScopedQuerySet
from kit.scoring.models import Criterion, RoundScorer, RoundSubject, Score, ScoringRound


# --- the scorer's and organiser's pages -----------------------------------------------------------
class ScoringView(LoginRequiredMixin, View):
    purpose: str | None = None  # set by scoring_urls(purpose=…): only this module's rounds

    def link(self, name: str, *args: Any) -> str:
        match = self.request.resolver_match
        ns = match.namespace if match is not None else ""
        return reverse(f"{ns}:{name}" if ns else name, args=args)

    def rounds(self) -> ScopedQuerySet:
        qs: ScopedQuerySet = ScoringRound.objects.select_related("sheet", "org")
        return qs.filter(purpose=self.purpose) if self.purpose is not None else qs

    def get_round(self, pk: Any) -> ScoringRound:
        """The round if the user has access to it (view permission in scope, or scorer), else 404."""
        rnd = self.rounds().filter(pk=pk).first()
        if rnd is None or not scoring.has_round_access(rnd, self.request.user):
            raise Http404("不存在或不在您的数据范围内")
        return rnd

    def crumbs(self, rnd: ScoringRound | None = None, *extra: tuple[str, str | None]) -> list[tuple[str, str | None]]:
        out: list[tuple[str, str | None]] = [("我的评审", self.link("scoring_home"))]
        if rnd is not None:
            out.append((rnd.title, self.link("scoring_round", rnd.pk)))
        return [*out, *extra]

    def page(self, template: str, ctx: dict[str, Any], status: int = 200) -> HttpResponse:
        return render(self.request, template, ctx, status=status)


class HomeView(ScoringView):
    def get(self, request: HttpRequest) -> HttpResponseBase:
        user = request.user
        mine = []
        for scorer in RoundScorer.objects.filter(round__in=self.rounds(), user=user).select_related(
            "round", "round__sheet"
        ):
            row = next((c for c in scoring.completion(scorer.round) if c.scorer.pk == scorer.pk), None)
            mine.append(
                {
                    "round": scorer.round,
                    "scorer": scorer,
                    "progress": row,
                    "url": self.link("scoring_round", scorer.round_id),
                }
            )
        organised = [
            {"round": r, "url": self.link("scoring_round", r.pk), "completion": scoring.completion(r)}
            for r in self.rounds().visible_to(user, "change")[:50]
        ]
        return self.page(
            "kit/scoring/home.html",
            {"title": "我的评审", "breadcrumbs": [("我的评审", None)], "mine": mine, "organised": organised},
        )


class RoundView(ScoringView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        rnd = self.get_round(pk)
        user = request.user
        scorer = scoring.scorer_of(rnd, user)
        organiser = scoring.can_organise(rnd, user)
        subjects = []
        if scorer is not None:
            required = {c.pk for c in scoring.leaf_criteria(rnd.sheet) if c.kind == Criterion.Kind.SCORE}
            entered: dict[int, set[int]] = {}
            for subject_id, criterion_id in Score.objects.filter(round=rnd, scorer=scorer).values_list(
                "subject_id", "criterion_id"
            ):
                entered.setdefault(subject_id, set()).add(criterion_id)
            for subj in RoundSubject.objects.filter(round=rnd).select_related("org"):
                done = entered.get(subj.pk, set())
                subjects.append(
                    {
                        "subject": subj,
                        "conflict": scoring.conflict_of(rnd, user, subj),
                        "done": len(done & required),
                        "required": len(required),
                        "complete": required <= done,
                        "url": self.link("scoring_entry", rnd.pk, subj.pk),
                    }
                )
        return self.page(
            "kit/scoring/round.html",
            {
                "title": rnd.title,
                "breadcrumbs": self.crumbs(None, (rnd.title, None)),
                "round": rnd,
                "full_mark": scoring.full_mark(rnd.sheet),
                "conflict_label": rnd.get_conflict_rule_display(),
                "scorer": scorer,
                "subjects": subjects,
                "organiser": organiser,
                "completion": scoring.completion(rnd) if organiser else [],
                "results_url": self.link("scoring_results", rnd.pk),
                "close_url": self.link("scoring_close", rnd.pk),
                "reopen_url": self.link("scoring_reopen", rnd.pk),
            },
        )


def _posted_values(data: Any, leaves: list[Criterion]) -> tuple[dict[int, str], dict[int, str]]:
    values = {c.pk: data.get(f"c{c.pk}", "") for c in leaves}
    comments = {c.pk: data.get(f"m{c.pk}", "") for c in leaves if f"m{c.pk}" in data}
    return values, comments


def _preview_total(leaves: list[Criterion], values: dict[int, str]) -> Decimal:
    parsed: dict[Any, Decimal] = {}
    for c in leaves:
        try:
            parsed[c.pk] = Decimal(str(values.get(c.pk, "")).strip())
        except ArithmeticError:
            continue
        if not parsed[c.pk].is_finite():
            del parsed[c.pk]
    return scoring.scorer_total(leaves, parsed)


class EntryView(ScoringView):
    """One subject's score sheet for the signed-in scorer: the criteria tree with 评分标准,
    inputs within range, the running total, field-level errors."""

    def setup_entry(self, pk: int, subject_pk: int) -> tuple[ScoringRound, RoundScorer, RoundSubject]:
        rnd = self.get_round(pk)
        subject = RoundSubject.objects.select_related("org").filter(round=rnd, pk=subject_pk).first()
        if subject is None:
            raise Http404("参评对象不存在")
        scorer = scoring.scorer_of(rnd, self.request.user)
        if scorer is None:
            raise PermissionDenied(scoring.NOT_A_SCORER)
        return rnd, scorer, subject

    def get(self, request: HttpRequest, pk: int, subject_pk: int) -> HttpResponseBase:
        rnd, scorer, subject = self.setup_entry(pk, subject_pk)
        saved = {s.criterion_id: s for s in Score.objects.filter(scorer=scorer, subject=subject)}
        values = {cid: str(s.value) for cid, s in saved.items()}
        comments = {cid: s.comment for cid, s in saved.items()}
        return self.entry_page(rnd, scorer, subject, values, comments, {}, [])

    def post(self, request: HttpRequest, pk: int, subject_pk: int) -> HttpResponseBase:
        rnd, scorer, subject = self.setup_entry(pk, subject_pk)
        leaves = scoring.leaf_criteria(rnd.sheet)
        values, comments = _posted_values(request.POST, leaves)
        try:
            scoring.enter_scores(round=rnd, actor=request.user, subject=subject, values=values, comments=comments)
        except ValidationError as exc:
            field_errors: dict[int, str] = {}
            general: list[str] = []
            if hasattr(exc, "error_dict"):
                for key, msgs in exc.message_dict.items():
                    if key.isdigit():
                        field_errors[int(key)] = "；".join(msgs)
                    else:
                        general.extend(msgs)
            else:
                general.extend(exc.messages)
            return self.entry_page(rnd, scorer, subject, values, comments, field_errors, general, status=200)
        messages.success(request, f"已保存对“{subject.label}”的评分")
        return HttpResponseRedirect(self.link("scoring_round", rnd.pk))

    def entry_page(
        self,
        rnd: ScoringRound,
        scorer: RoundScorer,
        subject: RoundSubject,
        values: dict[int, str],
        comments: dict[int, str],
        field_errors: dict[int, str],
        general: list[str],
        status: int = 200,
    ) -> HttpResponse:
        nodes = scoring.criteria_tree(rnd.sheet)
        leaves = [n.criterion for n in nodes if n.is_leaf]
        conflict = scoring.conflict_of(rnd, self.request.user, subject)
        rows = [
            {
                "node": n,
                "c": n.criterion,
                "indent": n.depth * 1.25,
                "value": values.get(n.criterion.pk, ""),
                "comment": comments.get(n.criterion.pk, ""),
                "error": field_errors.get(n.criterion.pk, ""),
                "low": Decimal("0") if n.criterion.kind != Criterion.Kind.SCORE else n.criterion.min_score,
            }
            for n in nodes
        ]
        return self.page(
            "kit/scoring/entry.html",
            {
                "title": f"评分：{subject.label}",
                "breadcrumbs": self.crumbs(rnd, (subject.label, None)),
                "round": rnd,
                "scorer": scorer,
                "subject": subject,
                "rows": rows,
                "errors": general,
                "locked": not rnd.is_open,
                "conflict": conflict,
                "editable": rnd.is_open and not conflict,
                "total": _preview_total(leaves, values),
                "full_mark": scoring.full_mark(rnd.sheet),
                "total_url": self.link("scoring_total", rnd.pk, subject.pk),
                "back_url": self.link("scoring_round", rnd.pk),
            },
            status=status,
        )


class TotalView(EntryView):
    """POST (htmx, while typing): the running total of the values on the page; saves nothing."""

    def get(self, request: HttpRequest, pk: int, subject_pk: int) -> HttpResponseBase:
        raise Http404()

    def post(self, request: HttpRequest, pk: int, subject_pk: int) -> HttpResponseBase:
        rnd, _, _ = self.setup_entry(pk, subject_pk)
        leaves = scoring.leaf_criteria(rnd.sheet)
        values, _ = _posted_values(request.POST, leaves)
        return self.page(
            "kit/scoring/_total.html",
            {"total": _preview_total(leaves, values), "full_mark": scoring.full_mark(rnd.sheet)},
        )


def tie_names(sheet: Any) -> list[str]:
    """The tie-break criteria by the names people know them by, in the sheet's order."""
    names = dict(sheet.criteria.values_list("code", "name"))
    return [names.get(code, code) for code in sheet.tie_break or []]


class ResultsView(ScoringView):
    """The ranking. Closed round: everyone with access sees it in full (per-scorer totals
    included). Open round: organisers see a provisional ranking of final scores only; others
    see that the results are not yet public."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        rnd = self.get_round(pk)
        organiser = scoring.can_organise(rnd, request.user)
        mode = "full" if not rnd.is_open else ("preview" if organiser else "hidden")
        rows = scoring.results(rnd) if mode != "hidden" else []
        scorers = list(RoundScorer.objects.filter(round=rnd).select_related("user")) if mode == "full" else []
        return self.page(
            "kit/scoring/results.html",
            {
                "title": f"评审结果：{rnd.title}",
                "breadcrumbs": self.crumbs(rnd, ("评审结果", None)),
                "round": rnd,
                "sheet": rnd.sheet,
                "tie_names": tie_names(rnd.sheet),
                "mode": mode,
                "rows": rows,
                "scorers": scorers,
                "full_mark": scoring.full_mark(rnd.sheet),
                "organiser": organiser,
                "close_url": self.link("scoring_close", rnd.pk),
                "reopen_url": self.link("scoring_reopen", rnd.pk),
            },
        )


class CloseView(ScoringView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        rnd = self.get_round(pk)
        try:
            scoring.close_round(round=rnd, actor=request.user, comment=request.POST.get("comment", ""))
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, "已签字确认，成绩已锁定")
        return HttpResponseRedirect(self.link("scoring_round", rnd.pk))


class ReopenView(ScoringView):
    """GET asks for the reason; POST re-opens (the reason goes to the audit log)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        rnd = self.get_round(pk)
        if not scoring.can_organise(rnd, request.user):
            raise PermissionDenied("您没有执行此操作的权限")
        return self.reopen_page(rnd, "", "")

    def reopen_page(self, rnd: ScoringRound, reason: str, error: str) -> HttpResponse:
        return self.page(
            "kit/scoring/reopen.html",
            {
                "title": f"重新开启：{rnd.title}",
                "breadcrumbs": self.crumbs(rnd, ("重新开启", None)),
                "round": rnd,
                "reason": reason,
                "error": error,
                "back_url": self.link("scoring_round", rnd.pk),
            },
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        rnd = self.get_round(pk)
        reason = request.POST.get("reason", "").strip()
        if not reason:
            return self.reopen_page(rnd, reason, "请填写重新开启的原因（将记入操作日志）")
        try:
            scoring.reopen_round(round=rnd, actor=request.user, reason=reason)
        except ValidationError as exc:
            return self.reopen_page(rnd, reason, "；".join(exc.messages))
        messages.success(request, "已重新开启，评分人可以更正评分")
        return HttpResponseRedirect(self.link("scoring_round", rnd.pk))


def scoring_urls(purpose: str | None = None) -> list[Any]:
    """The scorer's and organiser's pages, to include under a module's own prefix (any namespace).
    `purpose` limits them to the rounds of that module (ScoringRound.purpose)."""
    kw = {"purpose": purpose}
    return [
        path("", HomeView.as_view(**kw), name="scoring_home"),
        path("<int:pk>/", RoundView.as_view(**kw), name="scoring_round"),
        path("<int:pk>/subjects/<int:subject_pk>/", EntryView.as_view(**kw), name="scoring_entry"),
        path("<int:pk>/subjects/<int:subject_pk>/total/", TotalView.as_view(**kw), name="scoring_total"),
        path("<int:pk>/results/", ResultsView.as_view(**kw), name="scoring_results"),
        path("<int:pk>/close/", CloseView.as_view(**kw), name="scoring_close"),
        path("<int:pk>/reopen/", ReopenView.as_view(**kw), name="scoring_reopen"),
    ]
