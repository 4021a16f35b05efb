"""Small builders shared by the complaints view tests."""

import io
import uuid

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def png_upload(name: str = "photo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def form_data(chosen, **overrides) -> dict:
    """A valid filing of the public form for this category."""
    data = {
        "kind": "complaint",
        "category": chosen.code,
        "subject": "Σπασμένο πεζοδρόμιο",
        "description": "Οι πλάκες έχουν σηκωθεί και σκοντάφτουν οι περαστικοί.",
        "address": "Αγίας Σοφίας 20",
        "citizen_name": "Κατερίνα Ιωάννου",
        "citizen_email": "katerina@example.gr",
        "citizen_phone": "2310 123456",
        "privacy_acknowledged": "on",
        "website": "",
        "submission_key": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data
