"""Private file storage: citizens' attachments never live under MEDIA_URL."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage() -> FileSystemStorage:
    """Return the storage for private uploads (setting PRIVATE_MEDIA_ROOT, read at call time)."""
    root = getattr(settings, "PRIVATE_MEDIA_ROOT", None) or settings.BASE_DIR / "var" / "private"
    return FileSystemStorage(location=root, base_url=None)
