import pytest

from tests.portal.smtp_server import MailServer


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1, accepting mail until told otherwise."""
    server = MailServer()
    server.start()
    yield server
    server.stop()
