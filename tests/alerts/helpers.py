"""Reading alert emails in tests."""

import re

LINK = re.compile(r"https?://[^\s\"<>]+?/alerts/(confirm|unsubscribe|manage)/([^/\s\"<>]+)/")


def tokens(message, kind: str) -> list[str]:
    """The tokens of one kind of link (confirm, unsubscribe, manage) in an email's text."""
    return [token for found, token in LINK.findall(message.body) if found == kind]


def everything(message) -> str:
    """All an email says: subject, headers, text and HTML."""
    html = "".join(content for content, _type in getattr(message, "alternatives", []))
    headers = "\n".join(f"{name}: {value}" for name, value in message.extra_headers.items())
    return "\n".join([message.subject, headers, message.body, html])
