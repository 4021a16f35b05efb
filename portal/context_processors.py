from django.conf import settings
from django.urls import reverse, translate_url
from django.utils.translation import get_language

from portal.municipality import municipality
from portal.navigation import navigation_entries


def portal(request):
    """Give every template the municipality, the main navigation and the language links."""
    current = get_language()
    path = request.get_full_path()
    navigation = []
    for entry in navigation_entries():
        url = reverse(entry.url_name)
        navigation.append(
            {"url": url, "label": entry.label, "active": request.path.startswith(url)}
        )
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
