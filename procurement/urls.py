from django.urls import path

from procurement import views
from procurement.feeds import ProcurementAtomFeed, ProcurementFeed

app_name = "procurement"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("suppliers/<str:afm>/", views.supplier_detail, name="supplier_detail"),
    path("feed/rss/", ProcurementFeed(), name="feed_rss"),
    path("feed/atom/", ProcurementAtomFeed(), name="feed_atom"),
    path("data/procurements.csv", views.export_csv, name="export_csv"),
    path("data/procurements.json", views.export_json, name="export_json"),
    path("data/import-template.csv", views.import_template, name="import_template"),
    path("ocds/", views.ocds_policy, name="ocds_policy"),
    path("ocds/releases.json", views.ocds_releases, name="ocds_releases"),
    path("ocds/records.json", views.ocds_records, name="ocds_records"),
    path("<int:pk>/ocds/record.json", views.ocds_record, name="ocds_record"),
    path(
        "<int:pk>/ocds/releases.json",
        views.ocds_procurement_releases,
        name="ocds_procurement_releases",
    ),
]
