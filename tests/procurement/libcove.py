"""Run the Open Contracting Partnership's validator (libcoveocds) offline.

libcoveocds reads the standard's `schema/` folder from a ZIP of the standard
repository, which it downloads unless `standard_zip` names one (a `file://`
address or the bytes of a ZIP). The ZIP is built here, in memory, from the
vendored 1.1.5 files: the release schema in `procurement/ocds_schema/`, the
package, versioned-release and codelist files in `tests/procurement/ocds_schema/`.

One file is still fetched over HTTP: for a record package libcoveocds
dereferences (with jsonref, which takes no local store from it) the package
schema's `$ref` to the standard's versioned-release schema. `offline_standard`
answers those requests from the same vendored files, as the standard's site
would, and fails the test on any other request.
"""

import io
import zipfile
from functools import cache
from typing import Any

import requests
from libcoveocds.api import ocds_json_output
from libcoveocds.config import LibCoveOCDSConfig

from tests.procurement.ocds_validation import RELEASE_SCHEMA, SCHEMA_DIR

STANDARD_TAG = "1__1__5"
STANDARD_SCHEMA_URL = f"https://standard.open-contracting.org/schema/{STANDARD_TAG}/"
PACKAGE_FILES = (
    "release-package-schema.json",
    "record-package-schema.json",
    "versioned-release-validation-schema.json",
)


@cache
def standard_zip() -> bytes:
    """The standard's `schema/` folder as libcoveocds expects it, from the vendored files."""
    buffer = io.BytesIO()
    schema = f"standard-{STANDARD_TAG}/schema/"
    with zipfile.ZipFile(buffer, "w") as archive:
        # ProfileBuilder strips the first name (the repository's folder) from every path.
        archive.writestr(f"standard-{STANDARD_TAG}/", "")
        archive.write(RELEASE_SCHEMA, schema + "release-schema.json")
        for name in PACKAGE_FILES:
            archive.write(SCHEMA_DIR / name, schema + name)
        for codelist in sorted((SCHEMA_DIR / "codelists").glob("*.csv")):
            archive.write(codelist, f"{schema}codelists/{codelist.name}")
    return buffer.getvalue()


def cove(package: dict[str, Any]) -> dict[str, Any]:
    """libcoveocds' report on a release or record package (its API context)."""
    config = LibCoveOCDSConfig({"standard_zip": standard_zip(), "context": "api"})
    return ocds_json_output(json_data=package, lib_cove_ocds_config=config)


def _standard_file(name: str) -> bytes:
    path = RELEASE_SCHEMA if name == "release-schema.json" else SCHEMA_DIR / name
    return path.read_bytes()


def offline_standard(monkeypatch) -> None:
    """Serve the standard's schema URLs from the vendored files; refuse any other request."""

    def send(adapter, request, **kwargs):
        name = (request.url or "").removeprefix(STANDARD_SCHEMA_URL)
        if name == request.url or name not in ("release-schema.json", *PACKAGE_FILES):
            raise AssertionError(f"libcoveocds tried to reach the network: {request.url}")
        response = requests.Response()
        response.status_code = 200
        response.url = request.url
        response.request = request
        response.headers["Content-Type"] = "application/json"
        response._content = _standard_file(name)
        return response

    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", send)
