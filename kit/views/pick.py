"""The options of a picker (`kit.forms`, its pickers): one form field's or list filter's choices for the
requesting user, searched with the related entity's search."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, JsonResponse
from django.views import View

from kit.entity import entity_for
from kit.forms import pick_label, wants_picker

LIMIT = 20


class PickView(LoginRequiredMixin, View):
    """The options of one form field for the user, searched: {"results": [{value, text, sub}]}."""

    def get(self, request: HttpRequest, model: str, field: str) -> JsonResponse:
        try:
            form_model = apps.get_model(model)
        except (LookupError, ValueError):
            raise Http404("没有这种记录") from None
        entity = entity_for(form_model)
        if (
            entity is None
            or entity.form is None
            or not (entity.can(request.user, "add") or entity.can(request.user, "change"))
        ):
            raise Http404("没有这个表单")
        if request.GET.get("source") == "filter":  # a list filter: the options the list offers
            if entity.filterset is None or not entity.can(request.user, "view"):
                raise Http404("没有这个筛选条件")
            fields = entity.filterset(None, queryset=form_model._default_manager.none(), request=request).form.fields
        else:
            if entity.form is None or not (entity.can(request.user, "add") or entity.can(request.user, "change")):
                raise Http404("没有这个表单")
            fields = entity.form(user=request.user).fields  # type: ignore[call-arg]
        form_field = fields.get(field)
        queryset = getattr(form_field, "queryset", None)
        if queryset is None or not wants_picker(queryset.model):
            raise Http404("没有这个选项")
        q = request.GET.get("q", "").strip()[:50]
        if q:
            related = entity_for(queryset.model)
            search = related.search_fn() if related is not None else None
            queryset = search(queryset, q) if search else queryset.none()
        select = getattr(queryset.model, "pick_select", ())
        rows = list((queryset.select_related(*select) if select else queryset)[:LIMIT])
        results = []
        for obj in rows:
            title, detail = pick_label(obj)
            results.append({"value": str(obj.pk), "text": title, "sub": detail})
        return JsonResponse({"results": results, "more": len(rows) == LIMIT})


class AccountPickView(LoginRequiredMixin, View):
    """Accounts by name or user name, for the pages where an organiser names scorers, experts or
    judges (`core.selectors.users_from_names` reads what is posted): {"results": [{value: user
    name, text, sub}]}. Only for users who may organise a scoring round."""

    def get(self, request: HttpRequest) -> JsonResponse:
        from django.contrib.auth import get_user_model
        from django.db.models import Q

        user = request.user
        if not any(user.has_perm(p) for p in settings.KIT_ACCOUNT_PICKER_PERMS):
            raise Http404("没有这个选项")
        q = request.GET.get("q", "").strip()[:50]
        accounts = get_user_model().objects.filter(is_active=True).select_related("org").order_by("username")
        if q:
            accounts = accounts.filter(Q(username__startswith=q) | Q(name__contains=q))
        rows = list(accounts[:LIMIT])
        results = []
        for account in rows:
            title, detail = pick_label(account)
            results.append({"value": account.username, "text": title, "sub": detail})
        return JsonResponse({"results": results, "more": len(rows) == LIMIT})
