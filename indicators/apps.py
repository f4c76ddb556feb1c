from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = "指标看板"

    def ready(self) -> None:
        from indicators import menu  # noqa: F401
