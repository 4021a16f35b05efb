from django.urls import path

from accounts.standin import views

app_name = "gsis_standin"

urlpatterns = [
    path("oauth2server/oauth/authorize", views.authorize, name="authorize"),
    path("oauth2server/oauth/token", views.token, name="token"),
    path("oauth2server/userinfo", views.userinfo, name="userinfo"),
]
