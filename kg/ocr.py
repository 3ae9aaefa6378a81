"""Page images and scanned PDFs, read by OCR (``kg build --ocr``): a paper's pages as its digital edition gives
them in JPEG, a scan in TIFF, a PDF with no text layer.

RapidOCR runs PaddleOCR's PP-OCRv4 models (text detection and recognition, Apache-2.0), which its wheel carries,
on onnxruntime and one thread, so it works offline (``pip install 'kg[ocr]'``). Its lines are laid out as a PDF's
are (:func:`kg.read.page_paragraphs`): a line that the detector ran over a gutter into the next column is cut
where its characters leave a gap (:func:`ocr_lines`), the lines are stacked into blocks (a column's run
of lines in one type), the blocks read in a newspaper reader's order (:func:`kg.read.reading_order`), a line run
on where the one before fills its column, and a line whose box is 1.3 times as high as the body's is a headline.
"""

from __future__ import annotations

import functools
import io
import re
from typing import Any, Callable, Iterator, Sequence

from .errors import InputError
from .read import IMAGES, TextBlock, TextLine, page_paragraphs, plain_text, reading_order

__all__ = ["SCAN_DPI", "check_installed", "image_text", "scan_text", "reader_for", "is_scan", "ocr_lines", "ocr_blocks"]

SCAN_DPI = 200  # a scanned PDF's pages are drawn at this resolution for OCR: body type of 9 points is 25 pixels high
_HAN = re.compile(r"[\u4e00-\u9fff]")
_LETTER = re.compile(r"[A-Za-z]")
_HALF_FILLED = set("，。、；：？！）》」』”’")  # full-width marks drawn in one half of their place
_MISSING = "reading page images and scanned PDFs needs RapidOCR: pip install 'kg[ocr]'"


def check_installed() -> None:
    """InputError, saying what to install, where RapidOCR or pypdfium2 is missing (checked before a build's work)."""
    try:
        import pypdfium2  # noqa: F401
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError as error:
        raise InputError(f"{_MISSING} ({error.name} is not installed)") from None


@functools.cache
def _engine() -> Any:
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as error:
        raise ValueError(f"{_MISSING} ({error.name} is not installed)") from None
    # one thread, as the tagger; no rotated-line classifier (a page's lines are upright); pages of any size read
    # whole (RapidOCR shrinks an image over 2,000 pixels by default, and a paper's body type with it)
    return RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1, use_cls=False, max_side_len=10000)


def ocr_lines(result: Sequence[Sequence[Any]]) -> list[TextLine]:
    """RapidOCR's lines (``return_word_box=True``: box, text, score, character boxes, characters, their scores) as
    text lines, y upwards. A line is cut where two characters leave a gap of more than 0.6 of its characters'
    width (the median: a Chinese character's; a justified line spaces them by a fifth at most), 1.1 of it after a
    full-width punctuation mark (whose glyph fills half of its place), a gutter the detector ran over into the next
    column; two Latin letters with a gap of a quarter of the line's height between them are two words. A line with no Chinese character read with a score under 0.8 is left out: noise (a rule,
    a piece of a photo) that would bridge a gutter and mix the columns' lines.

    >>> box = lambda x0, x1: [[x0, 0], [x1, 0], [x1, 20], [x0, 20]]
    >>> line = [box(0, 170), "台州湾新区西区", 0.99, [box(x, x + 20) for x in (0, 20, 40, 60, 110, 130, 150)],
    ...         list("台州湾新区西区"), [0.99] * 7]
    >>> [(x.x0, x.x1, x.text) for x in ocr_lines([line])]
    [(0, 80, '台州湾新'), (110, 170, '区西区')]
    """
    lines = []
    for row in result:
        box, text = row[0], row[1]
        if row[2] < 0.8 and not _HAN.search(text):
            continue
        top, bottom = min(y for _, y in box), max(y for _, y in box)
        height = bottom - top
        chars = list(zip(row[4], row[3])) if len(row) > 4 and len(row[4]) == len(row[3]) else []
        if not chars:  # no character boxes: the line as RapidOCR gives it
            lines.append(TextLine(min(x for x, _ in box), -bottom, max(x for x, _ in box), height, text, len(text)))
            continue
        widths = sorted(max(x for x, _ in b) - min(x for x, _ in b) for _, b in chars)
        pieces: list[list[tuple[str, Any]]] = [[chars[0]]]
        for before, (char, char_box) in zip(chars, chars[1:]):
            gap = min(x for x, _ in char_box) - max(x for x, _ in before[1])
            if gap > (1.1 if before[0][-1] in _HALF_FILLED else 0.6) * widths[len(widths) // 2]:
                pieces.append([])
            elif _LETTER.match(before[0][-1]) and _LETTER.match(char[0]) and gap > 0.25 * height:
                char = " " + char
            pieces[-1].append((char, char_box))
        for piece in pieces:
            piece_text = "".join(char for char, _ in piece)
            lines.append(TextLine(min(x for _, b in piece for x, _ in b), -bottom,
                                  max(x for _, b in piece for x, _ in b), height, piece_text, len(piece_text)))
    return lines


def ocr_blocks(lines: Sequence[TextLine]) -> list[TextBlock]:
    """``lines`` stacked into blocks in reading order: from the top down, a line joins the block whose last line
    lies just above it (a gap under 0.8 of a line's height), in type of about its size (heights within 40 %: the
    detector's boxes vary in height by a third for one type), that starts where it starts (two and a half
    characters either way: an indent) and that it does not pass on the right by more than a character (a column's
    lines; the last line of a paragraph ends short); else it starts a block of its own. A block of three lines or more has the edges most of its lines have, not the outermost: a
    line the detector ran a character into the next column would leave the others short of the block's edge, and
    they would not run on.

    >>> a = TextLine(0, -20, 100, 20, "新区建设", 4)
    >>> b, c = TextLine(0, -50, 45, 10, "项目今年", 4), TextLine(0, -62, 45, 10, "开工。", 3)
    >>> d = TextLine(55, -50, 100, 10, "另一篇", 3)
    >>> [[line.text for line in block.lines] for block in ocr_blocks([a, b, c, d])]
    [['新区建设'], ['项目今年', '开工。'], ['另一篇']]
    """
    blocks: list[TextBlock] = []
    for line in sorted(lines, key=lambda x: (-(x.y0 + x.height), x.x0)):
        def misfit(block: TextBlock) -> float:  # how far this line starts from the block's start; inf: not there
            last, size = block.lines[-1], line.height
            gap = (last.y0 - line.y0) - size  # from the last line's bottom to this one's top
            if -0.5 * size < gap < 0.8 * size and abs(last.height - size) < 0.4 * size \
                    and abs(line.x0 - block.bbox[0]) <= 2.5 * size and line.x1 <= block.bbox[2] + size:
                return abs(line.x0 - block.bbox[0])
            return float("inf")
        far, best = min(((misfit(block), block) for block in blocks), key=lambda pair: pair[0],
                        default=(float("inf"), None))
        if best is not None and far < float("inf"):
            x0, y0, x1, y1 = best.bbox
            best.bbox = (min(x0, line.x0), min(y0, line.y0), max(x1, line.x1), y1)
            best.lines.append(line)
        else:
            blocks.append(TextBlock((line.x0, line.y0, line.x1, line.y0 + line.height), [line]))
    for block in blocks:
        if len(block.lines) >= 3:  # the column's edges: where most of its lines start and end
            starts, ends = sorted(x.x0 for x in block.lines), sorted(x.x1 for x in block.lines)
            block.bbox = (starts[len(starts) // 2], block.bbox[1], ends[len(ends) // 2], block.bbox[3])
    return reading_order(blocks, lambda block: block.bbox)


def _page_text(image: Any) -> list[str]:
    """The paragraphs of one page image (a PIL image)."""
    import numpy as np

    result, _ = _engine()(np.asarray(image.convert("RGB")), use_cls=False, return_word_box=True)
    # the detector's boxes add a margin of their own to a line's height: a headline in type 1.7 times the body's
    # has boxes 1.4 times as high
    return page_paragraphs(ocr_blocks(ocr_lines(result or [])), tolerance=0.4, headline=1.3)


def _text(pages: Iterator[Any], kind: str) -> str:
    text = plain_text("\n\n".join(paragraph for page in pages for paragraph in _page_text(page)))
    if len(_HAN.findall(text)) < 20:
        raise ValueError(f"OCR found no text in this {kind} (under 20 Chinese characters)")
    return text


def image_text(data: bytes) -> str:
    """The text of a page image (each page of a TIFF of several) as an OCR'd page comes: a paragraph a line, a
    blank line between, headlines marked as Markdown's ``#``. ValueError where the file is no image Pillow reads
    or OCR finds under 20 Chinese characters in it (a photo)."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError) as error:
        raise ValueError(f"not an image kg can read ({error})") from None
    return _text(ImageSequence.Iterator(image), "image")


def scan_text(data: bytes) -> str:
    """The text of a PDF with no text layer (a scan) or one whose fonts map no glyph to a character, its pages drawn
    at :data:`SCAN_DPI` and read as :func:`image_text` reads an image. ValueError where pdfium cannot open it or OCR
    finds no text in it."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as error:
        raise ValueError(f"not a readable PDF ({error})") from None
    return _text((page.render(scale=SCAN_DPI / 72).to_pil() for page in pdf), "PDF's pages")


def reader_for(suffix: str) -> Callable[[bytes], str]:
    """What OCR reads a file with this suffix (lower case) with: :func:`image_text` for a page image, else
    :func:`scan_text` (a PDF)."""
    return image_text if suffix in IMAGES else scan_text


def is_scan(data: bytes) -> bool:
    """Whether the PDF ``data`` is a scan: pdfium finds no character on any of its pages (False where it cannot
    open it: reading it then says why)."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        return False
    return all(page.get_textpage().count_chars() == 0 for page in pdf)
