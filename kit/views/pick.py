"""The options of a picker (`kit.forms`, its pickers): one form field's or list filter's choices for the
requesting user, searched with the related entity's search."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404, HttpRequest, JsonResponse
from django.views import View

from kit.entity import entity_for
from kit.forms import pick_label, wants_picker

LIMIT = 20


def answer(rows: list[Any], value_of: Callable[[Any], str]) -> JsonResponse:
    """The options as the picker reads them; `more` when the page of LIMIT is full."""
    results = []
    for obj in rows:
        title, detail = pick_label(obj)
        results.append({"value": value_of(obj), "text": title, "sub": detail})
    return JsonResponse({"results": results, "more": len(rows) == LIMIT})


class PickView(LoginRequiredMixin, View):
    """The options of one form field for the user, searched: {"results": [{value, text, sub}]}."""

    def get(self, request: HttpRequest, model: str, field: str) -> JsonResponse:
        try:
            form_model = apps.get_model(model)
        except (LookupError, ValueError):
            raise Http404("没有这种记录") from None
        entity = entity_for(form_model)
        if entity is None:
            raise Http404("没有这种记录")
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
        return answer(list((queryset.select_related(*select) if select else queryset)[:LIMIT]), lambda o: str(o.pk))


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
        return answer(list(accounts[:LIMIT]), lambda account: account.username)
