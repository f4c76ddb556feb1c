"""Pages of 维权服务 beyond the entities' own (`rights.entities`): the overview, and the steps taken
from a record's page — members added to an enrolment, a claim approved, workers signed up, hours
recorded, a correction applied, a certificate issued and downloaded; the rounds of 质效评估 and
驿站星级评定; the station map and its points. Each write calls its service."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from core.models import Person
from core.selectors import people_from_lines, users_from_names
from kit import maps
from kit.dates import today
from kit.maps import geo
from kit.models import ScoreSheet, ScoringRound
from kit.pdf import PdfUnavailable, render_pdf
from kit.views.crud import get_object, url_for
from kit.views.figures import FiguresPage
from kit.views.steps import attempt, refusal
from rights import entities, selectors, services
from rights import figures as rights_figures
from rights.models import Station, StationReview, Volunteer


class OverviewView(LoginRequiredMixin, FiguresPage, TemplateView):
    """维权服务 at a glance: the section's figures for a chosen date or year, within the user's scope."""

    template_name = "rights/overview.html"
    title = "维权服务"
    indicators = rights_figures.INDICATORS

    def extra(self, period: Any, org: Any) -> dict[str, Any]:
        user = self.request.user  # type: ignore[attr-defined]
        on = period.end  # the lists as things stood on the page's date, like its figures
        overdue = selectors.reviews_overdue(org=org, on=on) if user.has_perm("rights.view_hardshipfile") else []
        late = selectors.overdue_replies(org=org, on=on) if user.has_perm("rights.view_negotiation") else []
        renewals = selectors.renewals_due(org=org, on=on) if user.has_perm("rights.view_collectivecontract") else []
        return {
            "aid": selectors.aid_given(period=period, org=org),
            "gifts": selectors.gifts_by_item(period=period, org=org),
            "overdue": overdue[:20],
            "overdue_count": len(overdue),
            "late_replies": late[:20],
            "late_count": len(late),
            "renewals": renewals[:20],
            "renewal_count": len(renewals),
        }


def _people(request: HttpRequest) -> tuple[list[Person], list[str]]:
    people, unknown = people_from_lines(Person.objects.visible_to(request.user), request.POST.get("people", ""))
    if unknown:
        messages.error(request, "未找到或不唯一（请用公民身份号码）：" + "、".join(unknown[:20]))
    return people, unknown


class EnrolmentMembersView(LoginRequiredMixin, View):
    """Add workers to a unit enrolment, one per line (ID number, phone or name)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        enrolment = get_object(entities.UnitEnrolmentEntity, request.user, pk)
        people, _unknown = _people(request)
        result = attempt(
            request,
            lambda: services.members_add(actor=request.user, enrolment=enrolment, people=people),
            lambda r: f"已添加参保职工 {r['added']} 人",
        )
        for refused in (result or {}).get("refused", [])[:20]:
            messages.error(request, refused)
        return HttpResponseRedirect(url_for(entities.UnitEnrolmentEntity, "detail", enrolment))


class ClaimApproveView(LoginRequiredMixin, View):
    """核准 a claim with an amount (the other decisions are plain transitions on the claim's page)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        claim = get_object(entities.ClaimEntity, request.user, pk, "review")
        try:
            amount = Decimal(request.POST.get("amount", "").strip())
        except InvalidOperation:
            messages.error(request, "请填写核准金额（元）")
        else:
            attempt(
                request,
                lambda: services.claim_approve(actor=request.user, claim=claim, amount=amount),
                f"已核准 {amount} 元",
            )
        return HttpResponseRedirect(url_for(entities.ClaimEntity, "detail", claim))


class ActivitySignupView(LoginRequiredMixin, View):
    """Sign workers up for an activity, one per line; beyond the capacity they wait in order."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        activity = get_object(entities.ActivityEntity, request.user, pk)
        people, _unknown = _people(request)
        for person in people:

            def sign_up(p: Person = person) -> Any:
                return services.activity_sign_up(actor=request.user, activity=activity, person=p)

            attempt(request, sign_up, lambda r: f"{r.person}：{r.get_status_display()}")
        return HttpResponseRedirect(url_for(entities.ActivityEntity, "detail", activity))


class HoursRecordView(LoginRequiredMixin, View):
    """Record a volunteer's hours at an activity — by the organising team (the service's scope)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        from rights.models import ServiceHours

        activity = get_object(entities.ActivityEntity, request.user, pk)
        volunteer = Volunteer.objects.filter(pk=request.POST.get("volunteer") or 0).first()
        try:
            hours = Decimal(request.POST.get("hours", "").strip())
        except InvalidOperation:
            hours = None
        if volunteer is None or hours is None:
            messages.error(request, "请选择志愿者并填写服务时长（小时）")
        else:
            record = ServiceHours(
                activity=activity, volunteer=volunteer, hours=hours, note=request.POST.get("note", "")
            )
            attempt(
                request,
                lambda: services.hours_save(actor=request.user, record=record, action="add"),
                f"已记录{volunteer.person} {hours} 小时",
            )
        return HttpResponseRedirect(url_for(entities.ActivityEntity, "detail", activity))


class CorrectionApplyView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        correction = get_object(entities.CorrectionEntity, request.user, pk, "review")
        attempt(
            request,
            lambda: services.correction_apply(actor=request.user, correction=correction),
            f"已按申请更正为 {correction.requested_hours} 小时",
        )
        return HttpResponseRedirect(url_for(entities.CorrectionEntity, "detail", correction))


class CertificateIssueView(LoginRequiredMixin, View):
    """开具志愿服务证明 from the hours recorded in the chosen period."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        volunteer = get_object(entities.VolunteerEntity, request.user, pk)
        try:
            start = date.fromisoformat(request.POST.get("period_start", ""))
            end = date.fromisoformat(request.POST.get("period_end", ""))
        except ValueError:
            messages.error(request, "请填写统计起止日期")
            return HttpResponseRedirect(url_for(entities.VolunteerEntity, "detail", volunteer))
        certificate = attempt(
            request,
            lambda: services.certificate_issue(
                actor=request.user, volunteer=volunteer, period_start=start, period_end=end
            ),
            lambda c: f"已开具证明 {c.number}",
        )
        if certificate is None:
            return HttpResponseRedirect(url_for(entities.VolunteerEntity, "detail", volunteer))
        return HttpResponseRedirect(url_for(entities.CertificateEntity, "detail", certificate))


class CertificatePdfView(LoginRequiredMixin, View):
    """The certificate as a PDF (numbered, dated, the hours as recorded when it was issued)."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        certificate = get_object(entities.CertificateEntity, request.user, pk)
        volunteer = certificate.volunteer
        hours = (
            volunteer.hours.filter(
                activity__held_on__gte=certificate.period_start, activity__held_on__lte=certificate.period_end
            )
            .select_related("activity")
            .order_by("activity__held_on")
        )
        try:
            pdf = render_pdf(
                "rights/certificate.html",
                {"certificate": certificate, "volunteer": volunteer, "person": volunteer.person, "hours": hours},
            )
        except PdfUnavailable as exc:
            messages.error(request, str(exc))
            return HttpResponseRedirect(url_for(entities.CertificateEntity, "detail", certificate))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{certificate.number}.pdf"'
        return response


# --- 质效评估 and 驿站星级评定 on the shared scoring sheet -----------------------------------------
class RoundsView(LoginRequiredMixin, TemplateView):
    """The rounds of one kind: open one (sheet, scorers), follow them (the scoring pages mounted
    under this module), and once signed off turn the results into ratings or star reviews."""

    template_name = "rights/rounds.html"
    kind = ""  # "evaluation" | "station_review"
    KINDS: dict[str, dict[str, Any]] = {
        "evaluation": {
            "purpose": services.EVALUATION,
            "title": "集体协商质效评估",
            "perm": "rights.add_starrating",
            "results": "rights:starrating_list",
        },
        "station_review": {
            "purpose": services.STATION_REVIEW,
            "title": "驿站星级评定",
            "perm": "rights.add_stationreview",
            "results": "rights:stationreview_list",
        },
    }

    def spec(self) -> dict[str, Any]:
        return self.KINDS[self.kind]

    def rounds(self) -> Any:
        return ScoringRound.objects.visible_to(self.request.user).filter(purpose=self.spec()["purpose"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        ctx = super().get_context_data(**kwargs)
        spec = self.spec()
        ctx.update(
            title=spec["title"],
            kind=self.kind,
            rounds=list(self.rounds().select_related("sheet", "org").order_by("-id")[:50]),
            sheets=ScoreSheet.objects.order_by("name"),
            can_start=self.request.user.has_perm(spec["perm"]),
            levels=StationReview.Level.choices,
            year=today().year - 1,
            today=today(),
            scoring_ns=f"rights:{self.kind}",
            results_url=reverse(spec["results"]),
            breadcrumbs=[("维权服务", reverse("rights:overview")), (spec["title"], None)],
        )
        return ctx

    def post(self, request: HttpRequest) -> HttpResponseBase:
        action = request.POST.get("action")
        try:
            if action == "start":
                self.start(request)
            elif action == "apply":
                self.apply(request)
        except (ValidationError, ValueError) as exc:
            messages.error(request, refusal(exc) if isinstance(exc, ValidationError) else "请按格式填写年度和日期")
        except PermissionDenied as exc:
            messages.error(request, refusal(exc))
        return HttpResponseRedirect(request.path)

    def start(self, request: HttpRequest) -> None:
        sheet = ScoreSheet.objects.filter(pk=request.POST.get("sheet") or 0).first()
        if sheet is None:
            raise ValidationError("请选择评分表")
        scorers = users_from_names(request.POST.get("scorers", ""), what="评分人账号")
        org = request.user.org  # type: ignore[union-attr]
        if self.kind == "evaluation":
            round_ = services.evaluation_start(
                actor=request.user, year=int(request.POST.get("year", "")), sheet=sheet, org=org, scorers=scorers
            )
        else:
            round_ = services.station_review_start(
                actor=request.user,
                sheet=sheet,
                org=org,
                level=request.POST.get("level", ""),
                on=date.fromisoformat(request.POST.get("on", "")),
                scorers=scorers,
            )
        messages.success(request, f"已开启“{round_.title}”，评分人可在“我的评审”中打分")

    def apply(self, request: HttpRequest) -> None:
        round_ = self.rounds().filter(pk=request.POST.get("round") or 0).first()
        if round_ is None:
            raise ValidationError("评审不存在或不在您的数据范围内")
        if self.kind == "evaluation":
            ratings = services.ratings_from_round(
                actor=request.user, round=round_, year=int(request.POST.get("year", ""))
            )
            messages.success(request, f"已生成 {len(ratings)} 家企业的评估结果，待区总工会确认")
        else:
            made = services.station_reviews_from_round(
                actor=request.user,
                round=round_,
                level=request.POST.get("level", ""),
                reviewed_on=date.fromisoformat(request.POST.get("on", "")),
            )
            messages.success(request, f"已记入 {len(made)} 个驿站的星级评定")


# --- the station map ------------------------------------------------------------------------------
class MapQueryError(ValueError):
    pass


def _map_query(params: Any) -> dict[str, Any]:
    """The map's filters from a query string; `near` is given in the datum of the map's tiles (a
    point clicked) or, with datum=wgs84, from a phone's position — returned in WGS-84."""
    try:
        min_stars = int(params.get("stars") or 0)
    except ValueError:
        raise MapQueryError("星级须为 0–5 的整数") from None
    near = None
    lng, lat = (params.get("near_lng") or "").strip(), (params.get("near_lat") or "").strip()
    if lng or lat:
        try:
            point = float(lng), float(lat)
        except ValueError:
            raise MapQueryError("请填写数字形式的经度和纬度") from None
        datum = params.get("datum") or maps.tiles().datum
        if datum not in ("wgs84", "gcj02", "bd09"):
            raise MapQueryError("坐标系只能是 wgs84、gcj02 或 bd09")
        problems = geo.check_point(*point)
        if problems:
            raise MapQueryError("；".join(problems.values()))
        near = geo.to_wgs84(datum, *point)
    opening = params.get("opening") or ""
    return {
        "amenity": params.get("amenity") or "",
        "min_stars": max(0, min(5, min_stars)),
        "opening": opening if opening in ("24h", "now") else "",
        "near": near,
    }


def _display(row: dict[str, Any]) -> dict[str, Any]:
    """A station row as the map shows it: in the tiles' datum, with its page and a navigate link."""
    lng, lat = maps.display_point(row["lng"], row["lat"])
    return {
        **row,
        "lng": round(lng, 6),
        "lat": round(lat, 6),
        "url": reverse("rights:station_detail", args=[row["id"]]),
        "navigate": maps.navigate_url(row["name"], row["lng"], row["lat"]),
    }


class StationMapView(LoginRequiredMixin, PermissionRequiredMixin, TemplateView):
    """安康·爱心驿站 on a map: clustered, filtered by amenity, stars and opening; a point chosen on
    the map (or typed, or the browser's position) lists the nearest stations. Without a tile
    provider the stations are drawn on a plain background from their coordinates."""

    template_name = "rights/station_map.html"
    permission_required = "rights.view_station"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from core.models import DictItem

        ctx = super().get_context_data(**kwargs)
        error = ""
        try:
            query = _map_query(self.request.GET)
        except MapQueryError as exc:
            error, query = str(exc), _map_query({})
        rows = selectors.station_map(Station.objects.visible_to(self.request.user), when=timezone.localtime(), **query)
        config = maps.page_config()
        config["points"] = reverse("rights:station_points")
        ctx.update(
            title="驿站地图",
            breadcrumbs=[("维权服务", reverse("rights:overview")), ("驿站地图", None)],
            amenities=DictItem.objects.of("station_amenity").order_by("sort", "id"),
            query=query,
            near_display=maps.display_point(*query["near"]) if query["near"] else None,
            error=error,
            count=len(rows),
            nearest=[_display(r) for r in rows[:5]] if query["near"] else [],
            config=config,
        )
        return ctx


class StationPointsView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """The map's points as JSON (the same filters as the page)."""

    permission_required = "rights.view_station"

    def get(self, request: HttpRequest) -> HttpResponseBase:
        try:
            query = _map_query(request.GET)
        except MapQueryError as exc:
            return JsonResponse({"error": str(exc)}, status=400)
        rows = [
            _display(r)
            for r in selectors.station_map(Station.objects.visible_to(request.user), when=timezone.localtime(), **query)
        ]
        near = maps.display_point(*query["near"]) if query["near"] else None
        return JsonResponse(
            {
                "count": len(rows),
                "points": rows,
                "near": {"lng": near[0], "lat": near[1]} if near else None,
                "nearest": rows[:5] if near else [],
            },
            json_dumps_params={"ensure_ascii": False},
        )
