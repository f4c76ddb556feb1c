from django.apps import AppConfig


class MeritConfig(AppConfig):
    name = "merit"
    verbose_name = "建功立业"

    def ready(self) -> None:
        from merit import menu  # noqa: F401
