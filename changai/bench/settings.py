"""Settings of `make bench`: the product's own, plus Django's admin — the baseline a team would
otherwise ship — on its own URL, and no second factor for the bench's accounts."""

from changai.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "django.contrib.admin"]  # noqa: F405
ROOT_URLCONF = "changai.bench.urls"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
OTP_REQUIRED = False
DEBUG = False
PASSWORD_MAX_DAYS = 0
