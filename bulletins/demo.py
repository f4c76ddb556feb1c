"""The demo district's 专报: the series 新时代江苏产业工人队伍建设改革联席会 专报 (21 issues before the
platform), its 2023年第1期 already published, and the template from which 2023年第2期 — the source
bulletin — is written: its text with every figure bound to an indicator, so that generating it for
"to:2023-04-06" over the district gives the bulletin's figures in the bulletin's words."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from bulletins.models import Issue, Series, Template
from core.demo.roles import grant, perms
from kit.sequences import next_value

MODELS = ["series", "template", "issue"]

# the source bulletin's text with its figures bound (title, a blank line, one paragraph a line)
TEXT = (Path(__file__).parent / "data" / "qixia-2023-02.txt").read_text(encoding="utf-8")
TITLE, BODY = (part.strip() for part in TEXT.split("\n\n", 1))


def load(*, root: Any, **_: Any) -> str:
    grant(
        "district_staff",
        [
            *perms(MODELS, ["view", "add", "change", "delete", "export"], "bulletins"),
            "bulletins.review_issue",
            "bulletins.publish_issue",
        ],
    )
    if Series.all_objects.exists():
        return "已存在，跳过"
    series = Series.objects.create(
        name="新时代江苏产业工人队伍建设改革联席会 专报",
        masthead="新时代江苏产业工人队伍建设改革联席会",
        masthead_title="专　报",
        issuing_office="新时代江苏产业工人队伍建设改革联席会议办公室",
        report_to="推进产业工人队伍建设改革协调小组办公室，省委全面深化改革委员会办公室。\n"
        "新时代江苏产业工人队伍建设改革联席会议召集人、副召集人。",
        copy_to="省产改联席会议成员单位、省有关单位，各设区市产改领导机构。",
        prior_total=21,
        org=root,
    )
    template = Template.objects.create(series=series, name="区县产改工作专报（栖霞）", title=TITLE, body=BODY)
    # 2023年第1期 (总第22期), published before the source bulletin; its text is invented (示例)
    Issue.objects.create(
        series=series,
        template=None,
        title="全省产改工作开局良好（示例）",
        body="各地各部门认真落实产改各项任务，开局良好（示例）。",
        period="to:2023-02-10",
        org=root,
        issue_date=date(2023, 2, 10),
        status=Issue.Status.PUBLISHED,
        year=2023,
        year_no=next_value(f"bulletins.issue.{series.pk}.2023"),
        total_no=series.prior_total + next_value(f"bulletins.issue.{series.pk}.total"),
        published_on=date(2023, 2, 10),
    )
    total = series.prior_total + Issue.objects.filter(series=series).count()
    return f"专报系列 1 个（已出 {total} 期，下一期为总第 {total + 1} 期），模板“{template.name}”"
