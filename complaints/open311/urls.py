"""GeoReport v2 under /open311/ (outside the language prefixes: API paths are not translated)."""

from django.urls import path, register_converter

from complaints.open311 import views


class FormatConverter:
    """The response format after the dot; views answer 404 for any but json and xml."""

    regex = "[A-Za-z0-9]{1,10}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "open311_format")

app_name = "open311"

urlpatterns = [
    path("discovery.<open311_format:fmt>", views.discovery, name="discovery"),
    path("v2/", views.root, name="root"),
    path("v2/services.<open311_format:fmt>", views.service_list, name="services"),
    path(
        "v2/services/<slug:service_code>.<open311_format:fmt>",
        views.service_definition,
        name="service",
    ),
    path("v2/requests.<open311_format:fmt>", views.requests, name="requests"),
    path(
        "v2/requests/<str:request_id>.<open311_format:fmt>",
        views.request_detail,
        name="request",
    ),
    path("v2/tokens/<str:token>.<open311_format:fmt>", views.token_detail, name="token"),
    path("v2/media/<int:pk>", views.media, name="media"),
]
