from django.urls import path

from guide import views

app_name = "guide"

urlpatterns = [
    path("", views.index, name="index"),
    path("life-events/<slug:slug>/", views.life_event, name="life_event"),
    path("departments/<slug:slug>/", views.department, name="department"),
    path("procedures/<slug:slug>/", views.procedure, name="procedure"),
    path("booklet/", views.booklet, name="booklet"),
    path("booklet/<slug:slug>/", views.booklet, name="department_booklet"),
    path("charters/<slug:slug>/", views.charter, name="charter"),
    path("charters/<slug:slug>/versions/<int:number>/", views.charter, name="charter_version"),
    path("data/procedures.csv", views.data_csv, name="data_csv"),
    path("data/procedures.json", views.data_json, name="data_json"),
    path("data/procedures.jsonld", views.data_cpsv, name="data_cpsv"),
]
