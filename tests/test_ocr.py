"""Page images and scanned PDFs read by OCR (kg.ocr, ``kg build --ocr``), on a made-up page drawn by
tests/fixtures/ocr/make_page.py: a headline over an article in two columns with a narrow gutter, justified lines,
and a second article under a rule."""

import csv
import shutil

import pytest

from kg.cli import main
from kg.read import Document, Skipped, read_paths

# what a reader reads on the page: each headline before its article, the left column before the right one, a
# paragraph that a line's end breaks run on, a new paragraph at each indent
PAGE = ["# 台州湾大桥改扩建工程开工",
        "本报讯（记者王建国）昨天上午，台州湾大桥改扩建工程在椒江区开工。该工程全长12公里，总投资约38亿元。",
        "台州市交通运输局局长李明华说，工程计划2028年建成通车。",
        "建成后，椒江区至路桥区的车程将缩短一半。台州湾新区管委会将同步建设沿线配套道路。",
        "今年，全市还将开工15个重大交通项目，总投资超过200亿元。",
        "# 黄岩东城街道举办社区文化节",
        "本报讯（通讯员陈晓燕）近日，黄岩区东城街道举办第三届社区文化节，吸引了两千多名居民参加。"]


def test_a_page_image_is_read_in_reading_order_into_paragraphs_under_marked_headlines(fixtures, tmp_path):
    shutil.copy(fixtures / "ocr" / "page.png", tmp_path / "tzrb_20220126_02.png")
    (page,) = read_paths([tmp_path], ocr=True)
    assert isinstance(page, Document)
    assert (page.encoding, page.date) == ("ocr", "2022-01-26")
    assert page.text.split("\n\n") == PAGE


def test_a_scanned_pdf_is_read_by_ocr_and_reported_without_it(fixtures, tmp_path):
    from reportlab.pdfgen import canvas

    scan = canvas.Canvas(str(tmp_path / "scan.pdf"), pagesize=(540, 420))  # the page as a scanner stores it: an
    scan.drawImage(str(fixtures / "ocr" / "page.png"), 0, 0, 540, 420)  # image of 900 x 700 pixels at 120 dpi
    scan.save()
    (tmp_path / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    without = {item.source: item for item in read_paths([tmp_path])}
    assert list(without) == ["scan.pdf"]  # images in a folder are passed over without ocr; one named is reported
    assert [str(item) for item in read_paths([tmp_path / "broken.png"])] == [
        "broken.png: a page image: kg build --ocr reads it"]
    assert str(without["scan.pdf"]) == ("scan.pdf: no text in this PDF (under 20 Chinese characters): a scan? "
                                        "kg build --ocr reads it")
    read = {item.source: item for item in read_paths([tmp_path], ocr=True)}
    assert isinstance(read["broken.png"], Skipped) and str(read["broken.png"]).startswith(
        "broken.png: not an image kg can read (")
    scanned = read["scan.pdf"]
    assert isinstance(scanned, Document) and scanned.encoding == "ocr"
    assert [p for p in scanned.text.split("\n\n") if p.startswith("# ")] == [PAGE[0], PAGE[5]]
    assert "台州市交通运输局局长李明华说，工程计划2028年建成通车。" in scanned.text.split("\n\n")


def test_kg_build_ocr_makes_a_graph_of_page_images_and_passes_them_over_without_it(fixtures, tmp_path, capsys):
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(fixtures / "ocr" / "page.png", pages / "page.png")
    from PIL import Image

    Image.new("RGB", (400, 300), (90, 140, 200)).save(pages / "photo.jpg")  # a photo: no text in it
    assert main(["build", str(pages), "-o", str(tmp_path / "plain")]) == 0
    plain = capsys.readouterr()
    assert ("  passed over 2 files of other kinds (.jpg 1, .png 1): kg reads .txt, .md, .docx, .doc, .pdf, .jsonl, "
            ".csv, .tsv, .xlsx, .xls, .html, .htm, .shtml, .mhtml, .mht; --ocr reads page images") in plain.out
    assert main(["build", str(pages), "-o", str(tmp_path / "out"), "--ocr"]) == 0
    captured = capsys.readouterr()
    out = captured.out.splitlines()
    assert captured.err.splitlines() == ["reading by OCR: 1/2 page images and scans",
                                         "reading by OCR: 2/2 page images and scans"]
    assert out[:2] == ["read 2 files, skipped 1; 2 articles",
                       "  skipped photo.jpg: OCR found no text in this image (under 20 Chinese characters)"]
    cache = tmp_path / "out" / ".kg-cache.sqlite"
    assert f"  0 page images and scans read by OCR in an earlier run, taken from {cache}" in out
    first = {f.name: f.read_bytes() for f in (tmp_path / "out").iterdir() if not f.name.startswith(".")}
    # a rerun takes what OCR read (and what it found no text in) from the cache, and writes the same outputs
    assert main(["build", str(pages), "-o", str(tmp_path / "out"), "--ocr"]) == 0
    captured = capsys.readouterr()
    again = captured.out.splitlines()
    assert captured.err == ""  # nothing left to OCR
    assert again[:2] == out[:2]
    assert f"  2 page images and scans read by OCR in an earlier run, taken from {cache}" in again
    assert {f.name: f.read_bytes() for f in (tmp_path / "out").iterdir() if not f.name.startswith(".")} == first
    # OCR in two worker processes (read ahead of the pages), and recognition too: the same outputs
    assert main(["build", str(pages), "-o", str(tmp_path / "two"), "--ocr", "--processes", "2", "--no-cache"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines()[:2] == out[:2]
    assert captured.err.splitlines()[-1] == "reading by OCR: 2/2 page images and scans"
    assert {f.name: f.read_bytes() for f in (tmp_path / "two").iterdir()} == first
    with open(tmp_path / "out" / "articles.csv", encoding="utf-8-sig") as f:
        assert [row["headline"] for row in csv.DictReader(f)] == ["台州湾大桥改扩建工程开工", "黄岩东城街道举办社区文化节"]
    with open(tmp_path / "out" / "entities.csv", encoding="utf-8-sig") as f:
        entities = {row["id"] for row in csv.DictReader(f)}
    assert {"PER:王建国", "PER:李明华", "PER:陈晓燕", "ORG:台州市交通运输局", "PROJECT:台州湾大桥改扩建工程",
            "LOC:椒江区"} <= entities


def test_read_ahead_ocrs_page_images_and_scans_in_workers_and_leaves_text_pdfs(fixtures, tmp_path):
    from reportlab.pdfgen import canvas
    from typeset import newspaper_page

    from kg.build import OCRCache
    from kg.read import ocr_candidates

    shutil.copy(fixtures / "ocr" / "page.png", tmp_path / "page.png")
    scan = canvas.Canvas(str(tmp_path / "scan.pdf"), pagesize=(540, 420))
    scan.drawImage(str(fixtures / "ocr" / "page.png"), 0, 0, 540, 420)
    scan.save()
    newspaper_page(tmp_path / "typeset.pdf", "台州日报 2022年1月26日 星期三 第1版",
                   ("椒江举行招商推介会", ["本报讯(记者 赵六)近日，椒江区在上海举行招商推介会，签约项目12个。"]), [])
    (tmp_path / "notes.txt").write_text("台州湾新区今年开工十个项目。", encoding="utf-8")
    assert [f.name for f in ocr_candidates([tmp_path])] == ["page.png", "scan.pdf", "typeset.pdf"]
    cache = OCRCache()
    cache.read_ahead(ocr_candidates([tmp_path]), 2)
    assert cache.db.execute("SELECT COUNT(*) FROM ocr_pages WHERE text IS NOT NULL").fetchone() == (2,)

    def read_again(data, read):  # reading now takes both from the cache, OCR never runs again
        return cache.text(data, lambda _: pytest.fail("OCR ran again"))

    read = {item.source: item for item in read_paths([tmp_path], ocr=read_again)}
    assert [read[name].encoding for name in ("page.png", "scan.pdf", "typeset.pdf")] == ["ocr", "ocr", "pdf"]
    assert read["page.png"].text.split("\n\n") == PAGE
    assert read["scan.pdf"].text == read["page.png"].text
