from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.index, name="index"),
    path("login/gsis/", views.login_gsis, name="login_gsis"),
    path("login/gsis/callback/", views.gsis_callback, name="gsis_callback"),
    path("login/email/", views.login_email, name="login_email"),
    path("login/email/sent/", views.email_sent, name="email_sent"),
    path("login/email/confirm/", views.email_confirm, name="email_confirm"),
    path("login/email/<str:secret>/", views.email_link, name="email_link"),
    path("logout/", views.logout, name="logout"),
    path("contact/", views.contact, name="contact"),
    path("data.json", views.data, name="data"),
    path("delete/", views.delete, name="delete"),
]
