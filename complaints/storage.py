"""Private file storage: citizens' attachments never live under MEDIA_URL."""

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils import timezone


def private_root():
    """Return the folder of private uploads (setting PRIVATE_MEDIA_ROOT)."""
    return settings.PRIVATE_MEDIA_ROOT


class PrivateStorage(FileSystemStorage):
    """File storage whose folder is read from the settings at each use, with no public URL.

    A FileField's storage is built once, when models load; reading the folder
    lazily keeps PRIVATE_MEDIA_ROOT (and test overrides of it) effective.
    """

    @property
    def base_location(self):
        return private_root()

    @property
    def location(self):
        return os.path.abspath(self.base_location)


def attachment_path(instance, filename: str) -> str:
    """Store an attachment under an unguessable name; the original name is kept in the row."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"complaints/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


def private_storage() -> FileSystemStorage:
    """Return the storage for private uploads."""
    return PrivateStorage(base_url=None)


def delete_files(attachments) -> None:
    """Delete the stored files of these attachments (their rows are the caller's)."""
    for attachment in attachments:
        attachment.file.delete(save=False)
