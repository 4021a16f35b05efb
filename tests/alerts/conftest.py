import pytest

from alerts.services import alerts_send


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run the alerts as the worker would, emails going out as their transactions commit."""

    def run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return alerts_send(**kwargs)

    return run
