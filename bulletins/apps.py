from django.apps import AppConfig


class BulletinsConfig(AppConfig):
    name = "bulletins"
    verbose_name = "专报"

    def ready(self) -> None:
        from bulletins import (
            menu,  # noqa: F401
            services,  # noqa: F401 — registers the "bulletins.render" job, in web and worker alike
            todos,  # noqa: F401
        )
