from django.urls import path

from budget import views

app_name = "budget"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/", views.year, name="year"),
    path("<int:year>/lines/<str:code>/", views.line, name="line"),
]
