from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from portal.municipality import municipality

MAIN_NAVIGATION = [
    ("complaints:index", _("Αιτήματα & καταγγελίες")),
    ("procurement:index", _("Προμήθειες")),
    ("disclosures:index", _("Δηλώσεις περιουσίας")),
    ("appointments:index", _("Ραντεβού")),
    ("portal:data_catalogue", _("Ανοικτά δεδομένα")),
    ("portal:department_list", _("Υπηρεσίες του Δήμου")),
]


def portal(request):
    """Give every template the municipality, the main navigation and the language links."""
    current = get_language()
    path = request.get_full_path()
    navigation = []
    for url_name, label in MAIN_NAVIGATION:
        url = reverse(url_name)
        navigation.append({"url": url, "label": label, "active": request.path.startswith(url)})
    return {
        "municipality": municipality(),
        "main_navigation": navigation,
        "language_links": [
            {
                "code": code,
                "name": name,
                "url": translate_url(path, code),
                "current": code == current,
            }
            for code, name in settings.LANGUAGES
        ],
    }
