"""Uploads checked by their content, not their name.

Images are re-encoded with Pillow, which drops EXIF (and with it GPS
positions); PDFs must parse (pypdf) and carry no active content: no
JavaScript, no action run on opening or by an annotation, no launched
program, no embedded file.
"""

import io
import struct
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

MEGABYTE = 1024 * 1024
IMAGE_KINDS = {"image/jpeg": ("JPEG", "jpg"), "image/png": ("PNG", "png")}
PDF = "application/pdf"
MAX_IMAGE_PIXELS = 40_000_000


@dataclass(frozen=True)
class CheckedFile:
    """An upload whose content was verified, ready to be stored."""

    content: ContentFile
    name: str
    media_type: str
    size: int


def check_upload(
    upload: UploadedFile,
    *,
    allowed: tuple[str, ...] = ("image/jpeg", "image/png", PDF),
    max_bytes: int = 10 * MEGABYTE,
) -> CheckedFile:
    """Verify an upload by its bytes; return a clean copy or raise a Greek ValidationError."""
    if (upload.size or 0) > max_bytes:
        raise ValidationError(
            _("Το αρχείο «%(name)s» είναι μεγαλύτερο από %(limit)d MB."),
            params={"name": upload.name, "limit": max_bytes // MEGABYTE},
            code="too_large",
        )
    head = upload.read(262)
    upload.seek(0)
    kind = filetype.guess(head)
    media_type = kind.mime if kind else ""
    if media_type not in allowed:
        raise ValidationError(
            _("Το αρχείο «%(name)s» δεν είναι %(kinds)s· ελέγχεται το περιεχόμενο."),
            params={"name": upload.name, "kinds": describe_kinds(allowed)},
            code="wrong_type",
        )
    if media_type == PDF:
        return _checked_pdf(upload)
    return _reencoded_image(upload, media_type)


def describe_kinds(allowed: tuple[str, ...]) -> str:
    names = {"image/jpeg": "JPEG", "image/png": "PNG", PDF: "PDF"}
    return ", ".join(names.get(kind, kind) for kind in allowed)


def _stem(name: str | None) -> str:
    stem = (name or "").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return "".join(ch for ch in stem if ch.isalnum() or ch in "-_")[:60] or "file"


# Dictionary keys and action types that make a PDF do something when it is opened or
# clicked: scripts, automatic actions, launched programs, embedded files and media.
ACTIVE_KEYS = {"/JS", "/JavaScript", "/OpenAction", "/AA", "/EmbeddedFiles", "/RichMedia"}
ACTIVE_VALUES = {"/JavaScript", "/Launch", "/EmbeddedFile", "/ImportData", "/SubmitForm"}


def _checked_pdf(upload: UploadedFile) -> CheckedFile:
    data = upload.read()
    invalid = ValidationError(
        _("Το αρχείο «%(name)s» δεν είναι έγκυρο PDF."),
        params={"name": upload.name},
        code="invalid_pdf",
    )
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
        raise invalid
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                _("Το αρχείο «%(name)s» είναι κρυπτογραφημένο PDF· υποβάλετε το χωρίς κωδικό."),
                params={"name": upload.name},
                code="encrypted_pdf",
            )
        active = _has_active_content(reader.trailer)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        raise invalid from None
    if active:
        raise ValidationError(
            _(
                "Το αρχείο «%(name)s» περιέχει ενεργό περιεχόμενο (JavaScript, αυτόματες "
                "ενέργειες ή συνημμένα αρχεία) και δεν γίνεται δεκτό. Αποθηκεύστε το ξανά "
                "ως απλό PDF (π.χ. «Εκτύπωση σε PDF»)."
            ),
            params={"name": upload.name},
            code="active_pdf",
        )
    return CheckedFile(ContentFile(data), f"{_stem(upload.name)}.pdf", PDF, len(data))


def _has_active_content(root: DictionaryObject) -> bool:
    """Walk every object reachable from the trailer; True at the first active key or action."""
    seen: set[tuple[int, int]] = set()
    pending: list[object] = [root]
    while pending:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            if (item.idnum, item.generation) in seen:
                continue
            seen.add((item.idnum, item.generation))
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            if ACTIVE_KEYS.intersection(item.keys()):
                return True
            if any(
                isinstance(value, NameObject) and value in ACTIVE_VALUES
                for key, value in item.items()
                if key in ("/S", "/Type")
            ):
                return True
            pending.extend(item.values())
        elif isinstance(item, ArrayObject):
            pending.extend(item)
    return False


# What Pillow raises on a damaged or hostile image, from opening it to saving a copy:
# a truncated header is a ValueError, a broken PNG chunk a SyntaxError, a short read
# an EOFError or struct.error.
UNREADABLE_IMAGE = (
    UnidentifiedImageError,
    Image.DecompressionBombError,
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    IndexError,
    struct.error,
)


def _reencoded_image(upload: UploadedFile, media_type: str) -> CheckedFile:
    pillow_format, extension = IMAGE_KINDS[media_type]
    try:
        with Image.open(upload) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _("Η εικόνα «%(name)s» έχει υπερβολικά μεγάλες διαστάσεις."),
                    params={"name": upload.name},
                    code="too_many_pixels",
                )
            image.load()
            upright = ImageOps.exif_transpose(image)
            clean = Image.new(upright.mode, upright.size)
            clean.paste(upright)
            if pillow_format == "JPEG" and clean.mode not in ("RGB", "L"):
                clean = clean.convert("RGB")
            buffer = io.BytesIO()
            clean.save(buffer, format=pillow_format, optimize=True)
    except UNREADABLE_IMAGE as error:
        raise ValidationError(
            _("Η εικόνα «%(name)s» δεν μπορεί να διαβαστεί."),
            params={"name": upload.name},
            code="invalid_image",
        ) from error
    data = buffer.getvalue()
    return CheckedFile(
        ContentFile(data), f"{_stem(upload.name)}.{extension}", media_type, len(data)
    )
