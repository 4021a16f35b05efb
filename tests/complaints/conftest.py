"""Fixtures of the complaints tests: private files go to a temporary folder."""

import pytest


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def category(db):
    from tests.complaints.factories import CategoryFactory

    return CategoryFactory()
