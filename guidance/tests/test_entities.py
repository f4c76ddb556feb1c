"""The generic view/import/export/API tests for every 思想引领 entity (kit.testing)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from core.models import Org
from guidance import entities
from guidance.models import Lecture, Lecturer, MediaReport, MicroCourse, Nomination, TopTenSelection, UnionHonour
from kit import testing

SH = ZoneInfo("Asia/Shanghai")


def lecturer(org: Org, n: int = 0) -> Lecturer:
    return Lecturer.objects.create(name=f"讲师{org.code}{n}", kind="party_school", org=org)


def course(org: Org, n: int = 0) -> MicroCourse:
    return MicroCourse.objects.create(
        title=f"微党课{org.code}-{n}", author="某某", published_on=date(2022, 5, 1), org=org
    )


def selection(org: Org, n: int = 0) -> TopTenSelection:
    return TopTenSelection.objects.create(
        year=2000 + n + (50 if org.code.endswith("B") else 0),
        title=f"评选{n}",
        vote_opens=datetime(2022, 11, 1, tzinfo=SH),
        vote_closes=datetime(2022, 11, 30, tzinfo=SH),
        org=org,
    )


class LecturerTests(testing.ModelTestCase):
    entity = entities.LecturerEntity
    api_path = "/api/v1/guidance/lecturers/"

    def make(self, org: Org, n: int = 0) -> Lecturer:
        return lecturer(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"name": "王老师", "kind": "party_school", "available": "on", "org": org.pk}

    def edit_data(self, obj: Lecturer) -> dict[str, Any]:
        return {"name": obj.name, "kind": obj.kind, "specialities": "党史", "org": obj.org_id}

    def changed(self, obj: Lecturer) -> bool:
        return obj.specialities == "党史"

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        return [{"姓名": f"导入讲师{i}", "类别": "党校教师", "所属组织": org.name} for i in range(3)]


class LectureTests(testing.ModelTestCase):
    entity = entities.LectureEntity
    api_path = "/api/v1/guidance/lectures/"

    def make(self, org: Org, n: int = 0) -> Lecture:
        lecture = Lecture.objects.create(
            held_on=date(2022, 6, 1), topic=f"宣讲{org.code}-{n}", venue_type="online", audience_workers=50, org=org
        )
        lecture.lecturers.set([lecturer(org, 30 + n)])
        return lecture

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "held_on": "2022-07-01",
            "topic": "党的创新理论",
            "lecturers": [lecturer(org, 88).pk],
            "venue_type": "online",
            "audience_workers": 60,
            "audience_students": 0,
            "org": org.pk,
        }

    def api_data(self, org: Org) -> dict[str, Any]:
        return self.form_data(org)

    def edit_data(self, obj: Lecture) -> dict[str, Any]:
        return {
            "held_on": "2022-06-01",
            "topic": obj.topic,
            "lecturers": [lc.pk for lc in obj.lecturers.all()],
            "venue_type": obj.venue_type,
            "audience_workers": 75,
            "audience_students": 0,
            "org": obj.org_id,
        }

    def changed(self, obj: Lecture) -> bool:
        return obj.audience_workers == 75

    def export_marker(self, obj: Lecture) -> str:
        return obj.topic

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        return [
            {
                "宣讲日期": f"2022-08-0{i + 1}",
                "主题": f"导入宣讲{i}",
                "场所类型": "线上",
                "职工人数": 30,
                "所属组织": org.name,
            }
            for i in range(3)
        ]


class MicroCourseTests(testing.ModelTestCase):
    entity = entities.MicroCourseEntity
    api_path = "/api/v1/guidance/micro-courses/"

    def make(self, org: Org, n: int = 0) -> MicroCourse:
        return course(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"title": "工匠的坚守", "author": "李某", "published_on": "2022-04-01", "views": 0, "org": org.pk}

    def edit_data(self, obj: MicroCourse) -> dict[str, Any]:
        return {"title": obj.title, "author": obj.author, "published_on": "2022-05-01", "views": 999, "org": obj.org_id}

    def changed(self, obj: MicroCourse) -> bool:
        return obj.views == 999

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        return [
            {"课程名称": f"导入微党课{i}", "主讲人": "某某", "上线日期": "2022-06-01", "所属组织": org.name}
            for i in range(3)
        ]


class TopTenSelectionTests(testing.ModelTestCase):
    entity = entities.SelectionEntity
    api_path = "/api/v1/guidance/selections/"

    def make(self, org: Org, n: int = 0) -> TopTenSelection:
        return selection(org, n)

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "year": 2031,
            "title": "十佳微党课",
            "vote_opens": "2031-11-01T09:00",
            "vote_closes": "2031-11-30T18:00",
            "vote_weight": "0.3",
            "expert_weight": "0.7",
            "winners": 10,
            "org": org.pk,
        }

    def api_data(self, org: Org) -> dict[str, Any]:
        return {
            **self.form_data(org),
            "vote_opens": "2031-11-01T09:00:00+08:00",
            "vote_closes": "2031-11-30T18:00:00+08:00",
        }

    def edit_data(self, obj: TopTenSelection) -> dict[str, Any]:
        return {
            "year": obj.year,
            "title": obj.title,
            "vote_opens": "2022-11-01T09:00",
            "vote_closes": "2022-11-30T18:00",
            "vote_weight": "0.3",
            "expert_weight": "0.7",
            "winners": 8,
            "org": obj.org_id,
        }

    def changed(self, obj: TopTenSelection) -> bool:
        return obj.winners == 8


class NominationTests(testing.ModelTestCase):
    entity = entities.NominationEntity
    api_path = "/api/v1/guidance/nominations/"

    def make(self, org: Org, n: int = 0) -> Nomination:
        return Nomination.objects.create(selection=selection(org, 10 + n), course=course(org, 10 + n))

    def form_data(self, org: Org) -> dict[str, Any]:
        return {"selection": selection(org, 30).pk, "course": course(org, 30).pk, "nominated_by": "区总工会"}

    def edit_data(self, obj: Nomination) -> dict[str, Any]:
        return {"selection": obj.selection_id, "course": obj.course_id, "nominated_by": "街道工会"}

    def changed(self, obj: Nomination) -> bool:
        return obj.nominated_by == "街道工会"


class MediaReportTests(testing.ModelTestCase):
    entity = entities.MediaReportEntity
    api_path = "/api/v1/guidance/media-reports/"

    def make(self, org: Org, n: int = 0) -> MediaReport:
        return MediaReport.objects.create(
            title=f"报道{org.code}-{n}", outlet="工人日报", level="national", published_on=date(2022, 3, 1), org=org
        )

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "title": "栖霞产改",
            "outlet": "新华日报",
            "level": "province",
            "published_on": "2022-04-01",
            "org": org.pk,
        }

    def edit_data(self, obj: MediaReport) -> dict[str, Any]:
        return {
            "title": obj.title,
            "outlet": obj.outlet,
            "level": "city",
            "published_on": "2022-03-01",
            "org": obj.org_id,
        }

    def changed(self, obj: MediaReport) -> bool:
        return obj.level == "city"

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        return [
            {
                "标题": f"导入报道{i}",
                "媒体": "工人日报",
                "级别": "国家级",
                "刊发日期": "2022-09-01",
                "所属组织": org.name,
            }
            for i in range(3)
        ]


class UnionHonourTests(testing.ModelTestCase):
    entity = entities.UnionHonourEntity
    api_path = "/api/v1/guidance/union-honours/"

    def make(self, org: Org, n: int = 0) -> UnionHonour:
        return UnionHonour.objects.create(
            name=f"优秀组织奖{org.code}{n}", issuer="市总工会", level="city", awarded_on=date(2022, 12, 1), org=org
        )

    def form_data(self, org: Org) -> dict[str, Any]:
        return {
            "name": "先进集体",
            "issuer": "省总工会",
            "level": "province",
            "awarded_on": "2022-10-01",
            "org": org.pk,
        }

    def edit_data(self, obj: UnionHonour) -> dict[str, Any]:
        return {
            "name": obj.name,
            "issuer": "全国总工会",
            "level": obj.level,
            "awarded_on": "2022-12-01",
            "org": obj.org_id,
        }

    def changed(self, obj: UnionHonour) -> bool:
        return obj.issuer == "全国总工会"

    def import_rows(self, org: Org) -> list[dict[str, Any]]:
        return [
            {
                "荣誉名称": f"导入荣誉{i}",
                "授予单位": "市总工会",
                "级别": "市级",
                "获得日期": "2022-11-01",
                "获奖组织": org.name,
            }
            for i in range(3)
        ]
