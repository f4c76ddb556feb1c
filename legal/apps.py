from django.apps import AppConfig


class LegalConfig(AppConfig):
    name = "legal"
    verbose_name = "法律援助"

    def ready(self) -> None:
        from legal import menu, todos  # noqa: F401
