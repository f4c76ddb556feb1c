"""The entities of 建功立业, one declaration each (`kit.entity`): pages, filters, Excel and API
derive from these lines. Registrations and studio recognitions are written by their services
(`merit.services.register`, `studio_recognise`) from the page and the API alike."""

from __future__ import annotations

from typing import Any

from kit.entity import Entity
from merit import services
from merit.models import (
    Award,
    Competition,
    Event,
    GroupProject,
    Registration,
    Studio,
    StudioLevel,
    StudioReview,
    WorkGroup,
)

NAMED = ("name__contains",)
EDIT_ONLY = ("list", "detail", "add", "edit", "delete")


class MeritEntity(Entity):
    parent_crumbs = [("建功立业", "/merit/")]


class CompetitionEntity(MeritEntity):
    model = Competition
    fields = ["name", "tier", "industry", "organisers", "training", "starts_on", "ends_on", "org", "remark"]
    read_only = ["status"]
    columns = ["name", "tier", "industry", "starts_on", "status", "org"]
    sort = "-starts_on"
    filters = ["tier", "industry", "status"]
    search = NAMED
    related = [("比赛项目", "events", ["name", "theory_weight", "practical_weight", "drop_high_low"])]
    excel = ["name", "tier", "industry", "organisers", "starts_on", "ends_on", "org"]
    excel_key = ("name", "starts_on")
    api = "competitions"

    @classmethod
    def queryset(cls, user: Any, action: str = "view") -> Any:
        """To view: those in the user's scope and those run above his union that take
        registrations (a district competition is open to every enterprise below it)."""
        qs = super().queryset(user, action)
        if action != "view" or not user.has_perm("merit.view_competition"):
            return qs
        return qs | Competition.open_to_org(getattr(user, "org", None))


class EventEntity(MeritEntity):
    model = Event
    fields = [
        "competition",
        "name",
        "theory_weight",
        "practical_weight",
        "time_limit",
        "eligibility",
        "drop_high_low",
        "prize_basis",
        "first_prizes",
        "second_prizes",
        "third_prizes",
        "remark",
    ]
    read_only = ["scoring_round", "awarded_on"]
    columns = ["name", "competition", "theory_weight", "practical_weight", "time_limit"]
    search = NAMED
    related = [
        ("报名", "registrations", ["person", "enterprise", "qualified"]),
        ("获奖", "awards", ["rank", "registration", "final_score", "prize", "granted_on"]),
    ]
    actions = EDIT_ONLY
    detail_template = "merit/event_detail.html"
    api = "events"

    @classmethod
    def queryset(cls, user: Any, action: str = "view") -> Any:
        qs = super().queryset(user, action)
        if action != "view" or not user.has_perm("merit.view_event"):
            return qs
        return qs | Event.objects.filter(competition__in=Competition.open_to_org(getattr(user, "org", None)))


class RegistrationEntity(MeritEntity):
    model = Registration
    fields = ["event", "person", "qualified", "remark"]
    read_only = ["enterprise", "org"]
    columns = ["person", "event", "enterprise", "qualified", "org"]
    select_related = ["event__competition"]
    filters = ["event", "qualified"]
    search = ("person__name__startswith",)
    actions = EDIT_ONLY
    api = "registrations"

    @classmethod
    def save(cls, obj: Any, *, actor: Any, action: str, extra: dict[str, Any] | None = None, **kw: Any) -> Any:
        if action == "add":  # 报名 goes through the rules of registration (dates, the scoring round)
            return services.register(
                actor=actor, event=obj.event, person=obj.person, qualified=obj.qualified, remark=obj.remark
            )
        return super().save(obj, actor=actor, action=action, **kw)


class AwardEntity(MeritEntity):
    model = Award
    read_only = ["event", "registration", "rank", "final_score", "prize", "granted_on"]
    columns = ["registration", "event", "rank", "final_score", "prize", "granted_on"]
    excel = True  # export only: the award list as the user filtered it
    sort = "rank"
    select_related = ["registration__person", "registration__event", "event__competition"]
    filters = ["event", "prize"]
    org_filter = None
    actions = ("list", "detail", "export")
    empty_hint = "成绩签字确认后，在比赛项目页面评定奖项。"
    api = "awards"


class StudioEntity(MeritEntity):
    model = Studio
    fields = [
        "name",
        "kind",
        "host",
        "leader",
        "leader_reason",
        "members",
        "field",
        "founded_on",
        "closed_on",
        "org",
        "remark",
    ]
    read_only = ["level"]
    columns = ["name", "level", "kind", "host", "leader", "founded_on", "org"]
    filters = ["level", "kind"]
    search = NAMED
    related = [
        ("命名与晋级", "levels", ["since", "level", "document"]),
        ("年度考评", "reviews", ["year", "patents", "suggestions", "breakthroughs", "apprentices", "rating"]),
    ]
    excel = ["name", "kind", "host", "leader", "leader_reason", "field", "founded_on", "closed_on", "org"]
    excel_key = ("name", "host")
    excel_instructions = ["工作室级别请在导入后通过“命名与晋级”登记（保留级别变化的历史）。"]
    api = "studios"


class StudioLevelEntity(MeritEntity):
    model = StudioLevel
    fields = ["studio", "level", "since", "document"]
    columns = ["studio", "level", "since", "document"]
    sort = "-since"
    actions = ("list", "detail", "add")
    api = "studio-levels"

    @classmethod
    def save(cls, obj: Any, *, actor: Any, action: str, extra: dict[str, Any] | None = None, **kw: Any) -> Any:
        """命名 / 晋级: the studio's current level follows its latest recognition."""
        return services.studio_recognise(
            actor=actor, studio=obj.studio, level=obj.level, since=obj.since, document=obj.document
        )


class StudioReviewEntity(MeritEntity):
    model = StudioReview
    fields = ["studio", "year", "patents", "suggestions", "breakthroughs", "apprentices", "rating", "remark"]
    columns = ["studio", "year", "patents", "suggestions", "breakthroughs", "apprentices", "rating"]
    sort = "-year"
    search = ("studio__name__contains",)
    excel = ["studio", "year", "patents", "suggestions", "breakthroughs", "apprentices", "rating"]
    excel_key = ("studio", "year")
    api = "studio-reviews"


class WorkGroupEntity(MeritEntity):
    model = WorkGroup
    fields = ["name", "theme", "party_branch", "members", "founded_on", "dissolved_on", "support", "org", "remark"]
    columns = ["name", "theme", "party_branch", "founded_on", "org"]
    search = NAMED
    related = [("项目", "projects", ["name", "beneficiary_area", "households", "income_increase", "honours"])]
    excel = True
    excel_key = ("name", "org")
    api = "work-groups"


class GroupProjectEntity(MeritEntity):
    model = GroupProject
    fields = [
        "group",
        "name",
        "beneficiary_area",
        "households",
        "income_increase",
        "started_on",
        "results",
        "honours",
        "remark",
    ]
    columns = ["name", "group", "beneficiary_area", "households", "income_increase", "started_on"]
    search = NAMED
    excel = True
    excel_key = ("group", "name")
    api = "group-projects"
