from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from portal import views

portal_patterns = [
    path("", views.home, name="home"),
    path("departments/", views.department_list, name="department_list"),
    path("departments/<slug:slug>/", views.department_detail, name="department_detail"),
    path("organisation/", views.organisation, name="organisation"),
    path("organisation/units.csv", views.organisation_csv, name="organisation_csv"),
    path("organisation/units.json", views.organisation_json, name="organisation_json"),
    path("data/", views.data_catalogue, name="data_catalogue"),
    path("data/catalogue.jsonld", views.data_catalogue_jsonld, name="data_catalogue_jsonld"),
    path("data/<slug:slug>/datapackage.json", views.datapackage, name="datapackage"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
]

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("open311/", include("complaints.open311.urls")),
    *i18n_patterns(
        path("", include((portal_patterns, "portal"))),
        path("complaints/", include("complaints.urls")),
        path("procurement/", include("procurement.urls")),
        path("disclosures/", include("disclosures.urls")),
        path("appointments/", include("appointments.urls")),
        path("account/", include("accounts.urls")),
        path("alerts/", include("alerts.urls")),
        path("guide/", include("guide.urls")),
        path("budget/", include("budget.urls")),
        path("admin/", admin.site.urls),
        prefix_default_language=False,
    ),
]

# The local stand-in for TAXISnet (GSIS): `make run` and the tests only. Production
# settings refuse GSIS_STANDIN, and `check --deploy` fails on it (accounts/checks.py).
if settings.GSIS_STANDIN:
    urlpatterns.append(path("gsis-standin/", include("accounts.standin.urls")))

handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
