"""Scoring sheets (评分表) and rounds shared by every evaluation: `models`, `rules` (conflicts of
interest), `engine` (entering, locking, aggregating, ranking — re-exported here, so
`scoring.results(round)`), `entities` and `views` (the pages)."""

from kit.scoring.engine import *  # noqa: F403
from kit.scoring.engine import __all__  # noqa: F401
