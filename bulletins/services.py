"""Writes of 专报: an issue made from a template (its figures computed for the issue's period and
org), saved (new figures computed), refreshed, a figure turned into plain text, published (numbered
per year and in total without gaps or duplicates, frozen, its files rendered once and kept), and
corrected by a new version. Every function taking an actor is a service (`kit.services.service`);
the rendering runs in the task queue (`_render_job`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from bulletins import writing
from bulletins.models import Issue, Template
from kit import services
from kit.dates import today
from kit.jobs import queue, runner
from kit.jobs.models import Job
from kit.periods import Period
from kit.sequences import next_value
from kit.services import service


def _figures(issue: Issue) -> None:
    period = Period.parse(issue.period)
    issue.figures = writing.evaluate(f"{issue.title}\n{issue.body}", period, issue.org)
    issue.figures_at = timezone.now()


def _not_frozen(issue: Issue) -> None:
    if issue.frozen:
        raise ValidationError("已印发的专报不能修改；如需更正，请新建更正版本")


@service(Issue, "add", scope=("template",))
def issue_from_template(*, actor: Any, template: Template, period: Period, org: Any, issue_date: date) -> Issue:
    """A draft written from the template: its text, its figures computed for the period and org
    (which must lie in the actor's scope — the figures never count beyond it)."""
    services.ensure_in_scope(actor, org, "view", perm="core.view_org")
    issue = Issue(
        series=template.series,
        template=template,
        title=template.title,
        body=template.body,
        period=period.code,
        org=org,
        issue_date=issue_date,
    )
    _figures(issue)
    return services.save_object(issue, actor=actor, action="add", message=f"由模板“{template}”生成")


@service(Issue, None, scope=("issue",))
def issue_save(
    *,
    actor: Any,
    issue: Issue,
    action: str,
    expected_version: int | None = None,
    before: dict[str, Any] | None = None,
    **kw: Any,
) -> Issue:
    """An issue written or edited by hand: a figure newly bound in the text is computed now; the
    ones already there keep their values until refreshed."""
    if issue.pk:
        _not_frozen(Issue.objects.get(pk=issue.pk))
    known = dict(issue.figures or {})
    period = Period.parse(issue.period) if issue.period else None
    if period is not None and issue.org_id:
        fresh = writing.evaluate(f"{issue.title}\n{issue.body}", period, issue.org)
        issue.figures = {k: known.get(k, v) for k, v in fresh.items()}
        issue.figures_at = issue.figures_at or timezone.now()
    return services.save_object(issue, actor=actor, action=action, expected_version=expected_version, before=before)


@service(Issue, "change", scope=("issue",))
def issue_refresh(*, actor: Any, issue: Issue) -> Issue:
    """刷新数字: every bound figure computed again from the records."""
    _not_frozen(issue)
    before = services.snapshot(issue)
    _figures(issue)
    return services.save_object(issue, actor=actor, action="change", before=before, message="刷新绑定的数字")


@service(Issue, "change", scope=("issue",))
def issue_fix(*, actor: Any, issue: Issue, key: str | None = None) -> Issue:
    """转为文字: one bound figure (or all of them) becomes plain text, no longer refreshed."""
    _not_frozen(issue)
    before = services.snapshot(issue)
    issue.title = writing.fix(issue.title, issue.figures, key)
    issue.body = writing.fix(issue.body, issue.figures, key)
    return services.save_object(
        issue, actor=actor, action="change", before=before, message=f"转为文字：{key or '全部数字'}"
    )


@service(Issue, "publish", scope=("issue",))
def issue_publish(*, actor: Any, issue: Issue) -> Issue:
    """印发: only an approved issue; numbered now — the next number of its year and in total, taken
    under a row lock so two issues published at the same moment get N and N+1 — or, for a
    correction, the numbers of the version it corrects (which is marked 已更正). Then frozen; its
    Word and PDF files are rendered once, in the task queue, and kept."""
    fresh = Issue.objects.select_for_update().select_related("series").get(pk=issue.pk)
    if fresh.status != Issue.Status.APPROVED:
        raise ValidationError(f"须审核通过后才能印发（当前为“{fresh.get_status_display()}”）")
    before = services.snapshot(fresh)
    if fresh.supersedes_id:
        old = Issue.objects.select_for_update().get(pk=fresh.supersedes_id)
        fresh.year, fresh.year_no, fresh.total_no = old.year, old.year_no, old.total_no
        old_before = services.snapshot(old)
        old.status = Issue.Status.SUPERSEDED
        services.save_object(
            old,
            actor=actor,
            action="change",
            before=old_before,
            message=f"由第{fresh.edition}版更正",
            check_perm=False,
            as_step=True,
        )
    else:
        fresh.year = fresh.issue_date.year
        fresh.year_no = next_value(f"bulletins.issue.{fresh.series_id}.{fresh.year}")
        fresh.total_no = fresh.series.prior_total + next_value(f"bulletins.issue.{fresh.series_id}.total")
    fresh.status = Issue.Status.PUBLISHED
    fresh.published_on = today()
    saved = services.save_object(
        fresh, actor=actor, action="change", before=before, message=f"印发：{fresh.number}", as_step=True
    )
    queue.start(
        kind="bulletins.render",
        title=f"生成专报 {saved.number} 的 Word 与 PDF",
        owner=actor,
        params={"issue": saved.pk, "publish": True},
    )
    return saved


@service(Issue, "add", scope=("issue",))
def issue_correct(*, actor: Any, issue: Issue) -> Issue:
    """更正: a published issue gets a new version — a draft with its text, figures and numbers, which
    on publication replaces it (the old one stays, marked 已更正)."""
    if issue.status != Issue.Status.PUBLISHED:
        raise ValidationError("只有已印发的专报可以更正")
    if Issue.objects.filter(supersedes=issue).exists():
        raise ValidationError("这一期已有更正版本")
    copy = Issue(
        series=issue.series,
        template=issue.template,
        title=issue.title,
        body=issue.body,
        period=issue.period,
        org=issue.org,
        issue_date=issue.issue_date,
        figures=issue.figures,
        figures_at=issue.figures_at,
        report_to=issue.report_to,
        copy_to=issue.copy_to,
        year=issue.year,
        edition=issue.edition + 1,
        supersedes=issue,
    )
    return services.save_object(copy, actor=actor, action="add", message=f"更正 {issue.number}")


@service(Issue, "export", scope=("issue",))
def preview_start(*, actor: Any, issue: Issue) -> Job:
    """A PDF of a draft, for a look before it is published (not kept on the issue)."""
    return queue.start(
        kind="bulletins.render",
        title=f"预览专报 {issue.title}",
        owner=actor,
        params={"issue": issue.pk, "publish": False},
    )


@runner.handler("bulletins.render")
def _render_job(job: Job, progress: Any) -> None:
    """The .docx (and, where LibreOffice is installed, the PDF) of an issue. A published issue's
    files are stored on it once; a draft's PDF is the job's file."""
    from bulletins import selectors
    from bulletins.render import docx, pdf

    issue = Issue.objects.select_related("series", "org").get(pk=job.params["issue"])
    Job.objects.filter(pk=job.pk).update(total=3)
    content = selectors.content_of(issue)
    progress(1, "生成 Word 文件")
    word = docx.build(content)
    progress(2, "生成 PDF 文件")
    try:
        made = pdf.convert(docx.build(content, target="lo"))
        fonts = pdf.fonts_in(made)
        problem = ""
    except pdf.PdfUnavailable as exc:
        made, fonts, problem = b"", [], str(exc)
    name = f"{issue.series.pk}-{issue.year or 'draft'}-{issue.year_no or issue.pk}"
    if job.params.get("publish"):
        if issue.docx:  # a published issue's files are never rendered again
            return
        issue.docx.save(f"{name}.docx", ContentFile(word), save=False)
        if made:
            issue.pdf.save(f"{name}.pdf", ContentFile(made), save=False)
        issue.fonts_used = "、".join(fonts)[:300]
        Issue.objects.filter(pk=issue.pk).update(docx=issue.docx.name, pdf=issue.pdf.name, fonts_used=issue.fonts_used)
    elif made:
        job.output_file.save(f"{name}.pdf", ContentFile(made), save=True)
    job.result = {"ok": True, "pdf": bool(made), "fonts": fonts, "problem": problem}
    job.save(update_fields=["result"])
    progress(3, "已完成" if made else f"Word 已生成；{problem}")
