from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "guidance"
    verbose_name = "思想引领"

    def ready(self) -> None:
        from guidance import menu, todos  # noqa: F401
