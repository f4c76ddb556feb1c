"""The portal's records in the back office (`kit.entity`): the unions answer 网上入会 / 会员转接
and 职工自助登记 from these lists and pages; the decisions are `portal.services` calls taken from
the detail page (`portal.views.DecisionView`)."""

from __future__ import annotations

from typing import Any

from kit.dates import today
from kit.entity import Entity
from kit.services import in_scope
from portal.models import MembershipApplication, SelfRegistration


class PortalEntity(Entity):
    parent_crumbs = [("职工服务", "")]

    @classmethod
    def detail_extra(cls, obj: Any, user: Any) -> dict[str, Any]:
        """The decision form shows to those who may review this row (its scope for "review")."""
        meta = cls.model._meta
        return {
            "can_decide": in_scope(user, obj, f"{meta.app_label}.review_{meta.model_name}"),
            "model_name": meta.model_name,
            "today": today(),
        }


class MembershipApplicationEntity(PortalEntity):
    model = MembershipApplication
    fields = ["person", "kind", "employer", "platform", "org", "from_org", "reason", "remark"]
    read_only = ["route", "submitted_on", "due_on", "reminded_on", "status", "decided_on", "card_no"]
    columns = ["person", "kind", "employer", "platform", "route", "org", "submitted_on", "due_on", "status"]
    select_related = ["person", "employer", "org"]
    sort = "due_on"
    filters = ["status", "kind", "route"]
    search = ("person__name__startswith",)
    search_placeholder = "职工姓名"
    actions = ("list", "detail", "export")
    detail_template = "portal/decision_detail.html"
    empty_hint = "职工在手机上提交入会或转接申请后，会出现在这里。"
    api = "memberships"


class SelfRegistrationEntity(PortalEntity):
    model = SelfRegistration
    fields = ["name", "id_number", "employer", "new_form_category", "platform", "job", "org", "reason", "remark"]
    read_only = ["status", "decided_on", "person"]
    columns = ["name", "id_number", "employer", "new_form_category", "platform", "org", "created_at", "status"]
    select_related = ["employer", "org", "new_form_category"]
    sort = "-created_at"
    filters = ["status"]
    search = ("name__startswith",)
    search_placeholder = "姓名"
    actions = ("list", "detail")
    detail_template = "portal/decision_detail.html"
    empty_hint = "平台中没有档案的职工在手机上自助登记后，会出现在这里，由您核实后确认。"
    api = "self-registrations"
