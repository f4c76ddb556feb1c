from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "基础"

    def ready(self) -> None:
        from core import menu, signals  # noqa: F401  (menu registration, log-in audit)
