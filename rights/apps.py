from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "rights"
    verbose_name = "维权服务"

    def ready(self) -> None:
        from rights import menu, todos  # noqa: F401
