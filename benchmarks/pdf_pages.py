"""How well kg reads newspaper pages printed to PDF: the gold file's articles typeset as newspaper pages (a lead
article over three columns, two more side by side under it, two columns each, as many as fit; a long article alone
on its page, in smaller type; tests/typeset.py), built into a graph by ``kg build`` from the PDFs, and scored against
the gold graph beside the graph built from the same pages as text (each article's headline, then its paragraphs, a
blank line between them) and the one built from the gold records (one article each, no segmenting). Where reading
the PDFs loses nothing, they score as the text pages or better (a headline's type marks where an article starts).

    python benchmarks/pdf_pages.py [--gold benchmarks/gold/sample_pages.jsonl] [--out /tmp/kg-pdf-pages] [--ocr]

With ``--ocr`` the PDF pages are also drawn as images (pdfium, at kg.ocr.SCAN_DPI) and built with ``kg build --ocr``
(RapidOCR: ``pip install 'kg[ocr]'``), as a paper's page images or scans would be; the seconds per page of OCR are
printed. pdfium draws the pages' Chinese type (reportlab's STSong-Light, not embedded) only with a Chinese font on
the system (Debian: ``apt-get install fonts-wqy-zenhei``).

Prints the articles each build found, the seconds per page of reading the PDFs, and the node and edge figures of
``benchmarks/graph_accuracy.py`` for each. The typesetting is reportlab's (a CID font mapped to Unicode): a real
paper's PDF may use embedded fonts, other layouts, or no text layer.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from graph_accuracy import gold_graph, scores  # noqa: E402
from typeset import fitting_size, newspaper_page  # noqa: E402

from kg.build import OCRCache, build  # noqa: E402
from kg.read import pdf_text  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gold", default=str(ROOT / "benchmarks" / "gold" / "sample_pages.jsonl"))
    parser.add_argument("--out", default="/tmp/kg-pdf-pages")
    parser.add_argument("--ocr", action="store_true", help="also build from the pages drawn as images, by OCR")
    args = parser.parse_args()
    records = [json.loads(line) for line in Path(args.gold).read_text(encoding="utf-8").splitlines() if line.strip()]
    out = Path(args.out)
    for folder in ("pdf", "text", "jsonl", "images"):
        (out / folder).mkdir(parents=True, exist_ok=True)
        for old in (out / folder).iterdir():
            old.unlink()
    articles = []
    for record in records:
        lines = [line.strip() for line in record["text"].split("\n") if line.strip()]
        articles.append((lines[0], lines[1:] or [lines[0]]))
    pages, n = 0, 0
    while n < len(articles):  # as many as fit of three, or the next alone, in smaller type where it needs it
        lead, size = articles[n], fitting_size(articles[n])
        below = next((articles[n + 1:n + k] for k in (3, 2) if n + k <= len(articles)
                      and newspaper_page(io.BytesIO(), "", lead, articles[n + 1:n + k], size)), [])
        pages += 1
        newspaper_page(out / "pdf" / f"page_{pages:03d}.pdf", f"第{pages}版", lead, below, size)
        parts = [f"第{pages}版"] + [part for headline, paragraphs in [lead] + below for part in [headline, *paragraphs]]
        (out / "text" / f"page_{pages:03d}.txt").write_text("\n\n".join(parts) + "\n", encoding="utf-8")
        n += 1 + len(below)
    (out / "jsonl" / "articles.jsonl").write_text(
        "".join(json.dumps({"id": r["id"], "text": r["text"]}, ensure_ascii=False) + "\n" for r in records),
        encoding="utf-8")
    files = sorted((out / "pdf").iterdir())
    started = time.perf_counter()
    for file in files:
        pdf_text(file.read_bytes())
    seconds = (time.perf_counter() - started) / len(files)
    gold = gold_graph(Path(args.gold))
    print(f"{len(records)} gold articles typeset on {len(files)} PDF pages; reading a page's text: {seconds:.2f} s")
    folders = ["pdf", "text", "jsonl"]
    if args.ocr:
        import pypdfium2

        from kg.ocr import SCAN_DPI, image_text

        for file in files:
            pypdfium2.PdfDocument(file)[0].render(scale=SCAN_DPI / 72).to_pil().save(
                out / "images" / f"{file.stem}.png")
        images = sorted((out / "images").iterdir())
        ocr_cache = out / "ocr-cache.sqlite"  # the timed OCR's text, which the build below then takes
        ocr_cache.unlink(missing_ok=True)
        pages = OCRCache(ocr_cache)
        started = time.perf_counter()
        for image in images:
            pages.text(image.read_bytes(), image_text)
        pages.close()
        print(f"drawn as {len(images)} images at {SCAN_DPI} dpi; reading a page by OCR: "
              f"{(time.perf_counter() - started) / len(images):.1f} s")
        folders.append("images")
    for folder in folders:
        built, found = build([out / folder], ocr=folder == "images",
                             cache=out / "ocr-cache.sqlite" if folder == "images" else None)
        print(f"built from {folder}: {len(found)} articles, {built.number_of_nodes()} nodes, "
              f"{built.number_of_edges()} edges")
        print("  " + scores(built, gold).replace("\n", "\n  "))


if __name__ == "__main__":
    main()
