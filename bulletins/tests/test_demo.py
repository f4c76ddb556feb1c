"""The demo district writes the source bulletin: 2023年第2期（总第23期） generated from its template
over the district "to 2023-04-06" has the bulletin's figures in the bulletin's words; published, it
is numbered after 2023年第1期 and its files are rendered and kept."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from bulletins import services, writing
from bulletins.models import Issue, Template
from core.models import Org, User
from kit.periods import Period
from kit.workflow import transition

pytestmark = pytest.mark.django_db
REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference" / "qixia-bulletin-2023-02.md"


def _normalise(text: str) -> str:
    return re.sub(r"[\s*　]", "", text)


def _reference_body() -> str:
    text = REFERENCE.read_text(encoding="utf-8")
    return text.split("## 南京栖霞")[1].split("---")[0].split("\n", 1)[1]


def test_the_demo_writes_the_source_bulletin_and_publishes_it_as_issue_2(
    demo_district: None, django_capture_on_commit_callbacks: Any
) -> None:
    if not REFERENCE.exists():
        pytest.skip("the source bulletin is not beside this checkout (../shared/reference)")
    editor = User.objects.get(username="qzgh")
    root = Org.objects.order_by("path").first()
    template = Template.objects.get()
    issue = services.issue_from_template(
        actor=editor, template=template, period=Period.parse("to:2023-04-06"), org=root, issue_date=date(2023, 4, 6)
    )
    filled = "\n".join(writing.paragraphs(writing.fill(issue.body, issue.figures)))
    assert _normalise(filled) == _normalise(_reference_body())
    assert issue.figures["涉案标的"]["text"] == "847.7" and issue.figures["参与职工、师生|万余"]["text"] == "2万余"
    issue = transition(transition(issue, "submit", actor=editor), "approve", actor=editor)
    with django_capture_on_commit_callbacks(execute=True):  # the render job, queued at commit
        published = services.issue_publish(actor=editor, issue=issue)
    assert published.number == "2023年第2期（总第23期）"
    stored = Issue.objects.get(pk=published.pk)
    assert stored.docx.name.endswith(".docx")  # rendered in the queue (inline in tests) and kept
    client = Client()
    client.force_login(editor)
    page = client.get(f"/bulletins/issue/{stored.pk}/").content.decode()
    assert "2023年第2期（总第23期）" in page and 'class="bound-figure"' in page
    response = client.get(f"/bulletins/issue/{stored.pk}/file/docx/")
    assert response.status_code == 200 and b"word/document.xml" in b"".join(response.streaming_content)
