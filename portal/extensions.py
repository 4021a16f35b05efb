"""The PostgreSQL extensions search needs (contrib's `unaccent` and `pg_trgm`), and `portal_fold`.

Migrations call `require_extensions`: on a server without contrib it stops
`migrate` with one line naming the package to install.
"""

from django.core.management.base import CommandError

EXTENSIONS = ("unaccent", "pg_trgm")

# lower(unaccent(text)) with a plain final sigma: the SQL twin of portal.search.normalize.
# unaccent() is only STABLE (it reads a dictionary); naming the dictionary makes this
# wrapper safe to declare IMMUTABLE, so expression indexes may use it.
FOLD_FUNCTION = """
CREATE OR REPLACE FUNCTION portal_fold(text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT replace(lower(public.unaccent('public.unaccent'::regdictionary, $1)), 'ς', 'σ') $$;
"""


def missing_message(missing: list[str], server_major: int) -> str:
    """The one line migrate prints when contrib is not installed on the server."""
    names = ", ".join(missing)
    return (
        f"Λείπουν οι επεκτάσεις PostgreSQL {names}: εγκαταστήστε στον διακομιστή το πακέτο "
        f"postgresql-contrib (RPM: postgresql{server_major}-contrib) / "
        f"Missing PostgreSQL extensions {names}: install the postgresql-contrib package "
        f"(RPM: postgresql{server_major}-contrib) on the database server."
    )


def require_extensions(apps, schema_editor) -> None:
    """Create the extensions and portal_fold, or stop with a clear line when contrib is absent."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM pg_available_extensions WHERE name = ANY(%s)", [list(EXTENSIONS)]
        )
        available = {row[0] for row in cursor.fetchall()}
        missing = [name for name in EXTENSIONS if name not in available]
        if missing:
            major = schema_editor.connection.pg_version // 10000
            raise CommandError(missing_message(missing, major))
        for name in EXTENSIONS:
            cursor.execute(f"CREATE EXTENSION IF NOT EXISTS {name} SCHEMA public")
        cursor.execute(FOLD_FUNCTION)
