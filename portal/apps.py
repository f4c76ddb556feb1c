from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "职工服务"

    def ready(self) -> None:
        from portal import menu, todos  # noqa: F401
