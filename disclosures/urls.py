from django.urls import path

from disclosures import views

app_name = "disclosures"

urlpatterns = [
    path("", views.index, name="index"),
    path("officials/<slug:slug>/", views.official_detail, name="official_detail"),
    path("officials/<slug:slug>/photo/", views.official_photo, name="official_photo"),
    path("officials/<slug:slug>/compare/", views.official_compare, name="official_compare"),
    path("declarations/<int:pk>/", views.declaration_detail, name="declaration_detail"),
    path("declarations/<int:pk>/pdf/", views.declaration_pdf, name="declaration_pdf"),
    path("declarations/<int:pk>.csv", views.declaration_csv, name="declaration_csv"),
    path("declarations/<int:pk>.json", views.declaration_json, name="declaration_json"),
    path("data/declarations.csv", views.data_csv, name="data_csv"),
    path("data/declarations.json", views.data_json, name="data_json"),
    path("data/officials.csv", views.officials_csv, name="officials_csv"),
]
