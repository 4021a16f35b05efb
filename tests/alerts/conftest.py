import pytest

from alerts.services import alerts_send


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run the alerts as the worker would, emails going out as their transactions commit."""

    def run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return alerts_send(**kwargs)

    return run


@pytest.fixture
def category(db, settings, tmp_path):
    """A complaints category; complaints' private files go to a temporary folder."""
    from tests.complaints.factories import CategoryFactory

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return CategoryFactory()
