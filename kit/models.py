"""The models of the `kit` app, gathered for Django (which loads `<app>.models`) and for the
domain's convenience. Nothing inside kit imports this module: kit code imports the module that
defines what it needs (`kit.db`, `kit.audit.models`, `kit.jobs.models`, `kit.scoring.models`)."""

from kit.audit.models import AuditEntry
from kit.db import KIT_ACTIONS, BaseModel, LiveManager, ScopedManager, ScopedQuerySet, SoftDeleteModel, perm_name
from kit.jobs.models import Job
from kit.scoring.models import Criterion, RoundScorer, RoundSubject, Score, ScoreSheet, ScoringRound
from kit.sequences import Sequence

__all__ = [
    "KIT_ACTIONS",
    "AuditEntry",
    "BaseModel",
    "Criterion",
    "Job",
    "LiveManager",
    "RoundScorer",
    "RoundSubject",
    "ScopedManager",
    "ScopedQuerySet",
    "Score",
    "ScoreSheet",
    "ScoringRound",
    "Sequence",
    "SoftDeleteModel",
    "perm_name",
]
