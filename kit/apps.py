from django.apps import AppConfig


class KitConfig(AppConfig):
    name = "kit"
    verbose_name = "通用机制"

    def ready(self) -> None:
        from kit import menu, todos
        from kit.excel import (  # noqa: F401 — register the "import" and "export" job handlers, in web and worker alike
            export_job,
            jobs,
        )
        from kit.scoring.engine import takes_part

        todos.register(todos.ScoringTodo(), todos.JobTodo())
        menu.register(
            "scoring",
            "评审打分",
            icon="ti-checklist",
            order=95,
            items=[
                menu.MenuItem("我的评审", "scoring:scoring_home", when=takes_part()),
                menu.MenuItem("评分表", "kit_scoring:scoresheet_list", perm="kit.view_scoresheet"),
                menu.MenuItem("评分指标", "kit_scoring:criterion_list", perm="kit.view_criterion"),
                menu.MenuItem("评审轮次", "kit_scoring:scoringround_list", perm="kit.view_scoringround"),
                menu.MenuItem("参评对象", "kit_scoring:roundsubject_list", perm="kit.view_roundsubject"),
                menu.MenuItem("评分人", "kit_scoring:roundscorer_list", perm="kit.view_roundscorer"),
            ],
        )
