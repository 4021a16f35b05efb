from django.urls import path

from alerts import views

app_name = "alerts"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/<str:source>/", views.new, name="new"),
    path("subscribed/", views.subscribed, name="subscribed"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("manage/", views.manage, name="manage"),
    path("manage/request/", views.manage_request, name="manage_request"),
    path("manage/<str:token>/", views.manage_link, name="manage_link"),
]
