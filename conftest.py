"""Suite-wide test settings. Hypothesis runs without per-example deadlines: timing limits on a
shared 2-core machine make tests flaky, and speed is measured by `make bench`, not by tests."""

from hypothesis import settings

settings.register_profile("changai", deadline=None, print_blob=True)
settings.load_profile("changai")


import pytest  # noqa: E402


@pytest.fixture(scope="module")
def demo_district(django_db_setup, django_db_blocker):
    """The demo district (load_demo with 20 people), shared by a module's tests and removed after
    them, so that no other test sees it. Tests using it must not write (or must tolerate others'
    writes within the module)."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("load_demo", people=20, stdout=open("/dev/null", "w"))  # noqa: SIM115
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)
        ContentType.objects.clear_cache()
