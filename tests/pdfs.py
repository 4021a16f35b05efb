"""Real PDF files for upload tests, written by pypdf: a plain one, and hostile ones."""

import io

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    TextStringObject,
)


def _written(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _one_page() -> PdfWriter:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    return writer


def plain_pdf() -> bytes:
    """One blank A4 page and nothing else."""
    return _written(_one_page())


def pdf_with_javascript() -> bytes:
    writer = _one_page()
    writer.add_js("app.alert('Γεια');")
    return _written(writer)


def pdf_with_open_action() -> bytes:
    writer = _one_page()
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/URI"), NameObject("/URI"): TextStringObject("http://x")}
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    return _written(writer)


def pdf_with_launch() -> bytes:
    """A link annotation on the page that would launch a program when clicked."""
    writer = _one_page()
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("cmd.exe")}
    )
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/A"): action,
        }
    )
    annotation[NameObject("/Rect")] = ArrayObject([FloatObject(0)] * 4)
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])
    return _written(writer)


def pdf_with_attachment() -> bytes:
    writer = _one_page()
    writer.add_attachment("payload.exe", b"MZ\x90\x00")
    return _written(writer)
