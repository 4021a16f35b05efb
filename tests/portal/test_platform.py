"""The platform: PostgreSQL's contrib extensions, the embedded server's data, the browser."""

import pytest
from django.core.management.base import CommandError
from django.db import connection

from portal import embedded, extensions
from tests.browser import chromium


@pytest.mark.django_db
def test_the_database_has_unaccent_and_pg_trgm():
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension")
        names = {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT portal_fold('Καθαριότητας ΘΕΣΣΑΛΟΝΊΚΗΣ')")
        folded = cursor.fetchone()[0]

    assert {"unaccent", "pg_trgm"} <= names
    assert folded == "καθαριοτητασ θεσσαλονικησ"


class _ServerWithoutContrib:
    """A stand-in for a PostgreSQL 17 server whose contrib package is not installed."""

    pg_version = 170004
    executed: list[str]

    def __init__(self):
        self.executed = []

    def cursor(self):
        return self

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def execute(self, sql, params=None):
        self.executed.append(sql)

    def fetchall(self):
        return []  # pg_available_extensions lists neither extension


def test_migrate_stops_with_one_line_naming_the_package_without_contrib():
    server = _ServerWithoutContrib()
    schema_editor = type("SchemaEditor", (), {"connection": server})()

    with pytest.raises(CommandError) as raised:
        extensions.require_extensions(None, schema_editor)

    message = str(raised.value)
    assert "\n" not in message
    assert "postgresql-contrib" in message
    assert "postgresql17-contrib" in message
    assert "unaccent, pg_trgm" in message
    assert "Λείπουν" in message and "Missing" in message
    assert not any("CREATE" in sql for sql in server.executed)


def test_a_postgresql_16_data_directory_is_refused_with_what_to_do(tmp_path):
    (tmp_path / "PG_VERSION").write_text("16\n")

    with pytest.raises(SystemExit) as raised:
        embedded.check_data_version(tmp_path)

    assert "PostgreSQL 16" in str(raised.value)
    assert "pg_upgrade" in str(raised.value)
    assert "make reset-db" in str(raised.value)


def test_a_postgresql_18_or_new_data_directory_is_accepted(tmp_path):
    embedded.check_data_version(tmp_path)
    (tmp_path / "PG_VERSION").write_text("18\n")
    embedded.check_data_version(tmp_path)


def test_no_browser_anywhere_fails_with_one_line_saying_what_to_run(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(chromium, "DEBIAN_CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.setattr(chromium, "playwright_chromium", lambda: None)

    assert chromium.main([]) == 1

    error = capsys.readouterr().err.strip()
    assert "\n" not in error
    assert "apt-get install chromium" in error
    assert "playwright install" in error


def test_the_browser_tests_find_a_chromium_here():
    found = chromium.locate()

    assert found is not None and found.exists()
