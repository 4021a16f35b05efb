from django.urls import path

from appointments import api, views

app_name = "appointments"

urlpatterns = [
    path("", views.index, name="index"),
    path("booking/<str:token>/", views.manage_link, name="manage_link"),
    path("my-booking/<str:reference>/", views.manage, name="manage"),
    path("my-booking/<str:reference>/cancel/", views.manage_cancel, name="manage_cancel"),
    path("my-booking/<str:reference>/move/", views.manage_move, name="manage_move"),
    path("my-booking/<str:reference>/calendar.ics", views.manage_ics, name="manage_ics"),
    path("confirmation/<str:reference>/", views.confirmation, name="confirmation"),
    path("api/services/<slug:slug>/slots", api.service_slots, name="api_slots"),
    path("data/daily-statistics.csv", api.statistics_csv, name="statistics_csv"),
    path("data/daily-statistics.json", api.statistics_json, name="statistics_json"),
    path("<slug:slug>/", views.service_detail, name="service"),
    path("<slug:slug>/book/", views.book, name="book"),
]
