"""/api/v1/guidance/…"""

from django.urls import path
from rest_framework.routers import DefaultRouter

from guidance import figures as guidance_figures
from guidance.models import Lecture, Lecturer, MediaReport, MicroCourse, Nomination, TopTenSelection, UnionHonour
from kit import declare
from kit.figures_api import figures_view

ENTITIES = [
    (
        "lecturers",
        Lecturer,
        ["person", "name", "kind", "affiliation", "specialities", "available", "joined_on", "org", "remark"],
    ),
    (
        "lectures",
        Lecture,
        [
            "held_on",
            "topic",
            "lecturers",
            "venue_type",
            "venue",
            "host_enterprise",
            "host_school",
            "campaign",
            "audience_workers",
            "audience_students",
            "org",
            "remark",
        ],
    ),
    (
        "micro-courses",
        MicroCourse,
        [
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
        ],
    ),
    (
        "selections",
        TopTenSelection,
        [
            "year",
            "title",
            "vote_opens",
            "vote_closes",
            "vote_weight",
            "expert_weight",
            "winners",
            "published_on",
            "org",
        ],
    ),
    ("nominations", Nomination, ["selection", "course", "nominated_by"]),
    ("media-reports", MediaReport, ["title", "outlet", "level", "published_on", "link", "org"]),
    ("union-honours", UnionHonour, ["name", "activity", "issuer", "level", "awarded_on", "org"]),
]

router = DefaultRouter()
for prefix, model, fields in ENTITIES:
    prefetch = ("lecturers",) if model is Lecture else ()
    router.register(
        prefix,
        declare.viewset(model, declare.serializer(model, fields), prefetch_related=prefetch),
        basename=f"guidance-{prefix}",
    )
urlpatterns = [
    path("figures/", figures_view(guidance_figures.section), name="guidance-figures"),
    *router.urls,
]
