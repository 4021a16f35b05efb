"""Route the GSIS client's HTTP to the local stand-in's views, in-process.

`accounts.gsis.TRANSPORTS` mounts a requests transport adapter for GSIS' address.
This one hands each request, as requests prepared it (method, path, query,
headers, body), to the project through Django's test client and turns the answer
back into a requests.Response: the protocol is the real one, only the socket is
skipped. Browser tests use a live server instead.
"""

from urllib.parse import urlsplit

import requests
from django.test import Client
from requests.structures import CaseInsensitiveDict

SKIPPED_HEADERS = {"content-length", "content-type", "host"}


class InProcessAdapter(requests.adapters.BaseAdapter):
    """A requests transport that answers from this Django project (django.test.Client)."""

    def __init__(self):
        super().__init__()
        self.client = Client()
        self.sent: list[requests.PreparedRequest] = []

    def send(self, request, **kwargs):
        self.sent.append(request)
        url = urlsplit(request.url)
        path = url.path + (f"?{url.query}" if url.query else "")
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode()
        headers = {
            name: value
            for name, value in request.headers.items()
            if name.lower() not in SKIPPED_HEADERS
        }
        answer = self.client.generic(
            request.method,
            path,
            data=body,
            content_type=request.headers.get("Content-Type", ""),
            headers=headers,
        )
        response = requests.Response()
        response.status_code = answer.status_code
        response._content = answer.content
        response.headers = CaseInsensitiveDict(answer.headers)
        response.url = request.url
        response.request = request
        response.encoding = "utf-8"
        return response

    def close(self):
        pass
