import pytest

from accounts import gsis
from tests.accounts.standin import InProcessAdapter

GSIS_BASE = "http://testserver/gsis-standin"


@pytest.fixture
def gsis_standin(settings, monkeypatch):
    """GSIS is the local stand-in, reached in-process through the client's transport."""
    settings.GSIS_BASE_URL = GSIS_BASE
    settings.GSIS_CLIENT_ID = "diafaneia-test"
    settings.GSIS_CLIENT_SECRET = "test-secret"
    adapter = InProcessAdapter()
    monkeypatch.setitem(gsis.TRANSPORTS, GSIS_BASE, adapter)
    return adapter
