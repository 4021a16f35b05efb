from django.urls import path

from complaints import views

app_name = "complaints"

urlpatterns = [
    path("", views.index, name="index"),
    path("map.json", views.map_points, name="map_points"),
    path("new/", views.new, name="new"),
    path("receipt/", views.receipt, name="receipt"),
    path("track/", views.track, name="track"),
    path("track/<str:protocol>/", views.track_status, name="track_status"),
    path("track/<str:protocol>/message/", views.track_message, name="track_message"),
    path("track/<str:protocol>/satisfaction/", views.track_satisfaction, name="track_satisfaction"),
    path("track/<str:protocol>/<str:secret>/", views.track_link, name="track_link"),
    path("data/complaints.csv", views.data_csv, name="data_csv"),
    path("data/complaints.json", views.data_json, name="data_json"),
    path("<str:protocol>/", views.detail, name="detail"),
    path("<str:protocol>/photos/<int:pk>/", views.photo, name="photo"),
]
