"""Excel import/export declarations of the guidance module."""

from guidance.models import Lecture, Lecturer, MediaReport, MicroCourse, UnionHonour
from kit.declare import excel_spec

lecturer = excel_spec(
    Lecturer,
    ["name", "kind", "affiliation", "specialities", "available", "joined_on", "org"],
    natural_key=("name", "org"),
)
lecture = excel_spec(
    Lecture,
    [
        "held_on",
        "topic",
        "venue_type",
        "venue",
        "host_enterprise",
        "host_school",
        "campaign",
        "audience_workers",
        "audience_students",
        "org",
    ],
    natural_key=("topic", "held_on"),
    instructions=["主讲人请在导入后于宣讲详情页补充；人数为单场实到人数。"],
)
micro_course = excel_spec(
    MicroCourse,
    ["title", "author", "enterprise", "video_url", "published_on", "views", "summary", "org"],
    natural_key=("title", "org"),
)
media_report = excel_spec(
    MediaReport, ["title", "outlet", "level", "published_on", "link", "org"], natural_key=("title", "outlet")
)
union_honour = excel_spec(
    UnionHonour, ["name", "activity", "issuer", "level", "awarded_on", "org"], natural_key=("name", "awarded_on")
)
