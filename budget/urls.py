from django.urls import path

from budget import views

app_name = "budget"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/", views.year, name="year"),
    path("<int:year>/lines/<str:code>/", views.line, name="line"),
    path("data/lines.csv", views.lines_csv, name="lines_csv"),
    path("data/lines.json", views.lines_json, name="lines_json"),
    path("data/revisions.csv", views.revisions_csv, name="revisions_csv"),
    path("data/revisions.json", views.revisions_json, name="revisions_json"),
    path("data/execution.csv", views.execution_csv, name="execution_csv"),
    path("data/execution.json", views.execution_json, name="execution_json"),
]
