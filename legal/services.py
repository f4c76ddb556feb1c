"""Writes of 法律援助 that carry rules beyond a model's own: intake (the applicant found by ID number or
registered on the spot, the case numbered, a second open case of the same worker, employer and
dispute type linked), the move from mediation to arbitration, a checkup's checklist, and the
referral packet's record. Every function is a service (`kit.services.service`)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

from core.models import Person
from kit import services
from kit.dates import chinese, today
from kit.pii import blind_index
from kit.sequences import next_value
from kit.services import service
from kit.validators import normalize_id_number, validate_id_number
from legal.models import Case, Room, due, open_case_for


def _applicant(actor: Any, case: Case, extra: dict[str, Any]) -> Person:
    """The worker by his ID number — any worker of the platform: the centre serves them all — or,
    when the platform does not know him, registered now (with his name; phone optional)."""
    number = normalize_id_number(str(extra.get("applicant_id_number") or ""))
    if not number:
        raise ValidationError({"applicant_id_number": "请填写申请人的公民身份号码"})
    try:
        validate_id_number(number)
    except ValidationError as exc:
        raise ValidationError({"applicant_id_number": exc.messages}) from exc
    found = Person.all_objects.filter(id_number_bidx=blind_index(number, kind="id_number")).first()
    if found is not None:
        if found.deleted_at is not None:
            raise ValidationError({"applicant_id_number": "该职工档案已在回收站中，请先恢复"})
        return found
    name = str(extra.get("applicant_name") or "").strip()
    if not name:
        raise ValidationError({"applicant_name": "平台中没有这名职工，请填写姓名以便登记"})
    person = Person(
        name=name,
        id_number=number,
        phone=str(extra.get("applicant_phone") or "").strip(),
        employer=case.employer,
        org=case.employer.org if case.employer else case.org,
    )
    try:
        return services.save_object(
            person,
            actor=actor,
            action="add",
            check_perm=False,  # registered as part of the intake the actor is allowed to make
            message="法律援助受理时登记",
        )
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and "id_number" in exc.error_dict:
            raise ValidationError({"applicant_id_number": exc.error_dict["id_number"]}) from exc
        raise


@service(Case, None, scope=("case",))
def case_save(
    *,
    actor: Any,
    case: Case,
    action: str,
    extra: dict[str, Any] | None = None,
    expected_version: int | None = None,
    before: dict[str, Any] | None = None,
    m2m: dict[str, Any] | None = None,
) -> Case:
    """受理登记 (add) or a change. On intake the case is numbered (法援〔2023〕12号, gapless per
    year), handled by the actor's centre unless another is chosen, and linked to an open case of
    the same worker, employer and dispute type if there is one (`duplicate_of`: the page warns)."""
    if action == "add":
        if not case.org_id:
            case.org = actor.org
        case.applicant = _applicant(actor, case, extra or {})
        case.duplicate_of = (
            Case.objects.filter(
                open_case_for(case.applicant_id, case.employer_id, case.employer_name, case.dispute_type_id)
            )
            .order_by("id")
            .first()
        )
        year = (case.applied_on or today()).year
        case.number = f"法援〔{year}〕{next_value(f'legal.case.{case.org_id}.{year}')}号"
    message = f"与 {case.duplicate_of} 重复，已关联" if action == "add" and case.duplicate_of else ""
    return services.save_object(
        case,
        actor=actor,
        action=action,
        expected_version=expected_version,
        before=before,
        m2m=m2m,
        message=message,
    )


@service(Case, "change", scope=("case",))
def to_arbitration(*, actor: Any, case: Case, received_on: date) -> Case:
    """调解不成，转仲裁: allowed once the mediation failed or 15 days passed since the mediation body
    received the application without an agreement (调解仲裁法 Art 14)."""
    if case.room != Room.MEDIATION:
        raise ValidationError("只有调解中的案件可以转仲裁")
    if case.status != Case.Status.ASSIGNED:
        raise ValidationError("案件指派承办人后方可转仲裁")
    opens = due(case.mediation_received_on, "mediation")
    if case.mediation_failed_on is None and (opens is None or received_on < opens):
        when = f"（{chinese(opens)}起）" if opens else "（请先填写调解申请收到日期）"
        raise ValidationError(f"调解申请收到 15 日后仍未达成协议，或记录调解不成后，方可申请仲裁{when}")
    before = services.snapshot(case)
    case.room = Room.ARBITRATION
    case.arbitration_received_on = received_on
    return services.save_object(case, actor=actor, action="change", before=before, message="调解不成，转仲裁")
