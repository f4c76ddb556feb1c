"""Settings for the test suite: the ordinary settings with test mode and inline tasks switched on.
(Environment variables are set here, before settings.py reads them.)"""

import os

os.environ.setdefault("CHANGAI_TESTING", "1")
os.environ.setdefault("CHANGAI_HUEY_IMMEDIATE", "1")

from changai.settings import *  # noqa: F403
