from django.urls import path

from appointments import api, views

app_name = "appointments"

urlpatterns = [
    path("", views.index, name="index"),
    path("booking/<str:token>/", views.manage, name="manage"),
    path("booking/<str:token>/cancel/", views.manage_cancel, name="manage_cancel"),
    path("booking/<str:token>/move/", views.manage_move, name="manage_move"),
    path("booking/<str:token>/calendar.ics", views.manage_ics, name="manage_ics"),
    path("confirmation/<str:reference>/", views.confirmation, name="confirmation"),
    path("api/services/<slug:slug>/slots", api.service_slots, name="api_slots"),
    path("data/daily-statistics.csv", api.statistics_csv, name="statistics_csv"),
    path("data/daily-statistics.json", api.statistics_json, name="statistics_json"),
    path("<slug:slug>/", views.service_detail, name="service"),
    path("<slug:slug>/book/", views.book, name="book"),
]
