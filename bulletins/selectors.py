"""Reads of the bulletins app: an issue as the renderer lays it out, and its text with the bound
figures shown where they came from."""

from __future__ import annotations

from typing import Any

from bulletins import writing
from bulletins.models import PLACEHOLDER, Issue
from bulletins.render.docx import Content


def content_of(issue: Issue) -> Content:
    """The issue as the .docx lays it out: the figures filled in, each paragraph split into runs."""
    report, copy = issue.distribution()
    series = issue.series
    return Content(
        masthead=series.masthead,
        masthead_title=series.masthead_title,
        number=issue.number or "（期号在印发时编定）",
        office=series.issuing_office,
        date=issue.date_text,
        title=writing.fill(issue.title, issue.figures),
        paragraphs=[writing.runs(p) for p in writing.paragraphs(writing.fill(issue.body, issue.figures))],
        report_to=report,
        copy_to=copy,
    )


def marked_paragraphs(issue: Issue) -> list[list[dict[str, Any]]]:
    """The body for the issue's page: each paragraph as pieces of plain text and bound figures
    (with their indicator, value and key), so the page can show where every number came from."""
    out = []
    for paragraph in writing.paragraphs(issue.body):
        pieces: list[dict[str, Any]] = []
        position = 0
        for match in PLACEHOLDER.finditer(paragraph):
            if match.start() > position:
                pieces.append({"text": paragraph[position : match.start()]})
            key = writing.key_of(match)
            bound = issue.figures.get(key)
            pieces.append({"text": bound["text"] if bound else "【未计算】", "bound": bound, "key": key})
            position = match.end()
        if position < len(paragraph):
            pieces.append({"text": paragraph[position:]})
        out.append(pieces)
    return out


def bound_figures(issue: Issue) -> list[dict[str, str]]:
    """The figures still bound to indicators, in the order the text first uses them."""
    keys = list(dict.fromkeys(writing.key_of(m) for m in PLACEHOLDER.finditer(f"{issue.title}\n{issue.body}")))
    return [issue.figures[k] for k in keys if k in issue.figures]
