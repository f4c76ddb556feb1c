from typing import Any

from django import template

from skills.selectors import pilot_summary

register = template.Library()


@register.simple_tag
def pilot_results(pilot: Any) -> dict[str, Any]:
    return pilot_summary(pilot)
