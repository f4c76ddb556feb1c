"""The entities of 专报, one declaration each (`kit.entity`). An issue is written through
`bulletins.services` (its bound figures computed), moved through its review by transitions, and
published by its own step (numbering)."""

from __future__ import annotations

from typing import Any

from bulletins import selectors, services
from bulletins.models import Issue, Series, Template
from kit.entity import Entity


class BulletinEntity(Entity):
    parent_crumbs = [("专报", "/bulletins/")]


class SeriesEntity(BulletinEntity):
    model = Series
    fields = [
        "name",
        "masthead",
        "masthead_title",
        "issuing_office",
        "report_to",
        "copy_to",
        "prior_total",
        "org",
        "remark",
    ]
    columns = ["name", "issuing_office", "prior_total", "org"]
    sort = "name"
    search = ("name__contains",)
    related = [("模板", "templates", ["name", "title"]), ("各期", "issues", ["issue_date", "title", "status"])]
    actions = ("list", "detail", "add", "edit", "delete")
    api = "series"


class TemplateEntity(BulletinEntity):
    model = Template
    fields = ["series", "name", "title", "body", "remark"]
    columns = ["name", "series", "title"]
    filters = ["series"]
    org_filter = None
    search = ("name__contains", "title__contains")
    detail_template = "bulletins/template_detail.html"
    actions = ("list", "detail", "add", "edit", "delete")
    api = "templates"


class IssueEntity(BulletinEntity):
    model = Issue
    fields = ["series", "template", "title", "body", "period", "org", "issue_date", "report_to", "copy_to", "remark"]
    read_only = ["status", "year", "year_no", "total_no", "published_on", "edition", "figures_at", "fonts_used"]
    columns = [
        "issue_date",
        "title",
        "series",
        "year",
        "year_no",
        "total_no",
        "edition",
        "status",
    ]
    sort = "-issue_date"
    filters = ["series", "status", "year"]
    org_filter = None
    search = ("title__contains",)
    detail = [
        (
            "专报",
            [
                "series",
                ("期号", "number"),
                "title",
                "issue_date",
                "period",
                "org",
                "status",
                "edition",
                "supersedes",
                "published_on",
                "figures_at",
                "fonts_used",
            ],
        )
    ]
    detail_template = "bulletins/issue_detail.html"
    actions = ("list", "detail", "add", "edit")
    api = "issues"

    @classmethod
    def save(cls, obj: Any, *, actor: Any, action: str, extra: dict[str, Any] | None = None, **kw: Any) -> Any:
        kw.pop("m2m", None)
        return services.issue_save(actor=actor, issue=obj, action=action, **kw)

    @classmethod
    def detail_extra(cls, obj: Any, user: Any) -> dict[str, Any]:
        from kit.jobs.models import Job

        report, copy = obj.distribution()
        jobs = Job.objects.filter(kind="bulletins.render", params__issue=obj.pk, owner=user).order_by("-id")[:3]
        return {
            "paragraphs": selectors.marked_paragraphs(obj),
            "title_text": selectors.content_of(obj).title,
            "bound": selectors.bound_figures(obj),
            "report_to": report,
            "copy_to": copy,
            "jobs": list(jobs),
            "can_publish": user.has_perm("bulletins.publish_issue") and obj.status == "approved",
            "can_change": user.has_perm("bulletins.change_issue") and obj.status == "draft",
            "can_correct": user.has_perm("bulletins.add_issue") and obj.status == "published",
        }
