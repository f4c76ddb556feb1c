"""The entities of 思想引领, one declaration each (`kit.entity`): pages, filters, Excel and API
derive from these lines."""

from __future__ import annotations

from guidance.models import Lecture, Lecturer, MediaReport, MicroCourse, Nomination, TopTenSelection, UnionHonour
from kit.entity import Entity

EDIT_ONLY = ("list", "detail", "add", "edit", "delete")


class GuidanceEntity(Entity):
    parent_crumbs = [("思想引领", "/guidance/")]


class LecturerEntity(GuidanceEntity):
    model = Lecturer
    fields = ["person", "name", "kind", "affiliation", "specialities", "available", "joined_on", "org", "remark"]
    columns = ["name", "kind", "affiliation", "specialities", "available", "org"]
    filters = ["kind", "available"]
    search = ("name__startswith",)
    # the worker record is linked on the page (a name alone could match two workers)
    excel = ["name", "kind", "affiliation", "specialities", "available", "joined_on", "org", "remark"]
    excel_key = ("name", "org")
    api = "lecturers"


class LectureEntity(GuidanceEntity):
    model = Lecture
    fields = [
        "held_on",
        "status",
        "topic",
        "lecturers",
        "venue_type",
        "venue",
        "host_enterprise",
        "host_school",
        "campaign",
        "audience_workers",
        "audience_students",
        "photo",
        "org",
        "remark",
    ]
    columns = ["held_on", "topic", "status", "venue_type", "campaign", "audience_workers", "audience_students", "org"]
    sort = "-held_on"
    filters = ["status", "venue_type", "campaign"]
    search = ("topic__contains",)
    excel = True
    excel_key = ("topic", "held_on")
    excel_instructions = ["主讲人请在导入后于宣讲详情页补充；人数为单场实到人数。"]
    api = "lectures"


class MicroCourseEntity(GuidanceEntity):
    model = MicroCourse
    fields = [
        "title",
        "author",
        "author_person",
        "enterprise",
        "video_url",
        "published_on",
        "views",
        "summary",
        "org",
        "remark",
    ]
    columns = ["title", "author", "enterprise", "published_on", "views", "org"]
    sort = "-published_on"
    search = ("title__contains",)
    excel = ["title", "author", "enterprise", "video_url", "published_on", "views", "summary", "org"]
    excel_key = ("title", "org")
    api = "micro-courses"


class SelectionEntity(GuidanceEntity):
    model = TopTenSelection
    fields = [
        "year",
        "title",
        "vote_opens",
        "vote_closes",
        "vote_weight",
        "expert_weight",
        "winners",
        "published_on",
        "org",
        "remark",
    ]
    columns = ["title", "year", "vote_opens", "vote_closes", "winners", "org"]
    sort = "-year"
    search = ("title__contains",)
    related = [("参评课程", "nominations", ["course", "nominated_by"])]
    actions = EDIT_ONLY
    api = "selections"


class NominationEntity(GuidanceEntity):
    model = Nomination
    fields = ["selection", "course", "nominated_by"]
    search = ("course__title__contains",)
    actions = EDIT_ONLY
    api = "nominations"


class MediaReportEntity(GuidanceEntity):
    model = MediaReport
    fields = ["title", "outlet", "level", "published_on", "link", "org", "remark"]
    columns = ["title", "outlet", "level", "published_on", "org"]
    sort = "-published_on"
    filters = ["level"]
    search = ("title__contains", "outlet__contains")
    excel = True
    excel_key = ("title", "outlet")
    api = "media-reports"


class UnionHonourEntity(GuidanceEntity):
    model = UnionHonour
    fields = ["name", "activity", "issuer", "level", "awarded_on", "org", "remark"]
    columns = ["name", "activity", "issuer", "level", "awarded_on", "org"]
    sort = "-awarded_on"
    search = ("name__contains",)
    excel = True
    excel_key = ("name", "awarded_on")
    api = "union-honours"
