import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from portal.exports import csv_lines
from portal.uploads import check_upload
from tests.pdfs import (
    pdf_with_attachment,
    pdf_with_javascript,
    pdf_with_launch,
    pdf_with_open_action,
    plain_pdf,
)


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


def _small_image(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (12, 8), "teal").save(buffer, format=kind)
    return buffer.getvalue()


def test_a_png_with_a_truncated_header_is_refused_with_a_message():
    png = _small_image("PNG")
    truncated = png[:8] + b"\x00\x00\x00\x04IHDR" + png[16:20]
    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile("χαλασμένη.png", truncated))
    assert "δεν μπορεί να διαβαστεί" in refused.value.messages[0]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(["PNG", "JPEG"]),
    damage=st.lists(st.tuples(st.integers(min_value=8), st.integers(0, 255)), max_size=6),
    cut=st.one_of(st.none(), st.integers(min_value=8)),
)
def test_a_damaged_image_is_either_cleaned_or_refused_with_a_message(kind, damage, cut):
    data = bytearray(_small_image(kind))
    for position, byte in damage:
        data[position % len(data)] = byte
    if cut is not None:
        data = data[: cut % len(data)]
    try:
        checked = check_upload(SimpleUploadedFile(f"photo.{kind.lower()}", bytes(data)))
    except ValidationError as refused:
        assert refused.messages[0].startswith("Το αρχείο") or "εικόνα" in refused.messages[0]
    else:
        Image.open(io.BytesIO(checked.content.read())).verify()


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
    checked = check_upload(
        SimpleUploadedFile("απόφαση.pdf", plain_pdf()), allowed=("application/pdf",)
    )
    assert checked.media_type == "application/pdf"


@pytest.mark.parametrize(
    "build",
    [pdf_with_javascript, pdf_with_open_action, pdf_with_launch, pdf_with_attachment],
    ids=["javascript", "open-action", "launch", "embedded-file"],
)
def test_a_pdf_with_active_content_is_refused_in_greek(build):
    upload = SimpleUploadedFile("έντυπο.pdf", build(), content_type="application/pdf")

    with pytest.raises(ValidationError) as error:
        check_upload(upload)

    assert error.value.code == "active_pdf"
    assert "ενεργό περιεχόμενο" in error.value.messages[0]


def test_a_pdf_that_only_looks_like_one_is_refused():
    fake = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

    with pytest.raises(ValidationError) as error:
        check_upload(SimpleUploadedFile("fake.pdf", fake))

    assert error.value.code == "invalid_pdf"


def test_csv_starts_with_a_bom_and_escapes_formulas():
    text = "".join(csv_lines(["Θέμα"], [['=HYPERLINK("http://x")'], ["Λακκούβα"]]))
    assert text.startswith("\ufeffΘέμα")
    assert "'=HYPERLINK" in text
    assert "Λακκούβα" in text
