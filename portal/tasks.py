"""The portal's periodic work: remind the unions of membership applications due next working day."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from portal import services


@db_periodic_task(crontab(hour="8", minute="30"))
def remind_membership() -> None:
    services.remind_due()
