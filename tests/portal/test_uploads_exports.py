import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from portal.exports import csv_lines
from portal.uploads import check_upload


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x8825] = {2: (40.0, 38.0, 0.0)}  # GPSInfo: latitude
    exif[0x010F] = "Camera maker"
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def test_images_are_re_encoded_without_exif_or_gps():
    data = _jpeg_with_gps()
    assert Image.open(io.BytesIO(data)).getexif()
    checked = check_upload(SimpleUploadedFile("φωτο.jpg", data, content_type="image/jpeg"))
    cleaned = Image.open(io.BytesIO(checked.content.read()))
    assert not cleaned.getexif()
    assert checked.media_type == "image/jpeg"
    assert checked.name.endswith(".jpg")


def test_a_file_disguised_by_its_extension_is_refused():
    upload = SimpleUploadedFile(
        "report.pdf", b"MZ\x90\x00 not really a pdf", content_type="application/pdf"
    )
    with pytest.raises(ValidationError) as error:
        check_upload(upload)
    assert "δεν είναι" in str(error.value)


def test_an_oversized_file_is_refused_before_reading_it():
    upload = SimpleUploadedFile("big.png", b"\x89PNG" + b"0" * 2048, content_type="image/png")
    with pytest.raises(ValidationError) as error:
        check_upload(upload, max_bytes=1024)
    assert "μεγαλύτερο" in str(error.value)


def test_a_real_pdf_passes():
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    checked = check_upload(SimpleUploadedFile("απόφαση.pdf", pdf), allowed=("application/pdf",))
    assert checked.media_type == "application/pdf"


def test_csv_starts_with_a_bom_and_escapes_formulas():
    text = "".join(csv_lines(["Θέμα"], [['=HYPERLINK("http://x")'], ["Λακκούβα"]]))
    assert text.startswith("\ufeffΘέμα")
    assert "'=HYPERLINK" in text
    assert "Λακκούβα" in text
