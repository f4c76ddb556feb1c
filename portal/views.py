"""The workers' pages (mobile-first, `portal/base.html`: one small stylesheet, no framework; every
form works without JavaScript — the one script asks the browser for the position on the station
page) and the two back-office pages the portal adds (a union's decision on an application; the
text-message outbox). Every write is a service called as the signed-in user."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.generic import TemplateView

from kit import audit, context, workflow
from kit.audit.models import AuditEntry
from kit.maps import geo
from kit.views.crud import get_object, url_for
from kit.views.steps import attempt, refusal
from legal import services as legal_services
from merit import services as merit_services
from merit.models import Event
from portal import entities, forms, selectors, services
from portal.models import TextMessage
from rights import services as rights_services
from rights.models import ActivitySignup, VolunteerActivity
from skills import services as skills_services
from skills.models import Enrolment, TrainingClass


def _form_errors(form: Any, exc: ValidationError, aliases: dict[str, str] | None = None) -> None:
    """Put a service's refusal on the form: at its field (or the form field `aliases` maps the
    model's field to) when the form has one, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            field = (aliases or {}).get(field, field)
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error.messages if hasattr(error, "messages") else error)
    else:
        form.add_error(None, exc.messages)


def _attempt(form: Any, call: Callable[[], Any], aliases: dict[str, str] | None = None) -> Any:
    """Run a service for a form: its refusal lands on the form (at the field when it names one);
    returns the result, or None when refused."""
    try:
        return call()
    except ValidationError as exc:
        _form_errors(form, exc, aliases)
    except PermissionDenied as exc:
        form.add_error(None, refusal(exc))
    return None


class WorkerPage(View):
    """A page of the worker's own: signed in (by phone), and — unless `needs_person` is False —
    bound to his record."""

    needs_person = True
    template = ""
    title = ""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return HttpResponseRedirect(f"{reverse('portal:login')}?next={request.get_full_path()}")
        if self.needs_person and request.user.person_id is None:  # type: ignore[union-attr]
            return HttpResponseRedirect(reverse("portal:bind"))
        return super().dispatch(request, *args, **kwargs)

    def page(self, request: HttpRequest, **ctx: Any) -> HttpResponse:
        return render(request, self.template, {"title": self.title, **ctx})


# --- sign-in ------------------------------------------------------------------------------------
class LoginView(View):
    """手机号 + 验证码. Step 1 sends the code, step 2 checks it; a wrong, expired or reused code is
    refused, five wrong ones lock the number for a while."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            return HttpResponseRedirect(reverse("portal:home"))
        return render(request, "portal/login.html", {"title": "登录", "form": forms.PhoneForm()})

    def post(self, request: HttpRequest) -> HttpResponseBase:
        if "code" in request.POST:
            code_form = forms.CodeForm(request.POST)
            if code_form.is_valid():
                try:
                    user = services.verify_code(
                        phone=code_form.cleaned_data["phone"], code=code_form.cleaned_data["code"]
                    )
                except ValidationError as exc:
                    _form_errors(code_form, exc)
                else:
                    login(request, user, backend="core.auth.RoleBackend")
                    nxt = request.POST.get("next") or ""
                    if not url_has_allowed_host_and_scheme(nxt, {request.get_host()}) or not nxt.startswith("/portal/"):
                        nxt = reverse("portal:home")
                    return HttpResponseRedirect(nxt)
            return render(request, "portal/login.html", {"title": "登录", "code_form": code_form})
        form = forms.PhoneForm(request.POST)
        if form.is_valid():
            try:
                services.send_code(phone=form.cleaned_data["phone"], ip=context.current().ip)
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                code_form = forms.CodeForm(initial={"phone": form.cleaned_data["phone"]})
                return render(
                    request,
                    "portal/login.html",
                    {"title": "登录", "code_form": code_form, "sent_to": form.cleaned_data["phone"][-4:]},
                )
        return render(request, "portal/login.html", {"title": "登录", "form": form})


class LogoutView(View):
    def post(self, request: HttpRequest) -> HttpResponseBase:
        logout(request)
        return HttpResponseRedirect(reverse("portal:login"))


# --- home and identity ---------------------------------------------------------------------------
class HomeView(WorkerPage):
    needs_person = False
    template = "portal/home.html"
    title = "职工服务"

    def get(self, request: HttpRequest) -> HttpResponse:
        user: Any = request.user
        return self.page(
            request,
            person=user.person,
            registration=selectors.my_registration(user) if user.person_id is None else None,
            card=selectors.member_card(user),
            application=selectors.open_application(user),
            cases=selectors.my_cases(user)[:3],
        )


class BindView(WorkerPage):
    needs_person = False
    template = "portal/bind.html"
    title = "核对身份"

    def get(self, request: HttpRequest) -> HttpResponse:
        if request.user.person_id:  # type: ignore[union-attr]
            return HttpResponseRedirect(reverse("portal:home"))
        return self.page(request, form=forms.BindForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = forms.BindForm(request.POST)
        if form.is_valid():
            person = _attempt(form, lambda: services.bind(actor=request.user, **form.cleaned_data))
            if person is not None:
                messages.success(request, f"{person.name}，您好！已绑定您的职工档案。")
                return HttpResponseRedirect(reverse("portal:home"))
            if not form.errors:  # no match: said the same way whichever half was wrong
                form.add_error(None, services.BIND_MISMATCH)
        return self.page(request, form=form)


class RegisterView(WorkerPage):
    needs_person = False
    template = "portal/register.html"
    title = "新职工登记"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.page(request, form=forms.RegisterForm(), enterprises=_enterprise_names())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = forms.RegisterForm(request.POST)
        row = form.is_valid() and _attempt(form, lambda: services.register(actor=request.user, **form.cleaned_data))
        if row:
            messages.success(request, f"已提交，请等待{row.org}确认。确认后您就可以使用全部服务。")
            return HttpResponseRedirect(reverse("portal:home"))
        return self.page(request, form=form, enterprises=_enterprise_names())


def _enterprise_names() -> list[str]:
    from core.models import Enterprise

    return list(Enterprise.objects.order_by("name").values_list("name", flat=True)[:2000])


# --- membership -----------------------------------------------------------------------------------
class JoinView(WorkerPage):
    template = "portal/join.html"
    title = "网上入会"

    def context(self, request: HttpRequest, form: Any = None) -> dict[str, Any]:
        user: Any = request.user
        return {
            "form": form or forms.JoinForm(),
            "person": user.person,
            "card": selectors.member_card(user),
            "application": selectors.open_application(user),
            "history": selectors.my_records(user)["memberships"],
            "enterprises": _enterprise_names(),
        }

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.page(request, **self.context(request))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = forms.JoinForm(request.POST)
        app = form.is_valid() and _attempt(
            form, lambda: services.membership_apply(actor=request.user, **form.cleaned_data)
        )
        if app:
            messages.success(
                request,
                f"{app.get_kind_display()}已提交至{app.org}（{app.get_route_display()}），"
                f"工会将在{app.due_on:%Y年%-m月%-d日}前答复。",
            )
            return HttpResponseRedirect(reverse("portal:join"))
        return self.page(request, **self.context(request, form))


class CardView(WorkerPage):
    template = "portal/card.html"
    title = "电子会员证"

    def get(self, request: HttpRequest) -> HttpResponse:
        card = selectors.member_card(request.user)
        return self.page(request, card=card, person=request.user.person)  # type: ignore[union-attr]


# --- stations -------------------------------------------------------------------------------------
def _point(request: HttpRequest) -> tuple[tuple[float, float] | None, str]:
    """The point to search from: the browser's position (lng/lat, WGS-84) or a chosen sub-district."""
    params = request.GET
    if params.get("lng") and params.get("lat"):
        try:
            point = float(params["lng"]), float(params["lat"])
        except ValueError:
            return None, "位置格式不正确"
        problems = geo.check_point(*point)
        if problems:
            return None, "；".join(problems.values())
        return point, "您的位置"
    if params.get("area"):
        for area in selectors.station_areas():
            if str(area["id"]) == params["area"]:
                return (float(area["lng"]), float(area["lat"])), area["name"]
        return None, "请选择街道"
    return None, ""


class StationsView(WorkerPage):
    needs_person = False
    template = "portal/stations.html"
    title = "找驿站"

    def get(self, request: HttpRequest) -> HttpResponse:
        point, label = _point(request)
        rows = selectors.nearest_stations(point) if point else []
        return self.page(
            request,
            areas=selectors.station_areas(),
            rows=rows,
            origin=label if point else "",
            problem=label if not point and label else "",
            chosen=request.GET.get("area", ""),
            near=f"lng={point[0]:.6f}&lat={point[1]:.6f}" if point else "",
        )


class StationView(WorkerPage):
    needs_person = False
    template = "portal/station.html"
    title = "驿站"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        point, _label = _point(request)
        row = selectors.station(pk, near=point)
        if row is None:
            raise Http404("没有这个驿站，或它已撤销")
        return self.page(request, s=row, title=row["name"])


# --- legal help -----------------------------------------------------------------------------------
class LegalView(WorkerPage):
    template = "portal/legal.html"
    title = "法律求助"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.page(request, form=forms.LegalForm(), enterprises=_enterprise_names())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = forms.LegalForm(request.POST, request.FILES)
        data = form.cleaned_data if form.is_valid() else None
        case = data and _attempt(
            form,
            lambda: legal_services.case_request(
                actor=request.user,
                dispute_type=data["dispute_type"],
                facts=data["facts"],
                employer=data["employer"],
                employer_name=data["employer_name"],
                amount=data["amount"] if data["amount"] is not None else Decimal("0"),
                consult_only=data["kind"] == "consult",
                contact_time=data["contact_time"],
                files=data["attachments"],
            ),
            aliases={"file": "attachments"},  # an attachment refused by its check (type, size)
        )
        if case:
            messages.success(request, f"已提交（{case.number}）。法律援助中心会尽快与您联系。")
            return HttpResponseRedirect(reverse("portal:case", args=[case.pk]))
        return self.page(request, form=form, enterprises=_enterprise_names())


class CasesView(WorkerPage):
    template = "portal/cases.html"
    title = "我的求助"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.page(request, cases=selectors.my_cases(request.user))


class CaseView(WorkerPage):
    template = "portal/case.html"
    title = "求助进度"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        case = selectors.my_cases(request.user).filter(pk=pk).first()
        if case is None:
            raise Http404("没有这件求助，或它不是您的")
        audit.record(AuditEntry.Action.VIEW, actor=request.user, obj=case, message="职工查看本人求助")
        steps = [{"at": e.at, "message": e.message} for e in workflow.history(case)]
        return self.page(request, case=case, steps=steps, documents=case.documents.all())


# --- sign-ups -------------------------------------------------------------------------------------
class OffersView(WorkerPage):
    template = "portal/offers.html"
    title = "报名"

    def get(self, request: HttpRequest) -> HttpResponse:
        rows = selectors.offers(request.user)
        groups = [
            ("培训班", [o for o in rows if o.kind == "class"]),
            ("劳动和技能竞赛", [o for o in rows if o.kind == "event"]),
            ("志愿服务活动", [o for o in rows if o.kind == "activity"]),
        ]
        return self.page(request, groups=groups)


# what a worker signs up for: the parents open to him, the service that signs him up, what it says
SIGNUPS: dict[str, tuple[Callable[[Any], Any], Callable[..., Any], Callable[[Any], str], str]] = {
    "class": (
        TrainingClass.open_to,
        lambda user, parent, person: skills_services.enrol(actor=user, training_class=parent, person=person),
        lambda r: (
            f"{r.training_class}：{r.get_status_display()}"
            + ("（名额已满，您在候补名单中，有人取消时按顺序递补）" if r.status == "waiting" else "")
        ),
        "该班次不存在，或已不再报名",
    ),
    "event": (
        Event.open_to,
        lambda user, parent, person: merit_services.register(actor=user, event=parent, person=person),
        lambda r: f"已报名 {r.event}",
        "该竞赛项目不存在，或已截止报名",
    ),
    "activity": (
        VolunteerActivity.open_to,
        lambda user, parent, person: rights_services.activity_sign_up(actor=user, activity=parent, person=person),
        lambda r: f"{r.activity}：{r.get_status_display()}",
        "该活动不存在，或已不再招募",
    ),
}


class SignupView(WorkerPage):
    """报名 (POST): himself, into something open to him — beyond the capacity onto the waiting list."""

    def post(self, request: HttpRequest, kind: str, pk: int) -> HttpResponseBase:
        if kind not in SIGNUPS:
            raise Http404
        open_to, sign_up, said, missing = SIGNUPS[kind]
        user: Any = request.user
        parent = open_to(user.person).filter(pk=pk).first()
        if parent is None:
            raise Http404(missing)
        attempt(request, lambda: sign_up(user, parent, user.person), said)
        return HttpResponseRedirect(reverse("portal:offers"))


class CancelView(WorkerPage):
    def post(self, request: HttpRequest, kind: str, pk: int) -> HttpResponseBase:
        user: Any = request.user
        if kind == "class":
            enrolment = Enrolment.objects.visible_to(user, "delete").filter(pk=pk, person=user.person).first()
            if enrolment is None:
                raise Http404
            attempt(request, lambda: skills_services.cancel_enrolment(actor=user, enrolment=enrolment), "已取消报名")
        elif kind == "activity":
            signup = ActivitySignup.objects.visible_to(user, "delete").filter(pk=pk, person=user.person).first()
            if signup is None:
                raise Http404
            attempt(request, lambda: rights_services.activity_signup_cancel(actor=user, signup=signup), "已取消报名")
        else:
            raise Http404
        return HttpResponseRedirect(reverse("portal:me" if request.POST.get("back") == "me" else "portal:offers"))


# --- voting ---------------------------------------------------------------------------------------
class VoteView(WorkerPage):
    template = "portal/vote.html"
    title = "十佳微党课投票"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.page(request, selections=selectors.open_votes(request.user))

    def post(self, request: HttpRequest) -> HttpResponseBase:
        from guidance import services as guidance_services
        from guidance.models import Nomination

        nomination = Nomination.objects.filter(pk=request.POST.get("nomination") or 0).select_related("course").first()
        if nomination is None:
            raise Http404
        attempt(
            request,
            lambda: guidance_services.vote(actor=request.user, nomination=nomination),
            f"已为《{nomination.course}》投票，谢谢！",
        )
        return HttpResponseRedirect(reverse("portal:vote"))


# --- mine -----------------------------------------------------------------------------------------
class MeView(WorkerPage):
    template = "portal/me.html"
    title = "我的"

    def get(self, request: HttpRequest) -> HttpResponse:
        records = selectors.my_records(request.user)
        return self.page(
            request,
            r=records,
            total_hours=selectors.total_hours(records),
            person=request.user.person,  # type: ignore[union-attr]
            card=selectors.member_card(request.user),
        )


class MyDataView(WorkerPage):
    """下载我的个人信息 (PIPL Art 45): everything held about him, as a file. Audited."""

    def get(self, request: HttpRequest) -> HttpResponse:
        from core.views import records_response

        return records_response(request, request.user.person, title="我的个人信息", as_file=True)  # type: ignore[union-attr]


# --- back office ----------------------------------------------------------------------------------
DECISIONS: dict[str, tuple[Any, str, Callable[..., Any], Callable[..., Any]]] = {
    "membershipapplication": (
        entities.MembershipApplicationEntity,
        "application",
        services.membership_approve,
        services.membership_return,
    ),
    "selfregistration": (
        entities.SelfRegistrationEntity,
        "registration",
        services.registration_confirm,
        services.registration_return,
    ),
}


class DecisionView(LoginRequiredMixin, View):
    """确认 or 退回 (with a reason) an application or a self-registration, from its page."""

    def post(self, request: HttpRequest, model: str, pk: int) -> HttpResponseBase:
        if model not in DECISIONS:
            raise Http404
        entity, arg, approve, give_back = DECISIONS[model]
        obj = get_object(entity, request.user, pk, "review")
        if request.POST.get("decision") == "return":
            attempt(
                request,
                lambda: give_back(actor=request.user, **{arg: obj}, reason=request.POST.get("reason", "")),
                "已退回，职工会在手机上看到退回理由",
            )
        else:
            attempt(request, lambda: approve(actor=request.user, **{arg: obj}), "已确认")
        return HttpResponseRedirect(url_for(entity, "detail", obj))


class OutboxView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """短信发送记录: what the platform sent, newest first (with the local backend, where a code is read)."""

    permission_required = "portal.view_textmessage"
    template_name = "portal/outbox.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        tail = (self.request.GET.get("tail") or "").strip()[:4]
        rows = TextMessage.objects.order_by("-sent_at", "-id")
        if tail:
            rows = rows.filter(phone_tail=tail)
        ctx.update(
            title="短信发送记录",
            breadcrumbs=[("职工服务", reverse("portal:overview")), ("短信发送记录", None)],
            rows=rows[:100],
            tail=tail,
        )
        return ctx


class AdminOverviewView(LoginRequiredMixin, TemplateView):
    """The unions' side of the portal: what waits for an answer in the user's scope, overdue first."""

    template_name = "portal/overview.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from kit.dates import today

        ctx = super().get_context_data(**kwargs)
        user: Any = self.request.user
        day = today()
        apps = entities.MembershipApplicationEntity.queryset(user, "review").filter(status="submitted")
        regs = entities.SelfRegistrationEntity.queryset(user, "review").filter(status="submitted")
        ctx.update(
            title="职工服务",
            breadcrumbs=[("职工服务", None)],
            pending=apps.count(),
            overdue=apps.filter(due_on__lt=day).count(),
            due_soon=apps.select_related("person", "org").order_by("due_on", "id")[:10],
            registrations=regs.count(),
            can_review=user.has_perm("portal.review_membershipapplication"),
            day=day,
        )
        return ctx
