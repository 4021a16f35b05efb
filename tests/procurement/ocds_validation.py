"""Validate OCDS packages against the vendored official 1.1.5 schema (Draft 4).

`uri` is checked by jsonschema's own checker, which needs `rfc3987` (a dev
dependency): an IRI with raw Greek letters fails, as it does in libcoveocds.
"""

import json
from datetime import datetime
from functools import cache
from pathlib import Path

import rfc3987
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SCHEMA_DIR = Path(__file__).parent / "ocds_schema"
RELEASE_SCHEMA = Path(__file__).parents[2] / "procurement" / "ocds_schema" / "release-schema.json"

format_checker = FormatChecker()


@format_checker.checks("date-time", raises=ValueError)
def _date_time(value) -> bool:
    if not isinstance(value, str):
        return True
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return "T" in value and parsed.tzinfo is not None


@format_checker.checks("uri", raises=ValueError)
def _uri(value) -> bool:
    """A URI by RFC 3986 (rfc3987's grammar), and an absolute http(s) one."""
    if not isinstance(value, str):
        return True
    parts = rfc3987.parse(value, rule="URI")
    return parts["scheme"] in ("http", "https") and bool(parts["authority"])


def _load(name: str) -> dict:
    path = RELEASE_SCHEMA if name == "release-schema.json" else SCHEMA_DIR / name
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _registry() -> Registry:
    resources = []
    for name in (
        "release-schema.json",
        "release-package-schema.json",
        "record-package-schema.json",
    ):
        schema = _load(name)
        resources.append(
            (schema["id"], Resource.from_contents(schema, default_specification=DRAFT4))
        )
    return Registry().with_resources(resources)


def _errors(schema_name: str, package: dict) -> list[str]:
    schema = _load(schema_name)
    validator = Draft4Validator(schema, registry=_registry(), format_checker=format_checker)
    return [
        f"{'/'.join(str(p) for p in error.absolute_path)}: {error.message}"
        for error in validator.iter_errors(package)
    ]


def release_package_errors(package: dict) -> list[str]:
    return _errors("release-package-schema.json", package)


def record_package_errors(package: dict) -> list[str]:
    return _errors("record-package-schema.json", package)
