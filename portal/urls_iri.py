"""URLs as URIs: every address the portal publishes is percent-encoded.

Stored addresses may be IRIs (a Diavgeia link such as
`https://diavgeia.gov.gr/doc/0003ΩΡΙ-ΕΣΕ`); OCDS, DCAT, feeds and open data
promise `format: uri`, which allows only ASCII. Django's `iri_to_uri`
(RFC 3987 §3.1) encodes what needs it and leaves an encoded URI unchanged.
"""

from django.utils.encoding import iri_to_uri

__all__ = ["absolute_uri", "iri_to_uri"]


def absolute_uri(base_url: str, path: str) -> str:
    """Return `path` (a site path or an absolute address) as an absolute URI on `base_url`."""
    if "://" not in path:
        path = base_url.rstrip("/") + "/" + path.lstrip("/")
    return iri_to_uri(path)
