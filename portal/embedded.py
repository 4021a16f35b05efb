"""The embedded PostgreSQL used when DATABASE_URL is not set.

pgserver ships a PostgreSQL 16 build as a wheel, so a fresh clone needs no
database server. Every process that opens the data directory holds a handle;
the server stops when the last process holding one exits.
"""

import warnings
from pathlib import Path

DATABASE_NAME = "diafaneia"


def database_url(data_dir: Path) -> str:
    """Start (or attach to) the embedded server in data_dir and return its URL."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (CI, root shells); harmless here.
        warnings.simplefilter("ignore")
        import pgserver

        server = pgserver.get_server(data_dir, cleanup_mode="stop")

    query = f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE_NAME}';"  # noqa: S608 - a constant
    exists = server.psql(query)
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {DATABASE_NAME};")
    return server.get_uri(DATABASE_NAME)


def describe(url: str, *, embedded: bool) -> str:
    """Say which database a URL points at, without its credentials."""
    where = url.split("@")[-1]
    if embedded:
        return f"embedded PostgreSQL (pgserver, data in var/pgdata): {where}"
    return f"DATABASE_URL: {where}"
