"""Newspaper pages typeset as PDF with reportlab, for the tests and ``benchmarks/pdf_pages.py``: a page header, and
articles placed in boxes of the page, each a headline (in two lines or more where it is wider than its box) over
its columns, paragraphs justified with a two-character indent and the slack of a full line spread over the gaps
between Chinese characters, as papers set them. The font is reportlab's STSong-Light, a CID font that PDF readers
map to Unicode with Adobe's GB1 tables (not embedded)."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
WIDTH, HEIGHT, MARGIN, GUTTER, HEADLINE = 595.0, 842.0, 36.0, 12.0, 18.0
Article = tuple[str, list[str]]  # headline, paragraphs


def _wrap(text: str, width: float, size: float, indent: str = "\u3000\u3000") -> list[str]:
    """The lines of ``text`` (after ``indent``) in a column ``width`` points wide."""
    lines, line = [], indent
    for ch in text:
        if line and pdfmetrics.stringWidth(line + ch, FONT, size) > width:
            lines.append(line)
            line = ""
        line += ch
    return lines + [line]


def _draw_line(page: canvas.Canvas, line: str, x: float, y: float, width: float, size: float, justify: bool) -> None:
    widths = [pdfmetrics.stringWidth(ch, FONT, size) for ch in line]
    gaps = [k for k in range(len(line) - 1) if not (line[k].isascii() and line[k + 1].isascii())]
    extra = (width - sum(widths)) / len(gaps) if justify and gaps else 0.0
    for k, ch in enumerate(line):
        page.drawString(x, y, ch)
        x += widths[k] + (extra if k in gaps else 0.0)


def place(page: canvas.Canvas, article: Article, x: float, top: float, width: float, columns: int,
          size: float = 9.5) -> float:
    """Draw ``article`` in a box ``width`` points wide from ``top`` down, its lines spread evenly over
    ``columns`` in type of ``size`` points; returns the box's bottom."""
    headline, paragraphs = article
    page.setFont(FONT, HEADLINE)
    for head in _wrap(headline, width, HEADLINE, indent=""):
        page.drawString(x, top - HEADLINE, head)
        top -= HEADLINE + 4
    column = (width - GUTTER * (columns - 1)) / columns
    wrapped = [_wrap(paragraph, column, size) for paragraph in paragraphs]
    lines = [(line, n < len(each) - 1) for each in wrapped for n, line in enumerate(each)]  # (line, full)
    per_column = -(-len(lines) // columns)
    page.setFont(FONT, size)
    first = top - 8 - size
    for n, (line, full) in enumerate(lines):
        col, row = divmod(n, per_column)
        _draw_line(page, line, x + col * (column + GUTTER), first - row * size * 1.4, column, size, full)
    return first - per_column * size * 1.4


def fitting_size(article: Article, columns: int = 3, most: float = 9.5) -> float:
    """The type size (at most ``most``) at which ``article`` fills no more than a page alone over ``columns``."""
    chars = sum(len(p) + 2 for p in article[1]) * 1.15  # a paragraph's last line is part empty
    area = (WIDTH - 2 * MARGIN - GUTTER * (columns - 1)) * (HEIGHT - 2 * MARGIN - 100)
    return min(most, (area / (1.4 * chars)) ** 0.5)


def newspaper_page(path: Path | BinaryIO, header: str, lead: Article, below: list[Article], size: float = 9.5
                   ) -> bool:
    """A page: ``header`` (the paper, the date, the page) at its top, ``lead`` over three columns across it in
    type of ``size`` points, and the articles ``below`` side by side under it, two columns each; whether it all
    fits on the page."""
    page = canvas.Canvas(str(path) if isinstance(path, Path) else path, pagesize=(WIDTH, HEIGHT))
    page.setFont(FONT, 8)
    page.drawString(MARGIN, HEIGHT - MARGIN, header)
    bottom = place(page, lead, MARGIN, HEIGHT - MARGIN - 12, WIDTH - 2 * MARGIN, 3, size)
    if below:
        width = (WIDTH - 2 * MARGIN - GUTTER * 2 * (len(below) - 1)) / len(below)
        bottom = min(place(page, article, MARGIN + n * (width + 2 * GUTTER), bottom - 24, width, 2)
                     for n, article in enumerate(below))
    page.save()
    return bottom >= MARGIN
