"""Writes of 法律援助 that carry rules beyond a model's own: intake (the applicant found by ID number or
registered on the spot, the case numbered, a second open case of the same worker, employer and
dispute type linked), the move from mediation to arbitration, a checkup's checklist, and the
referral packet's record. Every function is a service (`kit.services.service`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError

from core.models import Org, Person
from kit import services
from kit.dates import chinese, today
from kit.pii import blind_index
from kit.scope import ancestor_paths
from kit.sequences import next_value
from kit.services import service
from kit.validators import normalize_id_number, validate_id_number
from legal.models import Case, CaseDocument, Room, due, open_case_for


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


def _number(case: Case) -> None:
    """Link an open case of the same worker, employer and dispute type; number the case
    (法援〔2023〕12号, gapless per centre and year)."""
    case.duplicate_of = (
        Case.objects.filter(
            open_case_for(case.applicant_id, case.employer_id, case.employer_name, case.dispute_type_id)
        )
        .order_by("id")
        .first()
    )
    year = (case.applied_on or today()).year
    case.number = f"法援〔{year}〕{next_value(f'legal.case.{case.org_id}.{year}')}号"


def centre_for(person: Person) -> Org:
    """The legal-aid centre that receives a worker's own request: the federation nearest above
    his union (the district federation runs the 一庭三室)."""
    above = ancestor_paths(person.org.path)
    centre = Org.objects.filter(path__in=above, kind=Org.Kind.FEDERATION).order_by("-depth").first()
    return centre or Org.objects.get(path=above[0])


@service(Case, "add")
def case_request(
    *,
    actor: Any,
    dispute_type: Any,
    facts: str,
    claims: str = "",
    employer: Any = None,
    employer_name: str = "",
    amount: Decimal | None = None,
    consult_only: bool = False,
    contact_time: str = "",
    files: Sequence[Any] = (),
) -> Case:
    """法律求助 from the worker's phone: a case at intake (已申请, source 职工服务平台) with him as the
    applicant, at the centre above his union, numbered like any other, with his attachments as
    application papers. Only he and the centre's staff see it (the case's data scope)."""
    person = actor.person
    if person is None:
        raise ValidationError("请先绑定您的职工档案，再提交法律求助")
    case = Case(
        channel=Case.Channel.PORTAL,
        room=Room.CONSULT if consult_only else Room.MEDIATION,
        applicant=person,
        employer=employer,
        employer_name=(employer_name or "").strip(),
        dispute_type=dispute_type,
        facts=(facts or "").strip(),
        claims=(claims or "").strip() or "（职工在线求助，请求事项待窗口核实）",
        amount=amount if amount is not None else Decimal("0"),
        applied_on=today(),
        org=centre_for(person),
        remark=f"方便联系的时间：{contact_time.strip()}" if contact_time.strip() else "",
    )
    if not case.facts:
        raise ValidationError({"facts": "请简要说明发生了什么"})
    if len(files) > 5:
        raise ValidationError({"attachments": "最多上传 5 个附件"})
    _number(case)
    saved = services.save_object(case, actor=actor, action="add", message="职工在线法律求助")
    for upload in files:
        services.save_object(
            CaseDocument(case=saved, kind=CaseDocument.Kind.APPLICATION, title=str(upload.name)[:100], file=upload),
            actor=actor,
            action="add",
            message="职工在线上传",
            check_perm=False,  # part of the request the worker may make (checked at the gate)
        )
    return saved


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
        _number(case)
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
