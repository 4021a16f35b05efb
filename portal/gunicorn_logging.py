"""A gunicorn logger whose access log never holds a private link's secret.

Tracking links (/complaints/track/<number>/<secret>/), booking links
(/appointments/booking/<token>/...) and the links of alert emails
(/alerts/confirm|unsubscribe|manage/<token>/) work like passwords. Every atom of the
access log (request line, path, referer, raw URI, headers) has those segments
replaced by "[redacted]". `manage.py serve` passes this class to gunicorn with
--logger-class; docs/DEPLOY.md gives nginx's matching log_format.
"""

import re

from gunicorn.glogging import Logger

REDACTED = "[redacted]"

# The tracking link's last segment is the secret, unless it is one of the
# status page's own actions; the booking link's first segment is the token; an alert
# email's links end with theirs (but for the page asking for a link).
_SECRETS = (
    re.compile(r"(/complaints/track/[^/?#\s]+/)(?!(?:message|satisfaction)(?:/|$))[^/?#\s]+"),
    re.compile(r"(/appointments/booking/)[^/?#\s]+"),
    re.compile(r"(/alerts/(?:confirm|unsubscribe|manage)/)(?!request(?:/|$))[^/?#\s]+"),
)


def redact(text: str) -> str:
    """Return `text` with every private-link secret replaced by [redacted]."""
    for pattern in _SECRETS:
        text = pattern.sub(rf"\g<1>{REDACTED}", text)
    return text


class RedactingLogger(Logger):
    """gunicorn's logger, with secrets of private links redacted from the access log."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            key: redact(value) if isinstance(value, str) else value for key, value in atoms.items()
        }
