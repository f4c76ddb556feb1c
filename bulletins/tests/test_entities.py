"""The generic view/import/export/API tests for the 专报 entities (kit.testing)."""

from __future__ import annotations

from typing import Any

from bulletins import entities
from bulletins.models import Issue, Series, Template
from bulletins.tests import factories as bf
from core.models import Org
from kit import testing


class SeriesTests(testing.ModelTestCase):
    entity = entities.SeriesEntity
    api_path = "/api/v1/bulletins/series/"

    def make(self, org: Org, n: int = 0) -> Series:
        return bf.series(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "name": "某区产改专报",
            "masthead": "某区产业工人队伍建设改革联席会",
            "masthead_title": "专　报",
            "issuing_office": "某区产改联席会议办公室",
            "prior_total": 3,
            "org": org.pk,
        }

    def edit_data(self, obj: Series) -> dict[str, Any]:
        return {**self.form_data(obj.org), "name": obj.name, "copy_to": "各街道工会。"}

    def changed(self, obj: Series) -> bool:
        return obj.copy_to == "各街道工会。"


class TemplateTests(testing.ModelTestCase):
    entity = entities.TemplateEntity
    api_path = "/api/v1/bulletins/templates/"

    def make(self, org: Org, n: int = 0) -> Template:
        return bf.template(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "series": bf.series(org, 50).pk,
            "name": "季度专报",
            "title": "产改工作简报",
            "body": "累计开展宣讲{{ 宣讲场次 }}场。",
        }

    def edit_data(self, obj: Template) -> dict[str, Any]:
        return {"series": obj.series_id, "name": obj.name, "title": obj.title, "body": "宣讲{{ 宣讲场次|多 }}场。"}

    def changed(self, obj: Template) -> bool:
        return "|多" in obj.body


class IssueTests(testing.ModelTestCase):
    entity = entities.IssueEntity
    api_path = "/api/v1/bulletins/issues/"

    def make(self, org: Org, n: int = 0) -> Issue:
        return bf.issue(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "series": bf.series(org, 51).pk,
            "title": "手写的一期",
            "body": "累计开展宣讲{{ 宣讲场次 }}场。",
            "period": "2022",
            "org": org.pk,
            "issue_date": "2023-01-10",
        }

    def edit_data(self, obj: Issue) -> dict[str, Any]:
        return {
            "series": obj.series_id,
            "title": "改过的标题",
            "body": obj.body,
            "period": obj.period,
            "org": obj.org_id,
            "issue_date": obj.issue_date.isoformat(),
        }

    def changed(self, obj: Issue) -> bool:
        return obj.title == "改过的标题"
