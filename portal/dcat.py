"""Machine-readable descriptions of the open data: DCAT-AP and Frictionless.

`catalogue()` is the DCAT-AP 2 catalogue in JSON-LD that data.gov.gr and
data.europa.eu harvest (titles and descriptions in Greek and English, the
publisher, CC BY 4.0, distributions with EU file types and IANA media types,
EU frequency codes, temporal coverage). `datapackage()` is the Frictionless
tabular data package of a dataset's CSV: every column with its type and a
description in both languages, the licence and the primary key.
Every address is absolute and percent-encoded.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from portal.catalogue import LICENCE_URI, Dataset, Distribution, all_datasets
from portal.municipality import municipality
from portal.urls_iri import absolute_uri

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
EU = "http://publications.europa.eu/resource/authority/"
FILE_TYPES = {"text/csv": "CSV", "application/json": "JSON", "application/ld+json": "JSON_LD"}
LANGUAGES = ("el", "en")


def _in(language: str, value) -> str:
    """Return a lazily translated text (or a callable making one) in `language`."""
    with translation.override(language):
        return str(value() if callable(value) else value)


def _texts(value) -> list[dict]:
    """Return a text in Greek and English as JSON-LD language values (one if they agree)."""
    texts = {language: _in(language, value) for language in LANGUAGES}
    if texts["en"] == texts["el"]:
        return [{"@value": texts["el"], "@language": "el"}]
    return [{"@value": text, "@language": language} for language, text in texts.items()]


def _date(value) -> dict:
    return {"@value": value.isoformat(), "@type": "xsd:date"}


class _Describer:
    def __init__(self, base_url: str):
        self.base_url = base_url

    def uri(self, path: str) -> str:
        return absolute_uri(self.base_url, path)

    def page(self) -> str:
        with translation.override(settings.LANGUAGE_CODE):
            return self.uri(reverse("portal:data_catalogue"))

    def publisher(self) -> dict:
        return {
            "@id": self.uri("/"),
            "@type": "foaf:Agent",
            "foaf:name": _texts(municipality().name),
            "dct:type": {"@id": "http://purl.org/adms/publishertype/LocalAuthority"},
        }

    def distribution(self, dataset: Dataset, distribution: Distribution) -> dict:
        with translation.override(settings.LANGUAGE_CODE):
            url = self.uri(distribution.url)
            package = (
                self.uri(reverse("portal:datapackage", kwargs={"slug": dataset.slug}))
                if distribution.schema
                else ""
            )
        described = {
            "@id": f"{self.page()}#{dataset.slug}-{distribution.url_name.replace(':', '-')}",
            "@type": "dcat:Distribution",
            "dct:title": _texts(distribution.format),
            "dcat:accessURL": {"@id": url},
            "dcat:mediaType": {
                "@id": f"https://www.iana.org/assignments/media-types/{distribution.media_type}"
            },
            "dct:format": {"@id": EU + "file-type/" + FILE_TYPES[distribution.media_type]},
            "dct:license": {"@id": LICENCE_URI},
        }
        if not distribution.paged:
            described["dcat:downloadURL"] = {"@id": url}
        if distribution.conforms_to:
            described["dct:conformsTo"] = {"@id": distribution.conforms_to}
        if package:
            described["dct:conformsTo"] = {"@id": package}
        return described

    def dataset(self, dataset: Dataset) -> dict:
        described = {
            "@id": f"{self.page()}#dataset-{dataset.slug}",
            "@type": "dcat:Dataset",
            "dct:identifier": dataset.slug,
            "dct:title": _texts(dataset.title),
            "dct:description": _texts(dataset.description),
            "dct:publisher": self.publisher(),
            "dct:license": {"@id": LICENCE_URI},
            "dct:accessRights": {"@id": EU + "access-right/PUBLIC"},
            "dct:language": {"@id": EU + "language/ELL"},
            "dct:accrualPeriodicity": {"@id": dataset.frequency_uri},
            "dcat:keyword": [kw for word in dataset.keywords for kw in _texts(word)],
            "dcat:landingPage": {"@id": f"{self.page()}#dataset-{dataset.slug}"},
            "dcat:distribution": [self.distribution(dataset, d) for d in dataset.distributions],
        }
        coverage = dataset.coverage()
        if coverage:
            described["dct:temporal"] = {
                "@type": "dct:PeriodOfTime",
                "dcat:startDate": _date(coverage[0]),
                "dcat:endDate": _date(coverage[1]),
            }
        return described

    def catalogue(self) -> dict:
        return {
            "@context": CONTEXT,
            "@id": self.page(),
            "@type": "dcat:Catalog",
            "dct:title": _texts(
                lambda: _("Ανοικτά δεδομένα — %(name)s") % {"name": municipality().name}
            ),
            "dct:description": _texts(
                lambda: _(
                    "Τα σύνολα δεδομένων που δημοσιεύει η πύλη διαφάνειας του Δήμου, "
                    "ελεύθερα για κάθε χρήση με αναφορά της πηγής (ν. 4727/2020, άρθρα 59 επ.)."
                )
            ),
            "dct:publisher": self.publisher(),
            "dct:license": {"@id": LICENCE_URI},
            "dct:language": {"@id": EU + "language/ELL"},
            "foaf:homepage": {"@id": self.uri("/")},
            "dcat:dataset": [self.dataset(dataset) for dataset in all_datasets()],
        }


def catalogue(*, base_url: str) -> dict:
    """Return the DCAT-AP catalogue of every dataset, as JSON-LD."""
    return _Describer(base_url).catalogue()


def datapackage(dataset: Dataset, *, base_url: str) -> dict:
    """Return the Frictionless tabular data package of a dataset's CSV."""
    describer = _Describer(base_url)
    distribution = dataset.csv
    # The view serves a data package only for a dataset with a CSV, which has a schema.
    assert distribution is not None
    schema = distribution.table_schema
    assert schema is not None
    with translation.override(settings.LANGUAGE_CODE):
        path = describer.uri(distribution.url)
    fields = []
    for column in schema.columns:
        field = {
            "name": column.name,
            "type": column.type,
            "description": _in("el", column.description),
            "description_en": _in("en", column.description),
            **column.extra,
        }
        if column.constraints:
            field["constraints"] = column.constraints
        fields.append(field)
    return {
        "profile": "tabular-data-package",
        "name": dataset.slug,
        "id": f"{describer.page()}#dataset-{dataset.slug}",
        "title": _in("el", dataset.title),
        "title_en": _in("en", dataset.title),
        "description": _in("el", dataset.description),
        "description_en": _in("en", dataset.description),
        "homepage": describer.page(),
        "keywords": [_in("el", word) for word in dataset.keywords],
        "licenses": [
            {"name": "CC-BY-4.0", "path": LICENCE_URI, "title": "Creative Commons Attribution 4.0"}
        ],
        "sources": [{"title": _in("el", municipality().name), "path": describer.uri("/")}],
        "resources": [
            {
                "name": dataset.slug,
                "path": path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "schema": {"fields": fields, "primaryKey": list(schema.primary_key)},
            }
        ],
    }
