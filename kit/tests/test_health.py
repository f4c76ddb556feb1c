"""/healthz: 200 when the database and a real queue round trip work, 503 when either fails."""

from __future__ import annotations

import threading

import pytest
from huey import SqliteHuey
from huey.contrib import djhuey

from kit import health


@pytest.fixture
def sqlite_queue(tmp_path, monkeypatch):
    """Point the project's Huey at a real SQLite storage file, as in production."""
    huey = djhuey.HUEY
    monkeypatch.setattr(huey, "_immediate", False)
    real = SqliteHuey("health-test", filename=str(tmp_path / "huey.sqlite3"))
    monkeypatch.setattr(huey, "storage", real.storage)
    return huey


@pytest.mark.django_db
def test_it_answers_200_when_the_worker_runs(client, sqlite_queue):
    stop = threading.Event()

    def worker():  # what a consumer worker does: take a task from storage, run it, store the result
        while not stop.is_set():
            task = sqlite_queue.dequeue()
            if task is None:
                stop.wait(0.02)
            else:
                sqlite_queue.execute(task)

    thread = threading.Thread(target=worker, daemon=True)
    thread.start()
    try:
        response = client.get("/healthz")
    finally:
        stop.set()
        thread.join(5)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] and body["checks"]["queue"]["ok"]


@pytest.mark.django_db
def test_it_answers_503_when_no_worker_takes_the_task(client, sqlite_queue, settings):
    settings.HEALTH_QUEUE_TIMEOUT = 0.3
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["queue"] == {"ok": False, "error": "ResultTimeout"}


@pytest.mark.django_db
def test_it_answers_503_when_the_queue_storage_is_unreachable(client, monkeypatch, tmp_path):
    huey = djhuey.HUEY
    monkeypatch.setattr(huey, "_immediate", False)
    blocked = tmp_path / "not-a-dir"
    blocked.write_text("a file where the storage directory should be")
    broken = SqliteHuey("unreachable", filename=str(tmp_path / "huey.sqlite3"))
    broken.storage.close()
    broken.storage.filename = str(blocked / "huey.sqlite3")  # its directory is now a plain file
    monkeypatch.setattr(huey, "storage", broken.storage)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["queue"]["ok"] is False
    assert response.json()["checks"]["database"]["ok"] is True


@pytest.mark.django_db
def test_it_answers_503_when_the_database_is_down(client, monkeypatch):
    def down():
        return {"ok": False, "error": "OperationalError"}

    monkeypatch.setattr(health, "check_database", down)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "fail"


@pytest.mark.django_db
def test_it_needs_no_login_and_reveals_only_statuses(client):
    response = client.get("/healthz")
    assert response.status_code == 200  # immediate mode in tests: the task runs inline
    assert set(response.json()) == {"status", "checks"}
