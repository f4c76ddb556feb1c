"""Suite-wide test settings. Hypothesis runs without per-example deadlines: timing limits on a
shared 2-core machine make tests flaky, and speed is measured by `make bench`, not by tests."""

from hypothesis import settings

settings.register_profile("changai", deadline=None, print_blob=True)
settings.load_profile("changai")
