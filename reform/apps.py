from django.apps import AppConfig


class ReformConfig(AppConfig):
    name = "reform"
    verbose_name = "一体化推进"

    def ready(self) -> None:
        from reform import menu, todos  # noqa: F401
