"""Job files hold full ID numbers and phones: on disk they are ciphertext (AES-GCM or SM4-GCM with
the PII keys), the application reads them back, a tampered file is refused, a file written before
encryption is still read, and the nightly sweep deletes them after the retention period."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import override_settings
from django.utils import timezone

from core.models import User
from kit.files.storage import PrivateStorage
from kit.jobs import runner
from kit.jobs.models import Job
from kit.pii import PiiDecryptError, decrypt_bytes, encrypt_bytes

pytestmark = pytest.mark.django_db
SECRET = b"320113198001011234,13812345678"


@pytest.fixture
def media(tmp_path: Path) -> Any:
    with override_settings(MEDIA_ROOT=tmp_path):
        yield tmp_path


def test_a_job_file_is_ciphertext_on_disk_and_plaintext_to_the_application(media: Path) -> None:
    owner = User.objects.create_user(username="u", password="x")
    job = Job.objects.create(kind="import", title="导入", owner=owner)
    job.input_file.save("import.xlsx", ContentFile(SECRET))
    on_disk = (media / job.input_file.name).read_bytes()
    assert SECRET not in on_disk and b"13812345678" not in on_disk
    with job.input_file.open("rb") as handle:
        assert handle.read() == SECRET


@override_settings(PII_CIPHER="sm4")
def test_the_national_cipher_too() -> None:
    blob = encrypt_bytes(SECRET)
    assert blob[5:6] == b"s" and decrypt_bytes(blob) == SECRET


def test_a_tampered_or_truncated_file_is_refused() -> None:
    blob = bytearray(encrypt_bytes(SECRET))
    blob[-1] ^= 1
    with pytest.raises(PiiDecryptError):
        decrypt_bytes(bytes(blob))
    with pytest.raises(PiiDecryptError):
        decrypt_bytes(bytes(blob[:20]))


def test_a_file_from_before_encryption_is_still_read(media: Path) -> None:
    (media / "jobs").mkdir()
    (media / "jobs" / "old.xlsx").write_bytes(SECRET)
    assert PrivateStorage().open("jobs/old.xlsx").read() == SECRET


def test_the_sweep_deletes_files_of_jobs_finished_before_the_retention(media: Path) -> None:
    owner = User.objects.create_user(username="u", password="x")
    now = timezone.now()
    old = Job.objects.create(kind="import", title="旧", owner=owner, status="done", finished_at=now - timedelta(8))
    young = Job.objects.create(kind="import", title="新", owner=owner, status="done", finished_at=now - timedelta(6))
    for job in (old, young):
        job.input_file.save("in.xlsx", ContentFile(SECRET))
        job.output_file.save("report.xlsx", ContentFile(SECRET))
    old_names = [old.input_file.name, old.output_file.name]
    assert runner.sweep_files(now) == 2
    assert not any((media / name).exists() for name in old_names)
    old.refresh_from_db()
    young.refresh_from_db()
    assert not old.input_file and not old.output_file and old.title == "旧"
    assert (media / young.input_file.name).exists()
    assert settings.FILE_RETENTION_DAYS == 7
