"""Number formats for zh-hans as our users read figures: thousands separated by commas in groups of
three (24,862). Django's own zh_Hans locale leaves the separator empty. Only explicit grouping
(`intcomma`, `floatformat:"g"`) uses it — USE_THOUSAND_SEPARATOR stays off, so forms, exports and
the API keep plain numbers."""

from django.conf.locale.zh_Hans.formats import *  # noqa: F403

THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
