"""Read newspaper pages and article exports from files and folders.

A page becomes one :class:`Document`: a text or Markdown file (``.txt``, ``.md``), a Word document (``.docx``:
:func:`word_text`; ``.doc``: :func:`word97_text`) or a PDF with a text layer (``.pdf``: :func:`pdf_text`). An export becomes one Document per
article, already cut: a line of a JSON Lines file (``.jsonl``), a row of a table (``.csv``, ``.tsv``, ``.xlsx``,
``.xls``: :func:`table_rows`), and a web page saved from a news site (``.html``, or ``.mhtml`` saved as one file:
its article, taken out of the site's menus and footers by GNE, :func:`html_article`). With ``ocr``, a page image
or a PDF with no text layer (a scan) is a page too, read by OCR (:mod:`kg.ocr`). A file that cannot be read
becomes a :class:`Skipped` with the reason, and the run goes on.
"""

from __future__ import annotations

import codecs
import csv
import html
import io
import json
import logging
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from operator import attrgetter
from typing import Any, Callable, Iterable, Iterator, Sequence, TypeVar

from .clean import LOOKALIKES
from .errors import InputError

Box = TypeVar("Box")

__all__ = ["Document", "Skipped", "FORMATS", "read_paths", "passed_over", "is_output_folder", "decode", "read_text",
           "markdown_text", "plain_text", "parse_record", "decode_html", "html_article", "block_text", "FIELD_NAMES",
           "article_fields", "table_rows", "word_text", "word97_text", "pdf_text", "reading_order", "IMAGES",
           "NoTextLayer", "TextLine", "TextBlock", "page_paragraphs", "ocr_candidates"]

WEB_PAGES = (".html", ".htm", ".shtml", ".mhtml", ".mht")
WEB_ARCHIVES = (".mhtml", ".mht")  # a page saved as one file: Chrome's and Edge's "Webpage, Single File"
TABLES = (".csv", ".tsv", ".xlsx", ".xls")  # one article a row: scrapers' and databases' exports, spreadsheets
FORMATS = (".txt", ".md", ".docx", ".doc", ".pdf", ".jsonl") + TABLES + WEB_PAGES
IMAGES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp")  # page images, read with --ocr (kg.ocr)
# what `kg build` writes into its output folder (kg.export): never read back in a walk of the pages
OUTPUT_FILES = ("graph.graphml", "graph.gexf", "graph.html", "entities.csv", "edges.csv", "aliases.csv",
                "articles.csv", "articles.jsonl")


@dataclass
class Document:
    """Text from one file (a page) or one line of a JSONL export (an article).

    source (str): the file, as given or relative to the folder given.
    text (str): the decoded text as :func:`plain_text` gives it (a Markdown page's as :func:`markdown_text` then
        gives it).
    encoding (str): ``utf-8``, ``utf-16``, ``gb18030`` or ``big5``; ``xlsx`` or
        ``xls`` for an Excel workbook, ``docx`` or ``doc`` for a Word document, ``pdf`` for a PDF, ``ocr`` for a
        page image or a scanned PDF read by OCR.
    line (int): 1-based line of a JSONL record in its file, of a table's row (its first line in a CSV file, its
        row in a workbook's sheet); 1 for pages.
    meta (dict): a JSONL record's or a table row's "id", "title", "date", "source" when present (under the names
        of :data:`FIELD_NAMES`); a web page's "id" (its file),
        "title" and "date" ("" when it gives none); empty for pages.
    date (str): a page's date (ISO) as its file gives it, outside the page's text: a Markdown page's front matter
        ``date:``, else a date in the file's path (2022-01-26/01.txt, tzrb_20220126_A01.txt); "" when none.
    """

    source: str
    text: str
    encoding: str
    line: int = 1
    meta: dict = field(default_factory=dict)
    date: str = ""


@dataclass
class Skipped:
    """A file, or one JSONL line, that could not be read: where and why."""

    source: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.reason}"


def decode(data: bytes) -> tuple[str, str]:
    """Decode file bytes as UTF-8 (BOM or not), UTF-16 with its BOM (Windows' "Unicode" text), GB18030 or Big5
    (texts of Taiwan and Hong Kong); raise ValueError saying why not.

    GB18030 reads most double-byte text without error, Big5 too, but it reads Big5's characters as its private-use
    ones (a fifth to two fifths of a Big5 news text; none in GBK text, which fails as Big5): a GB18030 reading
    with such characters is taken as Big5 where the bytes are Big5. A text that is UTF-8 or GB18030 but for a few
    bytes (a file cut inside a character, a byte changed; one in 500 characters at most) is read with U+FFFD for
    them (�), which :func:`kg.build.build` counts in its summary.

    >>> decode("台州".encode("gb18030")), decode("台州".encode("utf-16")), decode("臺州市政府召開會議".encode("big5"))
    (('台州', 'gb18030'), ('台州', 'utf-16'), ('臺州市政府召開會議', 'big5'))
    >>> decode("台州市政府召开会议。".encode("utf-8")[:-1])  # cut inside its last character
    ('台州市政府召开会议\ufffd', 'utf-8')
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as error:
            raise ValueError(f"not UTF-16 though it starts with UTF-16's byte-order mark ({error.reason})") from None
    elif b"\x00" in data[:8192]:
        raise ValueError("binary file (NUL bytes), not text")
    else:
        try:
            text, encoding = data.decode("utf-8-sig"), "utf-8"
        except UnicodeDecodeError as utf8_error:
            try:
                text, encoding = data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError:
                # a file cut inside a character, a byte changed: the reading that replaces fewest bytes, if few
                text, encoding = min(((data.decode(codec, "replace"), codec.replace("-sig", ""))
                                      for codec in ("utf-8-sig", "gb18030")), key=lambda read: read[0].count("\ufffd"))
                if text.count("\ufffd") > max(1, len(text) // 500):
                    raise ValueError(f"neither UTF-8 nor GB18030 ({utf8_error.reason} at byte {utf8_error.start})"
                                     ) from None
            private = sum(1 for c in text if "\ue000" <= c <= "\uf8ff")
            if private >= 2 and private > len(text) / 100:
                big5 = data.decode("big5hkscs", "replace")
                if big5.count("\ufffd") <= max(1, len(big5) // 500):  # else GB18030 with characters of its own
                    text, encoding = big5, "big5"
    if not text.strip():
        raise ValueError("empty file")
    # GB18030 decodes most byte strings; text has few control characters, binary data many.
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\r\n\t\f")
    if controls > len(text) / 100:
        raise ValueError("binary file (control characters), not text")
    return text, encoding


def read_text(path: Path) -> str:
    """The text of one file that a command was given (a table, a gold file), decoded as :func:`decode` does;
    InputError naming the file and what is wrong with it."""
    try:
        return decode(path.read_bytes())[0]
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror or error}") from None
    except ValueError as error:
        raise InputError(f"{path}: {error}") from None


def is_output_folder(folder: Path) -> bool:
    """Whether ``folder`` holds what ``kg build`` writes (its graph.graphml beside its articles.jsonl)."""
    return all((folder / name).is_file() for name in ("graph.graphml", "articles.jsonl"))


def _folder(folder: Path, ocr: bool = False) -> tuple[list[Path], list[Path], list[Path]]:
    """The files under ``folder`` to read (of the kinds in :data:`FORMATS`, and :data:`IMAGES` with ``ocr``; a
    link whose target is gone too, so that it is reported), the files of other kinds (not hidden ones such as
    .DS_Store, nor those inside hidden folders such as .git), and the outputs of kg builds (:data:`OUTPUT_FILES` in a folder that
    :func:`is_output_folder`). The outputs are not read: a build that writes among its pages (``kg build . -o
    output``, run twice) would read its own articles.jsonl back as a second copy of every article. Sorted, so
    that a rerun reads the files in the same order and writes the same outputs."""
    read: list[Path] = []
    others: list[Path] = []
    outputs: list[Path] = []
    for p in sorted(folder.rglob("*")):
        if not (p.is_file() or p.is_symlink() and not p.exists()):
            continue
        if p.name in OUTPUT_FILES and is_output_folder(p.parent):
            outputs.append(p)
        elif p.suffix.lower() in FORMATS or ocr and p.suffix.lower() in IMAGES:
            read.append(p)
        elif not any(part.startswith(".") for part in p.relative_to(folder).parts):
            others.append(p)
    return read, others, outputs


def passed_over(paths: Iterable[str | Path], ocr: bool = False) -> tuple[list[str], list[str]]:
    """What a walk of the folders among ``paths`` does not read: files of other kinds (.odt, .jpg without
    ``ocr``), named relative to the folder given, and the outputs of kg builds, named with it.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> for name in ("a.txt", "scan.jpg", ".DS_Store", "out/graph.graphml", "out/articles.jsonl"):
    ...     (folder / name).parent.mkdir(exist_ok=True); _ = (folder / name).write_text("台州", encoding="utf-8")
    >>> others, outputs = passed_over([folder])
    >>> others, [Path(name).relative_to(folder).as_posix() for name in outputs]
    (['scan.jpg'], ['out/articles.jsonl', 'out/graph.graphml'])
    """
    others: list[str] = []
    outputs: list[str] = []
    for path in map(Path, paths):
        if path.is_dir():
            _, other_files, output_files = _folder(path, ocr)
            others += [p.relative_to(path).as_posix() for p in other_files]
            outputs += [p.as_posix() for p in output_files]  # named with the folder given
    return others, outputs


def _files(paths: Iterable[Path], ocr: bool = False) -> Iterator[tuple[Path, str]]:
    """Each file to read under ``paths`` once, with its name: relative to the one folder given; with several
    paths, relative to the folder that holds them all (d1/01.txt and d2/01.txt, not 01.txt twice); a file given
    alone, as given (or its name, if given absolute)."""
    paths = list(paths)
    base = None
    if len(paths) > 1:
        base = Path(os.path.commonpath([p.absolute() if p.is_dir() else p.absolute().parent for p in paths]))
    seen: set[Path] = set()
    for path in paths:
        if path.is_dir():
            # Sorted, so that a rerun reads files in the same order and writes the same outputs.
            # A link whose target is gone is kept, so that it is reported rather than passed over.
            named = [(file, file.relative_to(path).as_posix()) for file in _folder(path, ocr)[0]]
        else:
            named = [(path, path.as_posix() if not path.is_absolute() else path.name)]
        for file, name in named:
            if file.resolve() in seen:  # a file under two of the paths given is read once
                continue
            seen.add(file.resolve())
            yield file, file.absolute().relative_to(base).as_posix() if base else name


def ocr_candidates(paths: Iterable[str | Path]) -> list[Path]:
    """The files under ``paths`` that :func:`read_paths` may read by OCR, in its order: page images
    (:data:`IMAGES`) and PDFs (OCR'd where they have no text layer)."""
    return [file for file, _ in _files((Path(p) for p in paths), True) if file.suffix.lower() in (*IMAGES, ".pdf")]


def read_paths(paths: Iterable[str | Path], ocr: Any = False) -> Iterator[Document | Skipped]:
    """Yield a Document for each readable page or JSONL record under ``paths``, a Skipped for each failure.

    Folders are walked recursively for the files of :data:`FORMATS` (pages, Word documents, PDFs, JSONL, tables and
    web pages: ``.html``, ``.htm``, ``.shtml``, and ``.mhtml`` or ``.mht`` for a page saved as one file); a file
    named directly is read whatever its suffix (JSONL if it ends in ``.jsonl``, a web page if in ``.html``, a page
    of text if in none of them). With ``ocr`` (True, or a function that reads through a cache:
    :meth:`kg.build.OCRCache.text`), page images (:data:`IMAGES`) and PDFs with no text layer (scans) are read by
    OCR (:mod:`kg.ocr`); without it, a scanned PDF is skipped, saying so.
    """
    for file, name in _files((Path(p) for p in paths), bool(ocr)):
        if file.is_symlink() and not file.exists():
            yield Skipped(name, f"broken link: its target {os.readlink(file)} does not exist")
            continue
        try:
            data = file.read_bytes()
        except OSError as error:
            yield Skipped(name, f"cannot read: {error.strerror or error}")
            continue
        if not data.strip():
            yield Skipped(name, "empty file")
            continue
        suffix = file.suffix.lower()
        if suffix in TABLES:
            yield from _table(name, data, suffix)
            continue
        if suffix in IMAGES and not ocr:  # named directly
            yield Skipped(name, "a page image: kg build --ocr reads it")
            continue
        if suffix in _BINARY_PAGES or suffix in IMAGES:
            try:
                text, kind = _binary_page(suffix, data, ocr)
            except ValueError as error:
                yield Skipped(name, str(error))
                continue
            yield Document(name, text, kind, date=date_in_name(name))
            continue
        web_page = suffix in WEB_PAGES
        try:
            if suffix in WEB_ARCHIVES:
                data = archived_page(data)
            text, encoding = decode_html(data) if web_page else decode(data)
        except ValueError as error:
            yield Skipped(name, str(error))
            continue
        text = plain_text(text)
        if web_page:
            try:
                headline, date, text = html_article(text)
            except ValueError as error:
                yield Skipped(name, str(error))
                continue
            yield Document(name, text, encoding, meta={"id": name, "title": headline, "date": date})
        elif suffix == ".jsonl":
            yield from _records(name, text, encoding)
        elif suffix == ".md":
            yield Document(name, markdown_text(text), encoding, date=front_matter_date(text) or date_in_name(name))
        else:
            yield Document(name, text, encoding, date=date_in_name(name))


# A date as files write it: 2022-01-26, 2022/1/26, 2022.01.26, 2022年1月26日, with or without a time after it.
_ANY_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
# A date in a file's path: 2022-01-26, 2022_01_26, 20220126, not inside a longer run of letters and digits (a hash).
_NAME_DATE = re.compile(r"(?<![0-9A-Za-z])((?:19|20)\d\d)([-_.]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?![0-9A-Za-z])")
_FRONT_MATTER_DATE = re.compile(r"^date\s*:\s*[\"']?([^\"'\n]+)", re.M)


def iso_date(value: object) -> str:
    """The ISO form (YYYY-MM-DD) of a date as files write it, or "" for anything else, so that dates sort and
    compare as dates.

    >>> iso_date("2022/1/26 08:30"), iso_date("2022年1月6日"), iso_date("2022-01-26T10:00:00Z"), iso_date("26.01.2022")
    ('2022-01-26', '2022-01-06', '2022-01-26', '')
    >>> iso_date("2022-13-40"), iso_date(None)
    ('', '')
    """
    m = _ANY_DATE.match(value) if isinstance(value, str) else None
    if not m or not (1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31):
        return ""
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"


def date_in_name(path: str) -> str:
    """The date a file's path names (the last one, the file's own before its folder's), or "".

    >>> date_in_name("台州日报/2022-01-26/A01.txt"), date_in_name("tzrb_20220126_A01.txt"), date_in_name("2021/p_2022.01.03.md")
    ('2022-01-26', '2022-01-26', '2022-01-03')
    >>> date_in_name("001_d0aa0a4143d35d74.txt"), date_in_name("e20220126f.txt"), date_in_name("x_20221340.txt")
    ('', '', '')
    """
    found = list(_NAME_DATE.finditer(path))
    return f"{found[-1].group(1)}-{found[-1].group(3)}-{found[-1].group(4)}" if found else ""


def front_matter_date(text: str) -> str:
    r"""The ISO date of a Markdown page's front matter ``date:``, or "".

    >>> front_matter_date("---\ntitle: x\ndate: 2024-05-01 08:00\n---\n# 标题"), front_matter_date("# 标题\ndate: 2024-05-01")
    ('2024-05-01', '')
    """
    front = _FRONT_MATTER.match(text)
    date = _FRONT_MATTER_DATE.search(front.group()) if front else None
    return iso_date(date.group(1)) if date else ""


_UNWRITABLE = re.compile(r"[\x00-\x08\x0b-\x1f]|[\ud800-\udfff\ufffe\uffff]")


def plain_text(text: str) -> str:
    """``text`` with its line ends as ``\\n``, a radical that stands for a character as that character (⼤ -> 大,
    ⻓ -> 长: text copied from PDFs holds them), and each character XML cannot hold (a control character other than
    a tab, a lone surrogate of a broken JSON escape) replaced one for one, so that GraphML and GEXF can carry any
    name or sentence of it: a control character by a space (a form feed or vertical tab is one), the rest by U+FFFD.

    >>> plain_text("台州\\r\\n李跃旗\\x0c来到\\x1b椒江\\ud800"), plain_text("⻓江⼤桥，⻩岩区⺠政局")
    ('台州\\n李跃旗 来到 椒江\\ufffd', '长江大桥，黄岩区民政局')
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(LOOKALIKES)
    return _UNWRITABLE.sub(lambda m: " " if m.group() < "\x20" else "\ufffd", text)


_FRONT_MATTER = re.compile(r"\A---\n.*?\n(?:---|\.\.\.)\n", re.S)
_FENCE = re.compile(r"^\s*(?:```|~~~).*$", re.M)
# a table's rule has a bar somewhere (|---|---|, ---|---); "---" alone is a break between parts, or underlines a heading
_TABLE_RULE = re.compile(r"^(?=[^\n]*\|)\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$", re.M)
_SETEXT = re.compile(r"^([ \t]{0,3}[^\s#|>][^\n]*)\n[ \t]{0,3}(=+|-+)[ \t]*$", re.M)  # a heading underlined
_INLINE: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    (re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"), ""),  # an image (its alt text is as often 图片1 as a caption)
    (re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)"), r"\1"),  # a link: its text
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # bold
    (re.compile(r"(?<!\*)\*(?=\S)([^*\n]+?)(?<=\S)\*(?!\*)"), r"\1"),  # italics: *x* even inside a word
    (re.compile(r"(?<![_A-Za-z0-9])_(?=\S)([^_\n]+?)(?<=\S)_(?![_A-Za-z0-9])"), r"\1"),  # _x_, not snake_case
    (re.compile(r"`([^`\n]+)`"), r"\1"),  # code
    (re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", re.M), ""),  # a quote's marks
    # HTML that a page holds (exports of WeChat articles and site posts do): a tag goes, a comment keeps its lines
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>"), ""),
    (re.compile(r"<!--.*?-->", re.S), lambda m: "\n" * m.group().count("\n")),
]
_ENTITY = re.compile(r"&(?:[A-Za-z]{2,8}|#[0-9]{1,6}|#x[0-9A-Fa-f]{1,5});")  # &nbsp; &amp; &#12288;


def markdown_text(text: str) -> str:
    r"""A Markdown page as the text a reader sees, line for line (so that an article's ``lines`` still point into
    the file): front matter, fences and table rules become empty lines, and images nothing; links their text;
    emphasis, code and quote marks go, and so do HTML tags and comments (their entities read: ``&nbsp;``).
    Headings keep their ``#`` (a heading underlined with ``===`` or ``---`` takes them), which :mod:`kg.segment`
    reads, and so does a break (``---`` under an empty line), and a table's rows their bars, which bound each cell
    (the OCR repair would join cells a space apart into one name).

    >>> markdown_text("---\ntitle: x\n---\n# 标题\n**本报讯**（记者 王五）[台州湾新区](http://a.cn)调研*南排工程*。\n| 项目 | 投资 |\n|---|---|")
    '\n\n\n# 标题\n本报讯（记者 王五）台州湾新区调研南排工程。\n| 项目 | 投资 |\n'
    >>> markdown_text("正文。\n\n---\n\n标题\n===\n正文")
    '正文。\n\n---\n\n# 标题\n\n正文'
    >>> markdown_text('<section><p>台州市<span style="color:red">椒江区</span>&nbsp;政府<!-- a\nnote -->召开会议。<br/></p>')
    '台州市椒江区\xa0政府\n召开会议。'
    """
    text = _FRONT_MATTER.sub(lambda m: "\n" * m.group().count("\n"), text, count=1)
    text = _TABLE_RULE.sub("", _FENCE.sub("", text))
    text = _SETEXT.sub(lambda m: ("# " if m.group(2)[0] == "=" else "## ") + m.group(1).strip() + "\n", text)
    for pattern, repl in _INLINE:
        text = pattern.sub(repl, text)
    return _ENTITY.sub(lambda m: html.unescape(m.group()), text)


_WORD_HEADING = re.compile(r"(?:heading|标题)\s*(\d)")


def word_text(data: bytes) -> str:
    """The text of a Word document (.docx) as a page's lines: a paragraph a line (an empty one an empty line), a
    heading (its style Heading n or 标题 n; Title) marked with Markdown's ``#``, which :mod:`kg.segment` reads as a
    headline, and a table's row a line with its cells between bars (one name a cell), in the document's order.
    Page headers and footers, notes and text boxes are left out. ValueError where the file is no Word document.

    >>> import io, docx
    >>> word = docx.Document()
    >>> _ = word.add_heading("南排工程开工", level=2); _ = word.add_paragraph("本报讯 温岭市南排工程开工。")
    >>> row = word.add_table(rows=1, cols=3).rows[0]
    >>> row.cells[0].merge(row.cells[1]).text = "台州湾新材料产业园"; row.cells[2].text = "30亿元"
    >>> saved = io.BytesIO(); word.save(saved)
    >>> print(word_text(saved.getvalue()))
    ## 南排工程开工
    本报讯 温岭市南排工程开工。
    | 台州湾新材料产业园 | 30亿元 |
    """
    from zipfile import BadZipFile

    from docx import Document as WordDocument  # imported only when a folder holds Word documents
    from docx.opc.exceptions import OpcError
    from docx.table import Table

    try:
        word = WordDocument(io.BytesIO(data))
    except (BadZipFile, OpcError, KeyError, ValueError) as error:
        reason = "not a zip archive" if isinstance(error, BadZipFile) else "no Word document's parts in it"
        raise ValueError(f"not a Word document ({reason})") from None
    lines = []
    for block in word.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = list({cell._tc: cell for cell in row.cells}.values())  # a merged cell once
                lines.append("| " + " | ".join(" ".join(cell.text.split()) for cell in cells) + " |")
            continue
        style = (block.style.name if block.style is not None else "").lower()
        heading = _WORD_HEADING.match(style)
        level = int(heading.group(1)) if heading else 1 if style == "title" else 0
        lines.append("#" * min(level, 6) + " " * (level > 0) + block.text)
    if not "".join(lines).strip():
        raise ValueError("no text in this Word document")
    return plain_text("\n".join(lines))


# A field of a Word 97 document: \x13 instruction (HYPERLINK "…") \x14 what it shows \x15; the instruction goes.
_WORD97_FIELD = re.compile(r"\x13[^\x13\x14\x15]*(?:\x14([^\x13\x14\x15]*))?\x15")
# Its other marks: a paragraph's end, a line break, a page or section break; a picture or drawing's anchor, an
# optional hyphen (gone); a non-breaking hyphen and space.
_WORD97_MARKS = {0x0D: "\n", 0x0B: "\n", 0x0C: "\n", 0x01: None, 0x08: None, 0x1F: None, 0x1E: "-", 0xA0: " "}


def word97_text(data: bytes) -> str:
    """The text of a Word 97–2003 document (.doc), the main document's, as a page's lines: a paragraph a line, a
    table's row a line with its cells between bars (as :func:`word_text`; a row's end is read where two cell marks
    follow each other, so an empty cell can end a row early), a field as what it shows (a link's text, not its
    address). Read from the document's piece table ([MS-DOC] 2.9.177: its text in pieces of UTF-16 or, for Latin
    text, of single bytes); styles are not read, so headings are not marked. ValueError where the file is no such
    document or needs a password.

    >>> word97_text(b"not a Word file")
    Traceback (most recent call last):
    ValueError: not a Word 97–2003 document (not an OLE file)
    """
    import struct

    import olefile  # imported only when a folder holds Word 97 documents

    if not data.startswith(olefile.MAGIC):
        raise ValueError("not a Word 97–2003 document (not an OLE file)")
    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
        word = ole.openstream("WordDocument").read()
        ident, flags = struct.unpack_from("<H8xH", word, 0)
    except Exception as error:  # olefile meets damaged files with errors of many kinds; no WordDocument stream
        raise ValueError(f"not a Word 97–2003 document ({error})") from None
    if ident != 0xA5EC:
        raise ValueError("not a Word 97–2003 document (its WordDocument stream is another program's)")
    if flags & 0x0100:
        raise ValueError("a Word document that needs a password")
    try:
        table = ole.openstream("1Table" if flags & 0x0200 else "0Table").read()
        (main_chars,) = struct.unpack_from("<I", word, 0x4C)  # ccpText: the main document, before notes and headers
        clx_at, clx_size = struct.unpack_from("<II", word, 0x1A2)  # fcClx, lcbClx: the piece table's place
        clx = table[clx_at:clx_at + clx_size]
        at = 0
        while clx[at] == 0x01:  # formatting before the piece table
            at += 3 + struct.unpack_from("<H", clx, at + 1)[0]
        (size,) = struct.unpack_from("<I", clx, at + 1)
        pieces = (size - 4) // 12
        starts = struct.unpack_from(f"<{pieces + 1}I", clx, at + 5)  # character positions
        parts = []
        for k in range(pieces):
            (place,) = struct.unpack_from("<I", clx, at + 5 + 4 * (pieces + 1) + 8 * k + 2)
            length = starts[k + 1] - starts[k]
            if place & 0x40000000:  # single bytes, at half the address
                start = (place & 0x3FFFFFFF) // 2
                parts.append(word[start:start + length].decode("cp1252", "replace"))
            else:
                parts.append(word[place:place + 2 * length].decode("utf-16-le", "replace"))
    except Exception as error:  # no table stream, or a piece table that runs off it
        raise ValueError(f"not a readable Word 97–2003 document ({type(error).__name__}: {error})") from None
    text = _word97_lines("".join(parts)[:main_chars])
    if not text.strip():
        raise ValueError("no text in this Word document")
    return plain_text(text)


def _word97_lines(text: str) -> str:
    r"""A Word 97 document's text (its marks as Word stores them) as lines: a paragraph's end (\r) a line's, a field
    what it shows, a table's row (cells ended by \x07, the row by one more) a line with its cells between bars.

    >>> _word97_lines('见\x13 HYPERLINK "http://a.cn" \x14台州网\x15。\r项目\x07投资\x07\x07南排工程\x0730亿元\x07\x07完')
    '见台州网。\n| 项目 | 投资 |\n| 南排工程 | 30亿元 |\n完'
    """
    while (shown := _WORD97_FIELD.sub(lambda m: m.group(1) or "", text)) != text:  # fields inside fields too
        text = shown
    lines = []
    for line in text.replace("\x07\x07", "\x07\r").translate(_WORD97_MARKS).split("\n"):
        if "\x07" in line:  # cells, each ended by \x07
            line = "| " + " | ".join(" ".join(cell.split()) for cell in line.rstrip("\x07").split("\x07")) + " |"
        lines.append(line)
    return "\n".join(lines)


_LETTER = re.compile(r"[A-Za-z]")


def reading_order(boxes: list[Box], bbox: Callable[[Box], tuple[float, float, float, float]] = attrgetter("bbox")
                  ) -> list[Box]:
    """The blocks of a page in the order a reader of a newspaper takes them, by recursive XY-cut over their
    ``bbox`` (x0, y0, x1, y1, y upwards, as pdfminer gives it): the region is cut at its widest gap, a vertical
    gap (wider than 2 points: a gutter) running through the whole region or a horizontal one across it, the left
    or upper part read first, and each part is cut again. So two articles side by side are read one after the
    other, each headline before its own columns, though their headlines stand on one line (the gap between the
    articles is wider than the one under a headline); and a headline over three columns is read before them.

    >>> page = {"header": (0, 95, 100, 100), "A": (0, 60, 45, 70), "B": (55, 60, 100, 70), "A1": (0, 0, 20, 55),
    ...         "A2": (25, 0, 45, 55), "B1": (55, 0, 100, 55)}
    >>> reading_order(list(page), page.__getitem__)
    ['header', 'A', 'A1', 'A2', 'B', 'B1']
    """
    if len(boxes) <= 1:
        return boxes
    across = _widest_gap(boxes, lambda box: (bbox(box)[0], bbox(box)[2]))  # vertical gaps, left to right
    down = _widest_gap(boxes, lambda box: (-bbox(box)[3], -bbox(box)[1]))  # horizontal gaps, from the top down
    cuts = [cut for cut in (across if across[0] > 2.0 else None, down if down[0] > 0.0 else None) if cut]
    if not cuts:
        return sorted(boxes, key=lambda box: (-bbox(box)[3], bbox(box)[0]))  # overlapping: top to bottom
    _, first, rest = max(cuts, key=lambda cut: cut[0])
    return reading_order(first, bbox) + reading_order(rest, bbox)


def _widest_gap(boxes: list[Box], span: Callable[[Box], tuple[float, float]]) -> tuple[float, list[Box], list[Box]]:
    """The widest gap between ``boxes`` along one axis, ``span(box)`` giving a box's (start, end) on it: (its
    width, the boxes before it, the boxes after it); (0, boxes, []) where none lies between them."""
    ordered = sorted(boxes, key=span)
    best: tuple[float, list[Box], list[Box]] = (0.0, ordered, [])
    end = span(ordered[0])[1]
    for n, box in enumerate(ordered[1:], 1):
        start, stop = span(box)
        if start - end > best[0]:
            best = (start - end, ordered[:n], ordered[n:])
        end = max(end, stop)
    return best


def _boxed(line: Any) -> Any:
    """A text line that pdfminer's layout analysis left outside any block, as a block of its own."""
    from pdfminer.layout import LTTextBoxHorizontal

    box = LTTextBoxHorizontal()
    box.add(line)
    return box


def _line_text(line: Any) -> tuple[str, int]:
    """The text of a PDF's text line (pdfminer's LTTextLine) and the number of its glyphs that have no character
    (pdfminer's (cid:123)), which are left out. A gap between two Latin letters as wide as a word space is a space;
    no other gap is: Chinese has none, and a justified line's gaps are not spaces."""
    from pdfminer.layout import LTChar

    glyphs = [item for item in line if isinstance(item, LTChar)]
    chars = [glyph for glyph in glyphs if not glyph.get_text().startswith("(cid:")]
    text = chars[0].get_text() if chars else ""
    for before, char in zip(chars, chars[1:]):
        if _LETTER.match(before.get_text()) and _LETTER.match(char.get_text()) and (
                char.x0 - before.x1 > 0.25 * line.height):
            text += " "  # a word space between two Latin words (Model Y); not inside S2, 2024 or CBD
        text += char.get_text()
    return text, len(glyphs) - len(chars)


class NoTextLayer(ValueError):
    """A PDF with no text in its text layer (a scan) or none that its fonts map to characters: OCR reads it."""


@dataclass
class TextLine:
    """A line of a page's text as a layout gives it: its left and right edges, its baseline's height (y upwards, as
    PDF measures; an image's rows are turned), its height (the type's size), its text and how many characters vote
    for the page's body type (:func:`page_paragraphs`)."""

    x0: float
    y0: float
    x1: float
    height: float
    text: str
    weight: int


@dataclass
class TextBlock:
    """A block of a page's text (a headline, a column's run of lines): its box (x0, y0, x1, y1, y upwards) and its
    lines."""

    bbox: tuple[float, float, float, float]
    lines: list[TextLine]


def page_paragraphs(blocks: Sequence[TextBlock], tolerance: float = 0.1, headline: float = 1.5) -> list[str]:
    """The paragraphs of a page's ``blocks``, given in reading order (:func:`reading_order`), as an OCR'd page
    gives them: a block's lines are read top down (and left to right along one line: baselines less than a third of
    the block's type apart); a line runs on from the one before where that one fills its block's width (in a block
    of two lines or more: a headline alone fills its own) and this one is not indented (no 　 and no shifted start)
    and is set in the same type (heights within ``tolerance`` of each other), also into the next block (a column
    continued in the next). A paragraph in
    type ``headline`` times as big as the page's body type (the height most of its characters have) or more is a
    headline, marked as Markdown's ``#``, which :mod:`kg.segment` reads as one.

    >>> lead = TextBlock((0, 0, 100, 40), [TextLine(0, 30, 100, 10, "台州湾新区的项目", 8),
    ...                                    TextLine(10, 15, 60, 10, "今年开工。", 5)])
    >>> page_paragraphs([TextBlock((0, 50, 100, 70), [TextLine(0, 50, 100, 20, "新区建设", 4)]), lead])
    ['# 新区建设', '台州湾新区的项目', '今年开工。']
    """
    heights: Counter[int] = Counter()
    for line in (line for block in blocks for line in block.lines if line.weight):
        heights[round(line.height)] += line.weight
    body = heights.most_common(1)[0][0] if heights else 0
    paragraphs: list[str] = []
    last: tuple[TextLine, TextBlock] | None = None  # the line read last, and its block
    for block in blocks:
        unit = 0.3 * sorted(line.height for line in block.lines)[len(block.lines) // 2] if block.lines else 1.0
        for line in sorted(block.lines, key=lambda x: (-round(x.y0 / unit), x.x0)):  # a third of the type apart
            raw, size = line.text, line.height
            if not raw.strip():
                continue  # spaces, or glyphs with no character
            indented = raw.startswith("\u3000") or line.x0 > block.bbox[0] + 0.8 * size  # 　　 or a shifted start
            same_line = last is not None and last[1] is block and abs(last[0].y0 - line.y0) < 0.3 * size
            if same_line or last is not None and not indented and _fills(*last) and (
                    abs(last[0].height - size) < tolerance * size):
                paragraphs[-1] += raw.strip()  # runs on, also from one column into the next
            else:  # a headline marked as Markdown's, which kg.segment reads as one
                paragraphs.append(("# " if size >= headline * body else "") + raw.strip())
            last = (line, block)
    return paragraphs


def _fills(line: TextLine, block: TextBlock) -> bool:
    """Whether ``line`` fills the width of its ``block``, in a block of two lines or more (a headline alone fills
    its own)."""
    return len(block.lines) > 1 and line.x1 >= block.bbox[2] - line.height


def _pdf_blocks(page: Any) -> tuple[list[TextBlock], int]:
    """The blocks of a PDF's page (pdfminer's LTPage) in reading order, and the number of its glyphs that have no
    character."""
    from pdfminer.layout import LTTextBox, LTTextLine

    boxes = reading_order([item if isinstance(item, LTTextBox) else _boxed(item) for item in page
                           if isinstance(item, (LTTextBox, LTTextLine))])
    blocks: list[TextBlock] = []
    unmapped = 0
    for box in boxes:
        lines = []
        for line in box:
            if isinstance(line, LTTextLine):
                text, glyphs = _line_text(line)
                unmapped += glyphs
                lines.append(TextLine(line.x0, line.y0, line.x1, line.height, text, len(line)))
        blocks.append(TextBlock(box.bbox, lines))
    return blocks, unmapped


def pdf_text(data: bytes) -> str:
    """The text of a PDF's text layer (a newspaper's page as its digital edition prints it, an article saved as
    PDF) as an OCR'd page comes: a paragraph a line, a blank line between. pdfminer's layout analysis finds the
    blocks of text (a headline, a column's run of lines), which are read in the order a reader takes them
    (:func:`reading_order`); a block's lines are joined where the typesetting runs a paragraph on: a line that fills
    its block's width runs on into the next unless that one is indented, also into the next block where that one
    starts in the same type without an indent (a column continued in the next). A paragraph in type half as big
    again as the page's body type (the height most of its characters have) or more is a headline, marked as
    Markdown's ``#``, which :mod:`kg.segment` reads as one, so that articles with no byline come apart. Gaps are
    no spaces but between Latin words (:func:`_line_text`). Pages follow each other, read one at a time; glyphs
    that the fonts map to no character are left out. ValueError where the file is no readable PDF, needs a
    password, holds no text (a scan: under 20 Chinese characters), or more glyphs with no character than Chinese
    characters.
    """
    from pdfminer.high_level import extract_pages  # imported only when a folder holds PDFs
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its warnings on odd fonts; kg says what it could not read
    pages = extract_pages(io.BytesIO(data), laparams=LAParams())
    paragraphs: list[str] = []
    unmapped = 0  # glyphs whose font gives them no character: pdfminer writes them (cid:123)
    while True:  # a page at a time: a page's layout holds an object for every character
        try:
            page = next(pages, None)
        except PDFPasswordIncorrect:
            raise ValueError("a PDF that needs a password") from None
        except Exception as error:  # pdfminer meets damaged files with errors of many kinds
            raise ValueError(f"not a readable PDF ({type(error).__name__}: {error})") from None
        if page is None:
            break
        blocks, page_unmapped = _pdf_blocks(page)
        paragraphs += page_paragraphs(blocks)
        unmapped += page_unmapped
    text = plain_text("\n\n".join(paragraphs))
    if unmapped > len(_HAN.findall(text)):
        raise NoTextLayer(f"its fonts give {unmapped} of its glyphs no character: kg cannot read the text of this PDF "
                          "(kg build --ocr reads its pages as images; or export its text from the program that made it)")
    if len(_HAN.findall(text)) < 20:
        raise NoTextLayer("no text in this PDF (under 20 Chinese characters): a scan? kg build --ocr reads it")
    return text


# Pages in files that are not text: the reader of each, from the file's bytes to the page's text
_BINARY_PAGES: dict[str, Callable[[bytes], str]] = {".docx": word_text, ".doc": word97_text, ".pdf": pdf_text}


def _binary_page(suffix: str, data: bytes, ocr: Any) -> tuple[str, str]:
    """The text of a page in a file that is not text, and how it was read (``docx``, ``doc``, ``pdf``, or ``ocr``
    for an image or a scanned PDF read with ``ocr``: True, or ``ocr(data, reader)`` reads through a cache)."""
    if suffix not in IMAGES:
        try:
            return _BINARY_PAGES[suffix](data), suffix[1:]
        except NoTextLayer:
            if not ocr:
                raise
    from .ocr import reader_for

    read = reader_for(suffix)
    return (ocr(data, read) if callable(ocr) else read(data)), "ocr"


# The charset a web page declares (<meta charset="big5">, <meta http-equiv=... content="text/html; charset=gbk">).
_DECLARED_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_-]+)", re.I)


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode a saved web page as :func:`decode` does (UTF-8, else GB18030, which reads gb2312 and gbk pages too),
    but a page that declares Big5 in its <meta> (older sites of Taiwan and Hong Kong) as Big5. Other declarations
    are not trusted: pages often declare a charset they are not written in.

    >>> page = '<meta charset="big5"><p>臺州</p>'
    >>> decode_html(page.encode("big5")), decode_html(page.replace("big5", "gbk").encode("gbk"))[1]
    (('<meta charset="big5"><p>臺州</p>', 'big5'), 'gb18030')
    """
    declared = _DECLARED_CHARSET.search(data[:4096])
    if declared and declared.group(1).lower() in (b"big5", b"big5-hkscs", b"big5hkscs", b"cp950"):
        try:
            return data.decode(declared.group(1).decode("ascii").lower()), "big5"
        except UnicodeDecodeError:
            pass  # not Big5 after all: read it as any page
    return decode(data)


_BLOCKS = ("address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption", "figure", "footer",
           "h1", "h2", "h3", "h4", "h5", "h6", "header", "li", "ol", "p", "pre", "section", "table", "td", "th",
           "tr", "ul")
_WHITESPACE = re.compile(r"\s+")


def archived_page(data: bytes) -> bytes:
    """The HTML of a web page saved as one file (MHTML: a MIME message, the page and its images as its parts): the
    first text/html part, decoded from its transfer encoding (quoted-printable, base64), not from its charset.
    ValueError where the file holds none.

    >>> archived_page(b'Content-Type: multipart/related; boundary="b"\\n\\n--b\\nContent-Type: text/html\\n'
    ...               b'Content-Transfer-Encoding: quoted-printable\\n\\n<p>=E5=8F=B0=E5=B7=9E</p>\\n--b--\\n').decode()
    '<p>台州</p>'
    """
    from email import message_from_bytes

    for part in message_from_bytes(data).walk():
        if part.get_content_type() == "text/html":
            html = part.get_payload(decode=True)
            if isinstance(html, bytes):
                return html
    raise ValueError("no web page (text/html) in this web archive")


def block_text(html: str) -> str:
    """The text of an HTML fragment as a browser lays it out: each block (a paragraph, a div, a list item, a
    table's cell, a line after <br>) a paragraph of its own, a blank line between them; inline elements (a link,
    bold) run on inside theirs; runs of whitespace one space; scripts, styles and comments left out.

    >>> block_text("<div><p>本报讯 <a href='#'>台州湾新区</a>\\n调研</p><p>南排工程<br>一期</p><script>f()</script></div>")
    '本报讯 台州湾新区 调研\\n\\n南排工程\\n\\n一期'
    """
    from lxml import etree
    from lxml import html as lxml_html

    root = lxml_html.fragment_fromstring(html, create_parent="div")
    etree.strip_elements(root, "script", "style", etree.Comment, with_tail=False)
    parts = []  # the text in document order, whitespace made one space, "\n" at each block's edges
    for event, element in etree.iterwalk(root, events=("start", "end")):
        if element.tag in _BLOCKS or (element.tag == "br" and event == "start"):
            parts.append("\n")
        text = element.text if event == "start" else element.tail if element is not root else None
        if text:
            parts.append(_WHITESPACE.sub(" ", text))
    paragraphs = (" ".join(paragraph.split()) for paragraph in "".join(parts).split("\n"))
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def html_article(page: str) -> tuple[str, str, str]:
    """The headline, the date (ISO, or "") and the text of the article a web page saved from a news site holds,
    taken out of the site's menus, lists and footers by GNE (GeneralNewsExtractor, made for Chinese news sites: the
    block of the page with the most text and the fewest links); the text starts with the headline, a paragraph
    of its own, unless the article's first paragraph is the headline already. ValueError saying why where the page
    holds no article (no body, or under 20 Chinese characters of text).

    >>> page = ("<html><head><title>南排工程(一期)开工_台州新闻网</title></head><body><div class='nav'><a href='/'>首页</a> <a href='/a'>"
    ...         "要闻</a></div><h1>南排工程(一期)开工</h1><div class='info'>发布时间: 2022-01-26 09:30</div><div "
    ...         "class='article'><p>本报讯(记者 王五)1月25日，温岭市南排工程(一期)城北段项目开工，总投资30亿元。</p>"
    ...         "<p>该项目由<a href='/x'>台州市水利局</a>负责实施，预计2024年完工。</p></div><div class='foot'>"
    ...         "版权所有 台州日报社</div></body></html>")
    >>> html_article(page)
    ('南排工程(一期)开工', '2022-01-26', '南排工程(一期)开工\\n\\n本报讯(记者 王五)1月25日，温岭市南排工程(一期)城北段项目开工，总投资30亿元。\\n\\n该项目由台州市水利局负责实施，预计2024年完工。')
    """
    from gne import GeneralNewsExtractor  # with lxml; imported only when a folder holds web pages
    from gne.exceptions import NoContentException
    from lxml.etree import LxmlError

    try:
        found = GeneralNewsExtractor().extract(_XML_DECLARATION.sub("", page), with_body_html=True)
    except NoContentException:
        raise ValueError("no article found in this web page (no block of text in it)") from None
    except (LxmlError, ValueError) as error:
        raise ValueError(f"no article found in this web page ({error})") from None
    text = block_text(found["body_html"])
    if len(_HAN.findall(text)) < 20:
        raise ValueError("no article found in this web page (under 20 Chinese characters of text)")
    headline = " ".join(found["title"].split())
    if headline and not text.startswith(headline):
        text = f"{headline}\n\n{text}"
    return headline, iso_date(found["publish_time"]), text


def _json_object(line: str) -> dict:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise ValueError(f"invalid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    return record


def parse_record(line: str) -> dict:
    """One line of a JSON Lines file as a record with a "text" string; ValueError saying what is wrong if not.
    (``kg build`` skips such a line, ``kg ner``, ``kg evaluate`` and ``kg train`` stop at it.) Split a file into
    lines at ``\\n`` only: JSON strings may hold U+2028, which ``str.splitlines`` breaks at.

    >>> parse_record('{"id": "a", "text": "台州"}')["text"]
    '台州'
    >>> parse_record('{"id": "a"')
    Traceback (most recent call last):
    ValueError: invalid JSON (Expecting ',' delimiter at column 11)
    """
    record = _json_object(line)
    if not isinstance(record.get("text"), str):
        raise ValueError('no "text" string in this record')
    return record


# What exports call each field of an article (a table's header, a JSONL record's keys), compared without case,
# spaces or punctuation (publish_time, Publish Time and publishTime alike), first choice first: the names
# scrapers (八爪鱼, 后羿, Scrapy items), news databases and GNE give them.
FIELD_NAMES = {
    "text": ("text", "content", "body", "article", "fulltext", "正文", "内容", "全文", "文章内容", "新闻内容",
             "新闻正文", "文本"),
    "title": ("title", "headline", "标题", "题目", "题名", "新闻标题", "文章标题"),
    "date": ("date", "publishdate", "publishtime", "pubdate", "pubtime", "published", "datetime", "time", "日期",
             "发布日期", "发布时间", "发表日期", "发表时间", "出版日期", "刊发日期", "时间"),
    "id": ("id", "articleid", "url", "link", "链接", "网址"),
    "source": ("source", "media", "publisher", "newspaper", "来源", "媒体", "报纸", "报刊", "刊名", "出处"),
}


def _field_key(name: object) -> str:
    return "".join(c for c in str(name).lower() if c.isalnum())


def article_fields(names: Sequence[object]) -> dict[str, int]:
    """Which of ``names`` (a table's header, a record's keys) holds each field of an article (:data:`FIELD_NAMES`):
    {field: index} for the fields found.

    >>> article_fields(["序号", "标题", "发布时间", "正文", "URL"])
    {'text': 3, 'title': 1, 'date': 2, 'id': 4}
    >>> article_fields(["Title", "Publish Time", "content", "text"])
    {'text': 3, 'title': 0, 'date': 1}
    """
    keys = [_field_key(name) for name in names]
    found = {}
    for name, choices in FIELD_NAMES.items():
        at = next((keys.index(choice) for choice in choices if choice in keys), None)
        if at is not None:
            found[name] = at
    return found


def _cell(value: object) -> str:
    """A table's cell or a record's value as text: "" for none, 12 for a spreadsheet's 12.0."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value)


def _row_document(name: str, line: int, encoding: str, fields: dict[str, int],
                  row: Sequence[object]) -> Document | Skipped:
    """The article of one record or table row whose ``fields`` (:func:`article_fields`) include its text."""
    cells = {field: _cell(row[at]) if at < len(row) else "" for field, at in fields.items()}
    text = cells.pop("text")
    if not text.strip():
        return Skipped(name, "empty text", line)
    meta = {field: value.strip() for field, value in cells.items() if value.strip()}
    meta.setdefault("id", f"{name}:{line}")
    return Document(name, plain_text(text), encoding, line, meta)


_OTHER_TEXT_NAMES = "content, 正文, 内容 or another name of kg.read.FIELD_NAMES"


def _records(name: str, text: str, encoding: str) -> Iterator[Document | Skipped]:
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            record = _json_object(line)
        except ValueError as error:
            yield Skipped(name, str(error), n)
            continue
        fields = article_fields(list(record))
        values = list(record.values())
        if "text" not in fields or not isinstance(values[fields["text"]], str):
            yield Skipped(name, f'no "text" string in this record (nor {_OTHER_TEXT_NAMES})', n)
            continue
        yield _row_document(name, n, encoding, fields, values)


def table_rows(data: bytes, suffix: str) -> tuple[list[tuple[int, list]], str]:
    r"""The rows of a table file (``suffix`` ``.csv``, ``.tsv``, ``.xlsx`` or ``.xls``) with the line each starts on
    (a CSV row can span lines: an article's paragraphs), and the file's encoding ("xlsx" or "xls" for a workbook).
    A workbook's rows are those of its first sheet whose first rows name a column of article text, else of its
    first sheet. A CSV file's separator is the one of comma, tab and semicolon its first line holds most (commas
    where none), a TSV file's the tab. ValueError saying why where the file is no such table.

    >>> table_rows("标题,正文\n南排工程开工,\"本报讯 温岭市\n南排工程开工。\"\n".encode("gb18030"), ".csv")
    ([(1, ['标题', '正文']), (2, ['南排工程开工', '本报讯 温岭市\n南排工程开工。'])], 'gb18030')
    """
    if suffix in (".xlsx", ".xls"):
        return (_sheet_rows(data), "xlsx") if suffix == ".xlsx" else (_old_sheet_rows(data), "xls")
    text, encoding = decode(data)
    text = plain_text(text)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if suffix == ".tsv" else max(",\t;", key=first.count)  # a tie (none): the comma
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, start = [], 1
    try:
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as error:
        raise ValueError(f"broken table at line {start} ({error})") from None
    return rows, encoding


def _sheet_rows(data: bytes) -> list[tuple[int, list]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook  # imported only when a folder holds workbooks
    from openpyxl.utils.escape import unescape

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError, ValueError) as error:
        raise ValueError(f"not an Excel workbook ({error})") from None
    # Excel writes a carriage return in a cell as _x000D_, which openpyxl hands on as it is
    rows = _article_sheet([(n, [unescape(cell) if isinstance(cell, str) else cell for cell in row])
                           for n, row in enumerate(sheet.iter_rows(values_only=True), 1)] for sheet in book.worksheets)
    book.close()
    return rows


def _old_sheet_rows(data: bytes) -> list[tuple[int, list]]:
    """The rows of an Excel 97–2003 workbook (.xls), as :func:`_sheet_rows` gives a workbook's."""
    import xlrd  # imported only when a folder holds such workbooks

    try:
        book = xlrd.open_workbook(file_contents=data)
    except Exception as error:  # xlrd meets damaged files with errors of many kinds
        raise ValueError(f"not an Excel 97–2003 workbook ({error})") from None
    def value(cell: Any) -> object:  # a date as a date, not as Excel's count of days
        return xlrd.xldate_as_datetime(cell.value, book.datemode) if cell.ctype == xlrd.XL_CELL_DATE else cell.value

    return _article_sheet([(n + 1, [value(cell) for cell in sheet.row(n)]) for n in range(sheet.nrows)]
                          for sheet in book.sheets())


def _article_sheet(sheets: Iterable[list[tuple[int, list]]]) -> list[tuple[int, list]]:
    """The rows of the first sheet whose first rows name a column of article text, else of the first sheet; the
    sheets after that one are not read."""
    first = None
    for rows in sheets:
        if _header(rows) is not None:
            return rows
        first = rows if first is None else first
    return first or []


def _header(rows: list[tuple[int, list]]) -> int | None:
    """The index of a table's header among its first five rows: the first that names a column of article text."""
    return next((i for i, (_, row) in enumerate(rows[:5]) if "text" in article_fields(row)), None)


def _table(name: str, data: bytes, suffix: str) -> Iterator[Document | Skipped]:
    """One Document a row of a table whose header names a column of article text (:data:`FIELD_NAMES`), a Skipped
    a row with no text; the whole file skipped where it is no table or its header names no text column."""
    try:
        rows, encoding = table_rows(data, suffix)
    except ValueError as error:
        yield Skipped(name, str(error))
        return
    at = _header(rows)
    if at is None:
        first = next((row for _, row in rows if any(_cell(c).strip() for c in row)), [])
        columns = ", ".join(_cell(c) for c in first if _cell(c).strip()) or "none"
        yield Skipped(name, f"no column of article text (its columns: {columns}); name it text, {_OTHER_TEXT_NAMES}")
        return
    fields = article_fields(rows[at][1])
    filled = [(line, row) for line, row in rows[at + 1:] if any(_cell(c).strip() for c in row)]  # blank rows: none
    if not filled:
        yield Skipped(name, "no rows under its header")
    for line, row in filled:
        yield _row_document(name, line, encoding, fields, row)
