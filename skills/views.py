"""Pages of 技能提升: declarations for kit.crud, the overview, enrolment, selection steps and certificates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from kit import declare
from kit.crud import CrudViews
from kit.figures import FiguresPage
from skills import certificates, excel, forms, services
from skills import figures as skills_figures
from skills.models import (
    Appraisal,
    Attendance,
    Enrolment,
    EnterpriseResult,
    InnovationProject,
    Mentorship,
    MentorshipPilot,
    Objection,
    Outcome,
    SelectionRound,
    Session,
    Submission,
    TrainingBase,
    TrainingClass,
)

CRUMBS = [("技能提升", "/skills/")]


class PilotViews(CrudViews):
    model = MentorshipPilot
    table = declare.table(MentorshipPilot, ["name", "enterprise", "started_on", "org"])
    form = declare.form(MentorshipPilot, ["name", "enterprise", "started_on", "responsibility", "org", "remark"])
    search = staticmethod(lambda qs, q: qs.filter(name__contains=q))  # type: ignore[assignment]
    detail_fieldsets = [("试点", ["name", "enterprise", "started_on", "responsibility", "org", "remark"])]
    detail_related = [
        ("师徒结对", "pairs", declare.table(Mentorship, ["mentor", "apprentice", "chain", "starts_on", "final"])),
        ("年度指标", "results", declare.table(EnterpriseResult, ["year", "profit_growth", "income_growth", "source"])),
    ]
    actions = ("list", "detail", "add", "edit", "delete")
    parent_crumbs = CRUMBS
    detail_template = "skills/pilot_detail.html"


class MentorshipViews(CrudViews):
    model = Mentorship
    table = declare.table(
        Mentorship,
        ["mentor", "apprentice", "chain", "starts_on", "ends_on", "midterm", "final"],
        select_related=["pilot"],
    )
    form = declare.form(
        Mentorship,
        ["pilot", "mentor", "apprentice", "chain", "goals", "starts_on", "ends_on", "midterm", "final", "remark"],
    )
    filterset = declare.filterset(Mentorship, ["pilot", "chain"], org_field=None)
    excel = excel.mentorship
    search = staticmethod(
        lambda qs, q: qs.filter(mentor__name__startswith=q) | qs.filter(apprentice__name__startswith=q)
    )  # type: ignore[assignment]
    detail_fieldsets = [
        (
            "结对",
            ["pilot", "mentor", "apprentice", "chain", "goals", "starts_on", "ends_on", "midterm", "final", "remark"],
        )
    ]
    detail_related = [
        ("帮带成果", "outcomes", declare.table(Outcome, ["kind", "title", "number", "person", "obtained_on"]))
    ]
    parent_crumbs = CRUMBS


class OutcomeViews(CrudViews):
    model = Outcome
    table = declare.table(Outcome, ["title", "kind", "person", "number", "obtained_on"], default_sort="-obtained_on")
    form = declare.form(Outcome, ["mentorship", "kind", "title", "number", "person", "obtained_on", "remark"])
    filterset = declare.filterset(Outcome, ["kind"], org_field=None)
    excel = excel.outcome
    search = staticmethod(lambda qs, q: qs.filter(title__contains=q))  # type: ignore[assignment]
    detail_fieldsets = [("成果", ["mentorship", "kind", "title", "number", "person", "obtained_on", "remark"])]
    parent_crumbs = CRUMBS


class EnterpriseResultViews(CrudViews):
    model = EnterpriseResult
    table = declare.table(
        EnterpriseResult, ["pilot", "year", "profit_growth", "income_growth", "source"], default_sort="-year"
    )
    form = declare.form(EnterpriseResult, ["pilot", "year", "profit_growth", "income_growth", "source"])
    detail_fieldsets = [("指标", ["pilot", "year", "profit_growth", "income_growth", "source"])]
    actions = ("list", "detail", "add", "edit", "delete")
    parent_crumbs = CRUMBS


class BaseViews(CrudViews):
    model = TrainingBase
    table = declare.table(TrainingBase, ["name", "partner", "plaque_on", "capacity", "org"])
    form = declare.form(TrainingBase, ["name", "partner", "plaque_on", "capacity", "address", "org", "remark"])
    excel = excel.base
    search = staticmethod(lambda qs, q: qs.filter(name__contains=q) | qs.filter(partner__contains=q))  # type: ignore[assignment]
    detail_fieldsets = [("基地", ["name", "partner", "plaque_on", "capacity", "address", "org", "remark"])]
    detail_related = [("班次", "classes", declare.table(TrainingClass, ["name", "starts_on", "ends_on", "capacity"]))]
    parent_crumbs = CRUMBS


class ClassViews(CrudViews):
    model = TrainingClass
    table = declare.table(
        TrainingClass,
        ["name", "base", "programme", "starts_on", "ends_on", "capacity", "org"],
        default_sort="-starts_on",
    )
    form = declare.form(
        TrainingClass,
        ["base", "name", "programme", "starts_on", "ends_on", "teachers", "curriculum", "capacity", "org", "remark"],
    )
    filterset = declare.filterset(TrainingClass, ["base"])
    excel = excel.training_class
    search = staticmethod(lambda qs, q: qs.filter(name__contains=q))  # type: ignore[assignment]
    detail_fieldsets = [
        (
            "班次",
            [
                "base",
                "name",
                "programme",
                "starts_on",
                "ends_on",
                "teachers",
                "curriculum",
                "capacity",
                "org",
                "remark",
            ],
        )
    ]
    detail_related = [
        ("报名", "enrolments", declare.table(Enrolment, ["person", "status", "signed_up_at"])),
        ("课次", "sessions", declare.table(Session, ["held_on", "topic"])),
        ("创新改造项目", "projects", declare.table(InnovationProject, ["name", "enterprise", "started_on"])),
    ]
    detail_template = "skills/class_detail.html"
    parent_crumbs = CRUMBS


class EnrolmentViews(CrudViews):
    model = Enrolment
    table = declare.table(Enrolment, ["person", "training_class", "status", "signed_up_at"], default_sort="-id")
    filterset = declare.filterset(Enrolment, ["training_class", "status"], org_field=None)
    search = staticmethod(lambda qs, q: qs.filter(person__name__startswith=q))  # type: ignore[assignment]
    detail_fieldsets = [("报名", ["training_class", "person", "status", "signed_up_at"])]
    actions = ("list", "detail", "delete")
    empty_hint = "在班次页面为职工报名（可批量），名额满后自动进入候补。"
    parent_crumbs = CRUMBS


class SessionViews(CrudViews):
    model = Session
    table = declare.table(Session, ["topic", "training_class", "held_on"], default_sort="-held_on")
    form = declare.form(Session, ["training_class", "held_on", "topic"])
    detail_fieldsets = [("课次", ["training_class", "held_on", "topic"])]
    detail_related = [("考勤", "attendance", declare.table(Attendance, ["enrolment", "present"]))]
    actions = ("list", "detail", "add", "edit", "delete")
    parent_crumbs = CRUMBS


class AttendanceViews(CrudViews):
    model = Attendance
    table = declare.table(
        Attendance,
        ["enrolment", "session", "present"],
        select_related=["enrolment__person", "session__training_class", "enrolment__training_class"],
    )
    form = declare.form(Attendance, ["session", "enrolment", "present"])
    detail_fieldsets = [("考勤", ["session", "enrolment", "present"])]
    actions = ("list", "detail", "add", "edit", "delete")
    parent_crumbs = CRUMBS


class AppraisalViews(CrudViews):
    model = Appraisal
    table = declare.table(
        Appraisal,
        ["enrolment", "level", "passed", "certificate_no", "appraised_on"],
        select_related=["enrolment__person", "enrolment__training_class"],
    )
    form = declare.form(Appraisal, ["enrolment", "level", "passed", "certificate_no", "appraised_on", "remark"])
    detail_fieldsets = [("鉴定", ["enrolment", "level", "passed", "certificate_no", "appraised_on", "remark"])]
    actions = ("list", "detail", "add", "edit", "delete")
    parent_crumbs = CRUMBS


class ProjectViews(CrudViews):
    model = InnovationProject
    table = declare.table(InnovationProject, ["name", "training_class", "enterprise", "started_on", "org"])
    form = declare.form(
        InnovationProject, ["name", "training_class", "enterprise", "started_on", "result", "org", "remark"]
    )
    excel = excel.project
    search = staticmethod(lambda qs, q: qs.filter(name__contains=q))  # type: ignore[assignment]
    detail_fieldsets = [("项目", ["name", "training_class", "enterprise", "started_on", "result", "org", "remark"])]
    parent_crumbs = CRUMBS


class SelectionViews(CrudViews):
    model = SelectionRound
    table = declare.table(
        SelectionRound, ["title", "kind", "year", "quota", "submission_closes", "status", "org"], default_sort="-year"
    )
    form = declare.form(
        SelectionRound,
        [
            "kind",
            "year",
            "title",
            "organisers",
            "rules",
            "quota",
            "submission_closes",
            "publicity_starts",
            "publicity_ends",
            "org",
            "remark",
        ],
    )
    filterset = declare.filterset(SelectionRound, ["kind", "year", "status"])
    search = staticmethod(lambda qs, q: qs.filter(title__contains=q))  # type: ignore[assignment]
    detail_fieldsets = [
        (
            "评选",
            [
                "title",
                "kind",
                "year",
                "organisers",
                "rules",
                "quota",
                "submission_closes",
                "publicity_starts",
                "publicity_ends",
                "status",
                "scoring_round",
                "org",
            ],
        )
    ]
    detail_related = [
        ("申报", "submissions", declare.table(Submission, ["title", "enterprise", "eligibility", "prize"]))
    ]
    actions = ("list", "detail", "add", "edit", "delete")
    detail_template = "skills/selection_detail.html"
    parent_crumbs = CRUMBS


class SubmissionViews(CrudViews):
    model = Submission
    table = declare.table(Submission, ["title", "round", "enterprise", "eligibility", "prize"])
    form = forms.SubmissionForm
    filterset = declare.filterset(Submission, ["round", "eligibility", "prize"])
    search = staticmethod(lambda qs, q: qs.filter(title__contains=q))  # type: ignore[assignment]
    detail_fieldsets = [
        (
            "申报",
            [
                "round",
                "enterprise",
                "title",
                "authors",
                "summary",
                "attachment",
                "eligibility",
                "eligibility_reason",
                "prize",
                "org",
            ],
        )
    ]
    detail_related = [
        ("公示异议", "objections", declare.table(Objection, ["raised_on", "content", "resolution", "resolved_on"]))
    ]
    parent_crumbs = CRUMBS


class ObjectionViews(CrudViews):
    model = Objection
    table = declare.table(Objection, ["submission", "raised_on", "resolved_on"], default_sort="-raised_on")
    form = declare.form(Objection, ["submission", "raised_on", "content", "resolution", "resolved_on"])
    detail_fieldsets = [("异议", ["submission", "raised_on", "content", "resolution", "resolved_on"])]
    actions = ("list", "detail", "add", "edit", "delete")
    parent_crumbs = CRUMBS


class OverviewView(LoginRequiredMixin, FiguresPage, TemplateView):
    """技能提升 at a glance: the section's figures for a chosen date or year, within the user's scope."""

    template_name = "skills/overview.html"
    title = "技能提升"
    section = staticmethod(skills_figures.section)


class EnrolView(LoginRequiredMixin, View):
    """Enrol workers into a class: by ID number or name of workers the user may see, one per line."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        from core.models import Person
        from core.selectors import person_search

        training_class = ClassViews.get_object(request.user, pk)
        if not request.user.has_perm("skills.add_enrolment"):
            raise PermissionDenied
        visible = Person.objects.visible_to(request.user)
        people, unknown = [], []
        for line in request.POST.get("people", "").splitlines():
            line = line.strip()
            if not line:
                continue
            found = list(person_search(visible, line)[:2])
            if len(found) == 1:
                people.append(found[0])
            else:
                unknown.append(line)
        try:
            result = services.enrol_many(actor=request.user, training_class=training_class, people=people)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(
                request,
                f"报名 {result['enrolled']} 人，候补 {result['waiting']} 人"
                + (f"，{result['refused']} 人已报过名" if result["refused"] else ""),
            )
        if unknown:
            messages.error(request, "未找到或不唯一（请用身份证号）：" + "、".join(unknown[:20]))
        return HttpResponseRedirect(reverse("skills:trainingclass_detail", args=[training_class.pk]))


class CancelEnrolmentView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        enrolment = EnrolmentViews.get_object(request.user, pk, "delete")
        try:
            promoted = services.cancel_enrolment(
                actor=request.user, enrolment=enrolment, reason=request.POST.get("reason", "")
            )
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, "已取消" + (f"，候补的 {promoted.person} 转为正式报名" if promoted else ""))
        return HttpResponseRedirect(reverse("skills:trainingclass_detail", args=[enrolment.training_class_id]))


class SelectionStepView(LoginRequiredMixin, View):
    """The organiser's steps: start the review (experts), publicize (prizes from the ranking)."""

    def post(self, request: HttpRequest, pk: int, step: str) -> HttpResponseBase:
        from core.models import User

        selection = SelectionViews.get_object(request.user, pk, "change")
        try:
            if step == "review":
                names = [n.strip() for n in request.POST.get("experts", "").replace("，", ",").split(",") if n.strip()]
                experts = list(User.objects.filter(username__in=names))
                missing = set(names) - {e.username for e in experts}
                if missing:
                    raise ValidationError(f"找不到专家账号：{'、'.join(sorted(missing))}")
                services.start_review(actor=request.user, selection=selection, experts=experts)
                messages.success(request, "已开始评审，专家可在“我的评审”中打分")
            elif step == "publicize":
                winners = services.publicize(actor=request.user, selection=selection)
                messages.success(request, f"已发布公示：拟表彰 {len(winners)} 项")
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        return HttpResponseRedirect(reverse("skills:selectionround_detail", args=[selection.pk]))


class CertificatesView(LoginRequiredMixin, View):
    """The award certificates of a selection (PDF), once it is awarded."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        selection = SelectionViews.get_object(request.user, pk)
        if selection.status != SelectionRound.Status.AWARDED:
            messages.error(request, "正式表彰后才能下载证书")
            return HttpResponseRedirect(reverse("skills:selectionround_detail", args=[selection.pk]))
        winners = list(
            Submission.objects.visible_to(request.user)
            .filter(round=selection)
            .exclude(prize="")
            .select_related("enterprise")
            .prefetch_related("authors")
        )
        try:
            pdf = certificates.render(winners, selection=selection)
        except certificates.CertificateUnavailable as exc:
            messages.error(request, str(exc))
            return HttpResponseRedirect(reverse("skills:selectionround_detail", args=[selection.pk]))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="certificates-{selection.year}-{selection.kind}.pdf"'
        return response
