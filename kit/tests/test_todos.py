"""工作台 to-dos (`kit.todos`): every declared one links to a list that shows exactly what it counts."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Permission
from django.urls import resolve

from kit import menu, todos
from kit.entity import entity_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _entities_declared():
    from django.urls import get_resolver

    get_resolver().url_patterns


def status_todos() -> list[todos.ListTodo]:
    return [t for t in todos.registered() if isinstance(t, todos.ListTodo)]


def test_every_programme_declares_its_to_dos():
    models = {t.model_label.split(".")[0] for t in status_todos()}
    assert {"reform", "rights", "legal", "bulletins", "portal", "skills", "guidance"} <= models
    assert any(isinstance(t, todos.ScoringTodo) for t in todos.registered())
    assert any(isinstance(t, todos.JobTodo) for t in todos.registered())


@pytest.mark.parametrize("todo", status_todos(), ids=lambda t: f"{t.model_label}:{t.query()}")
def test_a_list_to_do_links_to_its_entitys_list_filtered_by_valid_conditions(todo, rf, django_user_model):
    model = todo.model
    if "status" in todo.query():
        assert todo.query()["status"] in dict(model._meta.get_field("status").choices), "no such status"
    entity = entity_for(model)
    assert entity is not None and entity.filterset is not None
    url = todo.url()
    path, query = urlsplit(url).path, parse_qs(urlsplit(url).query)
    assert resolve(path).url_name.endswith("_list")
    user = django_user_model.objects.create_superuser("root", password="Aa345678!x")
    request = rf.get(url)
    request.user = user
    fs = entity.filterset({k: v[0] for k, v in query.items()}, queryset=model._default_manager.all(), request=request)
    assert fs.is_valid(), fs.errors  # an unknown filter would make the list empty, not filtered
    # the permission named exists, or the to-do could never show
    app, name = todo.model_label.split(".")
    assert Permission.objects.filter(content_type__app_label=app, codename=f"{todo.action}_{name.lower()}").exists()


def test_a_user_without_the_permission_gets_no_line_and_the_groups_follow_the_menu(django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="Aa345678!x")
    assert todos.for_user(nobody) == []
    assert todos.for_user(None) == []
    groups = [label for label, _ in menu.all_entries()]
    assert "法律援助" in groups  # the grouping reads the menu's labels


def test_a_role_sees_only_the_programmes_it_works_in(django_user_model):
    from core.models import Role

    role = Role.objects.create(name="援助", code="legal_only", data_scope="all")
    role.permissions.set(Permission.objects.filter(content_type__app_label="legal", codename__startswith="view_"))
    user = django_user_model.objects.create_user("legal", password="Aa345678!x")
    user.roles.set([role])
    user = django_user_model.objects.get(pk=user.pk)
    labels = [g["label"] for g in menu.for_user(user)]
    assert "法律援助" in labels and "首页" in labels and "指标看板" in labels
    assert "一体化推进" not in labels and "建功立业" not in labels  # only a 概览 there: nothing to open
    legal = next(g for g in menu.for_user(user) if g["label"] == "法律援助")
    assert legal["items"][0]["label"] == "概览"  # the overview still shows beside the lists


def test_a_judge_without_any_list_sees_his_scoring(django_user_model):
    from core.models import Org
    from kit.scoring.models import Criterion, RoundScorer, ScoreSheet, ScoringRound

    org = Org.objects.add_root(instance=Org(name="区总工会", kind="federation", code="Z0"))
    sheet = ScoreSheet.objects.create(name="竞赛评分表")
    Criterion.objects.create(sheet=sheet, name="实操", code="P", max_score=100)
    rnd = ScoringRound.objects.create(sheet=sheet, title="车工决赛", purpose="competition", org=org)
    judge = django_user_model.objects.create_user("judge", password="Aa345678!x")
    assert "建功立业" not in [g["label"] for g in menu.for_user(judge)]
    RoundScorer.objects.create(round=rnd, user=judge)
    judge = django_user_model.objects.get(pk=judge.pk)
    merit = next(g for g in menu.for_user(judge) if g["label"] == "建功立业")
    assert [i["label"] for i in merit["items"]] == ["概览", "裁判评分"]
    assert "评审打分" in [g["label"] for g in menu.for_user(judge)]


def test_my_failed_and_finished_jobs_wait_on_the_workbench_and_list_on_my_jobs_page(client, django_user_model):
    from django.urls import reverse

    from kit.jobs.models import Job

    me = django_user_model.objects.create_user("me", password="Aa345678!x")
    other = django_user_model.objects.create_user("other", password="Aa345678!x")
    Job.objects.create(kind="import", title="导入职工：坏文件.xlsx", owner=me, status=Job.Status.FAILED)
    Job.objects.create(kind="import", title="导入职工：好文件.xlsx", owner=me, status=Job.Status.DONE)
    Job.objects.create(kind="import", title="导入职工：别人的.xlsx", owner=other, status=Job.Status.FAILED)
    lines = {i.label: i for i in todos.for_user(me)}
    assert lines["失败的后台任务（近7天）"].count == 1 and lines["失败的后台任务（近7天）"].level == "danger"
    assert lines["已完成的后台任务（近7天）"].count == 1
    client.force_login(me)
    page = client.get(lines["失败的后台任务（近7天）"].url).text
    assert "坏文件" in page and "好文件" not in page and "别人的" not in page
    everything = client.get(reverse("kit:job_list")).text
    assert "坏文件" in everything and "好文件" in everything and "别人的" not in everything
    assert "bg-red-lt" in everything  # the failed one is a red tag
