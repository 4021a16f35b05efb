"""The GSIS stand-in is a local tool: production settings neither mount nor accept it."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
LOCAL_ONLY = {"SECRET_KEY", "DEBUG", "HTTPS", "ALLOWED_HOSTS", "GSIS_STANDIN", "GSIS_BASE_URL"}
PRODUCTION = {
    "SECRET_KEY": "x" * 20 + "production-grade-secret-key-with-entropy-4f8a9c2e7b",
    "ALLOWED_HOSTS": "diafaneia.thessaloniki.gr",
    "DEBUG": "0",
}


def _run(code: list[str], **overrides):
    env = {key: value for key, value in os.environ.items() if key not in LOCAL_ONLY}
    env.update(DATABASE_URL=settings.DATABASE_URL, **PRODUCTION)
    env.update(overrides)
    return subprocess.run(
        [sys.executable, *code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def test_the_stand_in_is_absent_from_production_settings():
    result = _run(
        [
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'portal.settings'; "
            "django.setup(); from django.conf import settings; from django.urls import resolve, "
            "Resolver404\n"
            "try:\n    resolve('/gsis-standin/oauth2server/oauth/authorize')\n"
            "except Resolver404:\n    print('absent', settings.GSIS_STANDIN)\n"
            "else:\n    print('mounted')",
        ]
    )
    assert result.stdout.split() == ["absent", "False"], result.stderr


def test_production_refuses_to_start_with_the_stand_in_on():
    result = _run(["-c", "import portal.settings"], GSIS_STANDIN="1")
    assert result.returncode != 0
    assert "GSIS_STANDIN is for local runs only" in result.stderr


def test_check_deploy_fails_while_the_stand_in_is_on():
    # The settings of `make run` (DEBUG off, plain HTTP): the stand-in is allowed to start.
    result = _run(["manage.py", "check", "--deploy"], GSIS_STANDIN="1", HTTPS="0")
    assert result.returncode != 0
    assert "accounts.E001" in result.stdout + result.stderr
    without = _run(["manage.py", "check", "--deploy"], HTTPS="0")
    assert "accounts.E001" not in without.stdout + without.stderr


def test_production_refuses_to_start_without_the_afm_keys():
    result = _run(["-c", "import portal.settings"], CITIZEN_AFM_HASH_KEY="")
    assert result.returncode != 0
    assert "CITIZEN_AFM_HASH_KEY and CITIZEN_AFM_KEY must be set" in result.stderr


def test_the_local_run_mounts_the_stand_in(client, db):
    # make run and make test turn it on (the Makefile's LOCAL_ENV).
    response = client.get(
        "/gsis-standin/oauth2server/oauth/authorize",
        {"response_type": "code", "client_id": settings.GSIS_CLIENT_ID, "redirect_uri": "/x"},
    )
    assert response.status_code == 200
    assert "τοπική προσομοίωση" in response.content.decode()
