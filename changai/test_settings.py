"""Settings for the test suite: the ordinary settings with test mode and inline tasks switched on.
(Environment variables are set here, before settings.py reads them.)"""

import os

os.environ.setdefault("CHANGAI_TESTING", "1")
os.environ.setdefault("CHANGAI_HUEY_IMMEDIATE", "1")

from changai.settings import *  # noqa: F403

# SQLite tests run on a file (WAL, busy timeout) like the real default, not on shared-cache memory:
# concurrency tests (votes, sign-ups) need real locking, which shared-cache memory databases lack.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # one file per test process, so two runs on one machine never share (or corrupt) a database
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / f"test-{os.getpid()}.sqlite3")}  # noqa: F405

# uploads made by tests (case files, attachments) go to a throw-away folder, not var/media
import tempfile
from pathlib import Path

MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="changai-test-media-"))

# the audit anchors of one test would be read by the next (another database): off unless a test
# turns them on with its own file (kit/tests/test_audit.py)
AUDIT_ANCHOR_FILE = None

# the demo accounts keep their printed password in tests (a test turns the forced change on)
DEMO_FORCE_PASSWORD_CHANGE = False

# the second factor: off for the suite (tests log in with force_login); kit/core tests turn it on
OTP_REQUIRED = False
