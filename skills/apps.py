from django.apps import AppConfig


class SkillsConfig(AppConfig):
    name = "skills"
    verbose_name = "技能提升"

    def ready(self) -> None:
        from skills import menu, todos  # noqa: F401
