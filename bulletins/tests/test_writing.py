"""Templates bind figures to indicators by name or code; unknown names are refused with the list of
valid ones; a paragraph is split into its heading runs the way GB/T 9704 sets them."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from bulletins import writing
from bulletins.tests import factories as bf
from core.models import Org

pytestmark = pytest.mark.django_db


def test_a_template_with_an_unknown_indicator_is_refused_with_the_valid_names() -> None:
    org = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="W0"))
    with pytest.raises(ValidationError) as err:
        bf.template(org, body="开展宣讲{{ 宣讲次数 }}场，{{ 宣讲场次|万万 }}。")
    text = str(err.value.message_dict["body"])
    assert "没有这些指标：宣讲次数" in text and "可用的指标：" in text and "宣讲场次" in text
    assert "格式“万万”不可用" in text
    assert bf.template(org, body="{{ guidance.lectures }}场、{{ 宣讲场次|多 }}").pk


def test_placeholders_fill_and_fix() -> None:
    figures = {"宣讲场次": {"text": "237"}, "参与职工、师生|万余": {"text": "2万余"}}
    text = "宣讲{{ 宣讲场次 }}场，{{参与职工、师生|万余}}名，{{ 未计算 }}。"
    assert writing.fill(text, figures) == "宣讲237场，2万余名，【未计算】。"
    assert writing.fix(text, figures, "宣讲场次") == "宣讲237场，{{参与职工、师生|万余}}名，{{ 未计算 }}。"
    assert writing.fix(text, figures) == "宣讲237场，2万余名，{{ 未计算 }}。"


def test_headings_are_found_in_plain_text() -> None:
    runs = writing.runs("一、聚焦思想引领，培养队伍。一是探索路径。制定意见，二是不作标题。二是构建体系。围绕主业。")
    assert runs == [
        ("一、聚焦思想引领，培养队伍。", "h1"),
        ("一是探索路径。", "h2"),
        ("制定意见，二是不作标题。", "body"),
        ("二是构建体系。", "h2"),
        ("围绕主业。", "body"),
    ]
    assert writing.runs("栖霞区认真落实要求。") == [("栖霞区认真落实要求。", "body")]
