from kg.read import Document, Skipped, decode, read_paths
from kg.segment import segment


def test_reads_pages_and_records_and_reports_bad_files(fixtures):
    items = list(read_paths([fixtures]))
    docs = {(d.source, d.line): d for d in items if isinstance(d, Document)}
    skipped = {(s.source, s.line): s.reason for s in items if isinstance(s, Skipped)}
    assert skipped == {
        ("binary.txt", None): "binary file (NUL bytes), not text",
        ("empty.txt", None): "empty file",
        ("export.jsonl", 3): "invalid JSON (Expecting value at column 1)",
        ("export.jsonl", 4): 'no "text" string in this record (nor content, 正文, 内容 or another name of '
                             'kg.read.FIELD_NAMES)',
    }
    assert docs[("gb18030.txt", 1)].encoding == "gb18030"
    assert docs[("gb18030.txt", 1)].text.startswith("## 标题\n")
    assert docs[("bom.txt", 1)].text.startswith("本报讯")  # BOM removed
    assert docs[("export.jsonl", 1)].meta == {"id": "a1", "title": "潘军明调研", "date": "2021-09-18"}
    assert docs[("export.jsonl", 2)].meta == {"id": "a2"}
    assert ("pages/page.txt", 1) in docs


def test_skipped_names_file_and_line():
    assert str(Skipped("x.jsonl", "invalid JSON", 3)) == "x.jsonl:3: invalid JSON"


def test_decode_rejects_undecodable_bytes():
    import pytest

    with pytest.raises(ValueError, match="binary"):
        decode(bytes(range(1, 32)) * 20)
    assert decode("进出口".encode("utf-8")) == ("进出口", "utf-8")


def test_crlf_becomes_lf(tmp_path):
    (tmp_path / "a.txt").write_bytes("第一行\r\n第二行".encode("utf-8"))
    (doc,) = read_paths([tmp_path])
    assert doc.text == "第一行\n第二行"


def test_utf16_text_with_its_byte_order_mark_is_read(tmp_path):
    # Windows' "Unicode" text: UTF-16 with a BOM, full of NUL bytes, which would otherwise read as binary
    (tmp_path / "le.txt").write_bytes("本报讯 温岭市长张三来到石塘镇。\r\n".encode("utf-16-le").join([b"\xff\xfe", b""]))
    (tmp_path / "be.txt").write_bytes(b"\xfe\xff" + "台州湾新区".encode("utf-16-be"))
    (tmp_path / "bom-only.txt").write_bytes(b"\xff\xfe")
    items = {item.source: item for item in read_paths([tmp_path])}
    assert (items["le.txt"].text, items["le.txt"].encoding) == ("本报讯 温岭市长张三来到石塘镇。\n", "utf-16")
    assert (items["be.txt"].text, items["be.txt"].encoding) == ("台州湾新区", "utf-16")
    assert str(items["bom-only.txt"]) == "bom-only.txt: empty file"


def test_a_big5_text_is_read_as_big5_and_a_gbk_one_as_gb18030(tmp_path):
    # GB18030 reads Big5's bytes without error, as characters of its private-use area
    text = "本報訊 臺州市政府召開會議，市長張三出席。\n"
    (tmp_path / "hk.txt").write_bytes(text.encode("big5"))
    (tmp_path / "gbk.txt").write_bytes("本报讯 台州市政府召开会议，市长张三出席。\n".encode("gbk"))
    items = {item.source: item for item in read_paths([tmp_path])}
    assert (items["hk.txt"].text, items["hk.txt"].encoding) == (text, "big5")
    assert (items["gbk.txt"].text, items["gbk.txt"].encoding) == ("本报讯 台州市政府召开会议，市长张三出席。\n", "gb18030")


def test_a_record_with_empty_text_is_reported_with_its_line(tmp_path):
    (tmp_path / "x.jsonl").write_text('{"id": "a", "text": "台州"}\n{"id": "b", "text": " \\n "}\n', encoding="utf-8")
    items = list(read_paths([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Document", "Skipped"]
    assert str(items[1]) == "x.jsonl:2: empty text"


def test_a_markdown_page_is_read_as_its_reader_sees_it_line_for_line(tmp_path):
    page = ("---\ntitle: 台州湾新区建设提速\ndate: 2024-05-01\n---\n\n# 台州湾新区建设提速\n\n![鸟瞰](images/a.jpg)\n\n"
            "**本报讯**（记者 王媛媛）[台州湾新区](https://www.zjtz.gov.cn/)管委会主任李强调研*甬台温高速公路改扩建工程*。\n"
            "> 记者 张三 摄\n```\ncode_name = 1\n```\n")
    (tmp_path / "page.md").write_text(page, encoding="utf-8")
    (tmp_path / "page.txt").write_text(page, encoding="utf-8")  # a .txt page is read as written
    docs = {d.source: d for d in read_paths([tmp_path])}
    assert docs["page.md"].text == ("\n\n\n\n\n# 台州湾新区建设提速\n\n\n\n"
                                    "本报讯（记者 王媛媛）台州湾新区管委会主任李强调研甬台温高速公路改扩建工程。\n"
                                    "记者 张三 摄\n\ncode_name = 1\n\n")
    assert docs["page.md"].text.count("\n") == page.count("\n")
    assert docs["page.txt"].text == page


def test_html_that_a_markdown_page_holds_is_read_as_its_text(tmp_path):
    # an export of a WeChat article: its paragraphs in <section> and <p>, a name styled inside a <span>
    page = ('# 南排工程开工\n<section><p>本报讯（记者 王媛媛）温岭市<span style="color:#c00">南排工程</span>&nbsp;今天'
            '开工。<br/></p></section>\n<!-- 广告 -->\n')
    (tmp_path / "page.md").write_text(page, encoding="utf-8")
    (doc,) = read_paths([tmp_path])
    assert doc.text == "# 南排工程开工\n本报讯（记者 王媛媛）温岭市南排工程\xa0今天开工。\n\n"
    (article,) = segment(doc)
    assert (article.headline, article.byline, article.lines) == ("南排工程开工", "本报讯（记者 王媛媛）", (1, 2))


def test_files_of_several_folders_are_named_apart_and_read_once(tmp_path):
    # two days' folders each with 01.txt: one article id each, not one shared by both
    for day, text in (("d1", "台州市委书记李跃旗来到椒江区。"), ("d2", "温州市委书记张三来到鹿城区。")):
        (tmp_path / day).mkdir()
        (tmp_path / day / "01.txt").write_text(text, encoding="utf-8")
    docs = list(read_paths([tmp_path / "d1", tmp_path / "d2", tmp_path / "d1" / "01.txt"]))
    assert [(d.source, d.text[:2]) for d in docs] == [("d1/01.txt", "台州"), ("d2/01.txt", "温州")]
    assert [d.source for d in read_paths([tmp_path / "d1"])] == ["01.txt"]  # one folder: named within it


def test_a_link_whose_target_is_gone_is_reported_not_passed_over(tmp_path):
    (tmp_path / "page.txt").write_text("本报讯 台州湾新区建设提速。", encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "moved" / "gone.txt")
    (tmp_path / "a-link.txt").symlink_to(tmp_path / "page.txt")  # a live link: its target is read once, first by it
    items = [str(item) if isinstance(item, Skipped) else item.source for item in read_paths([tmp_path])]
    assert items == ["a-link.txt", f"gone.txt: broken link: its target {tmp_path / 'moved' / 'gone.txt'} does not exist"]


def test_a_pages_date_comes_from_its_markdown_front_matter_or_its_files_path(tmp_path):
    (tmp_path / "2022-01-26").mkdir()
    (tmp_path / "2022-01-26" / "A01.txt").write_text("台州湾新区建设提速\n\n本报讯 台州湾新区开工。\n", encoding="utf-8")
    (tmp_path / "tzrb_20211231_A02.txt").write_text("本报讯 路桥区开工。\n", encoding="utf-8")
    (tmp_path / "page.md").write_text("---\ntitle: x\ndate: '2024/5/1'\n---\n\n# 标题\n\n本报讯 温岭开工。\n", encoding="utf-8")
    (tmp_path / "e20220126f.txt").write_text("本报讯 黄岩开工。\n", encoding="utf-8")  # a hash, not a date
    (tmp_path / "dated_20200101.txt").write_text("2022年1月26日 星期三\n\n本报讯 椒江开工。\n", encoding="utf-8")
    dates = {d.source: d.date for d in read_paths([tmp_path])}
    assert dates == {"2022-01-26/A01.txt": "2022-01-26", "tzrb_20211231_A02.txt": "2021-12-31", "page.md": "2024-05-01",
                     "e20220126f.txt": "", "dated_20200101.txt": "2020-01-01"}
    # a page's own date line comes before its file's
    from kg.segment import segment
    articles = {a.source: a.date for d in read_paths([tmp_path]) for a in segment(d)}
    assert articles["dated_20200101.txt"] == "2022-01-26" and articles["2022-01-26/A01.txt"] == "2022-01-26"


WEB_ARTICLE = ("温岭南排工程(一期)城北段开工\n\n"
               "本报讯(记者 王五 通讯员 赵六)1月25日上午，温岭市南排工程(一期)城北段项目正式开工。 "
               "该项目总投资30亿元，由台州市水利局负责实施。\n\n"
               "市委书记李跃旗出席开工仪式。他说，南排工程是温岭防洪排涝的骨干工程，要确保 2024年全线完工。\n\n"
               "开工现场。记者 王五 摄")


def test_a_saved_web_page_is_read_as_its_article_without_the_sites_menus_and_footer(fixtures):
    # fixtures/web/content_1.html: a page as a local news site serves it (a menu, a breadcrumb, the article with an
    # info line, a related-news list, a footer, a script), declared and written in GB2312; written for the tests
    (doc,) = read_paths([fixtures / "web"])
    assert (doc.source, doc.encoding, doc.line) == ("content_1.html", "gb18030", 1)
    assert doc.meta == {"id": "content_1.html", "title": "温岭南排工程(一期)城北段开工", "date": "2022-01-26"}
    assert doc.text == WEB_ARTICLE


def test_a_web_page_declared_in_big5_is_read_as_big5_and_one_without_an_article_is_skipped(fixtures, tmp_path):
    from opencc import OpenCC

    page = (fixtures / "web" / "content_1.html").read_bytes().decode("gb2312").replace("gb2312", "big5")
    (tmp_path / "hk.htm").write_bytes(OpenCC("s2t").convert(page).encode("big5"))
    (tmp_path / "index.html").write_text('<html><body><ul><li><a href="/1">台州新闻</a></li><li><a href="/2">'
                                         '国内新闻</a></li></ul></body></html>', encoding="utf-8")
    (tmp_path / "blank.shtml").write_text("<html><head><title>台州</title></head><body></body></html>",
                                          encoding="utf-8")
    (tmp_path / "plain.html").write_text("台州新闻网 浙ICP备05001234号", encoding="utf-8")  # no HTML at all
    items = {item.source: item for item in read_paths([tmp_path])}
    assert (items["hk.htm"].encoding, items["hk.htm"].meta["title"]) == ("big5", "溫嶺南排工程(一期)城北段開工")
    assert items["hk.htm"].text.startswith("溫嶺南排工程(一期)城北段開工\n\n本報訊(記者 王五 通訊員 趙六)")
    assert {name: str(item) for name, item in items.items() if isinstance(item, Skipped)} == {
        "index.html": "index.html: no article found in this web page (under 20 Chinese characters of text)",
        "blank.shtml": "blank.shtml: no article found in this web page (under 20 Chinese characters of text)",
        "plain.html": "plain.html: no article found in this web page (no block of text in it)"}


def test_a_web_page_saved_as_one_file_is_read_as_its_article(fixtures, tmp_path):
    # MHTML as Chrome and Edge save "Webpage, Single File": a MIME message, the page quoted-printable in UTF-8
    from email import charset
    from email.mime.image import MIMEImage
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    utf8 = charset.Charset("utf-8")
    utf8.body_encoding = charset.QP
    page = (fixtures / "web" / "content_1.html").read_bytes().decode("gb2312").replace("gb2312", "utf-8")
    archive = MIMEMultipart("related", type="text/html")
    archive["From"] = "<Saved by Blink>"
    archive["Snapshot-Content-Location"] = "https://www.example.cn/tz/2022-01/26/content_1.html"
    archive.attach(MIMEText(page, "html", utf8))
    archive.attach(MIMEImage(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "gif"))
    (tmp_path / "content_1.mhtml").write_bytes(archive.as_bytes())
    (tmp_path / "notes.mht").write_text("Content-Type: text/plain\n\n台州", encoding="utf-8")
    items = {item.source: item for item in read_paths([tmp_path])}
    assert (items["content_1.mhtml"].meta["title"], items["content_1.mhtml"].text) == (
        "温岭南排工程(一期)城北段开工", WEB_ARTICLE)
    assert str(items["notes.mht"]) == "notes.mht: no web page (text/html) in this web archive"


def test_a_table_of_articles_is_read_one_article_a_row_by_its_column_names(tmp_path):
    # as a scraper exports a paper's site and Excel saves it on a Chinese Windows: GB18030, an article's
    # paragraphs inside one quoted cell, a blank row, a row whose text is empty
    table = ("序号,标题,发布时间,来源,正文,链接\r\n"
             '1,南排工程开工,2022/1/26 09:30,台州日报,"本报讯 1月25日，温岭市南排工程(一期)开工。\r\n'
             '该项目由台州市水利局实施。",http://www.taizhou.com.cn/a/1.html\r\n'
             "\r\n"
             "2,无正文,2022/1/27,台州日报,,http://www.taizhou.com.cn/a/2.html\r\n"
             "3,椒江调研,2022年1月28日,,区委书记潘军明在椒江调研。,\r\n")
    (tmp_path / "export.csv").write_bytes(table.encode("gb18030"))
    (tmp_path / "names.csv").write_text("alias,entity\n杭城,LOC:杭州市\n", encoding="utf-8")
    items = list(read_paths([tmp_path]))
    assert [str(i) for i in items if isinstance(i, Skipped)] == [
        "export.csv:5: empty text",
        "names.csv: no column of article text (its columns: alias, entity); name it text, content, 正文, 内容 or "
        "another name of kg.read.FIELD_NAMES"]
    first, third = [i for i in items if isinstance(i, Document)]
    assert (first.source, first.line, first.encoding) == ("export.csv", 2, "gb18030")
    assert first.text == "本报讯 1月25日，温岭市南排工程(一期)开工。\n该项目由台州市水利局实施。"
    assert first.meta == {"id": "http://www.taizhou.com.cn/a/1.html", "title": "南排工程开工", "date": "2022/1/26 09:30",
                          "source": "台州日报"}
    assert (third.line, third.meta) == (6, {"id": "export.csv:6", "title": "椒江调研", "date": "2022年1月28日"})


def test_a_tab_separated_table_and_a_jsonl_export_with_other_field_names_are_read(tmp_path):
    (tmp_path / "a.tsv").write_text("Title\tPublish Time\tContent\n椒江调研\t2022-01-28\t区委书记潘军明在椒江调研。\n",
                                    encoding="utf-8-sig")
    (tmp_path / "b.jsonl").write_text('{"标题": "南排工程开工", "内容": "温岭市南排工程开工。", "url": "u1"}\n'
                                      '{"标题": "无正文", "内容": 3}\n', encoding="utf-8")
    items = {(i.source, i.line): i for i in read_paths([tmp_path])}
    assert (items["a.tsv", 2].text, items["a.tsv", 2].meta) == (
        "区委书记潘军明在椒江调研。", {"id": "a.tsv:2", "title": "椒江调研", "date": "2022-01-28"})
    assert (items["b.jsonl", 1].text, items["b.jsonl", 1].meta) == ("温岭市南排工程开工。", {"id": "u1", "title": "南排工程开工"})
    assert isinstance(items["b.jsonl", 2], Skipped)


def test_an_excel_workbook_is_read_from_the_sheet_that_holds_articles(tmp_path):
    from datetime import datetime

    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "说明"
    book.active.append(["导出自台州日报数字报"])
    sheet = book.create_sheet("文章")
    sheet.append(["台州日报 2022年1月"])  # a title row above the header
    sheet.append(["ID", "标题", "日期", "正文"])
    # Excel's own files hold a carriage return in a cell as _x000D_
    sheet.append([101, "南排工程开工", datetime(2022, 1, 26, 9, 30), "温岭市南排工程(一期)开工。_x000D_\n台州市水利局实施。"])
    sheet.append([None, None, None, None])
    sheet.append([102, "椒江调研", "2022-01-28", "区委书记潘军明在椒江调研。"])
    book.save(tmp_path / "export.xlsx")
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    items = list(read_paths([tmp_path]))
    assert str(items[0]).startswith("broken.xlsx: not an Excel workbook (")
    first, second = items[1:]
    assert (first.source, first.line, first.encoding, first.text) == (
        "export.xlsx", 3, "xlsx", "温岭市南排工程(一期)开工。\n台州市水利局实施。")
    assert first.meta == {"id": "101", "title": "南排工程开工", "date": "2022-01-26 09:30:00"}
    assert (second.line, second.meta["id"]) == (5, "102")


def test_a_word_document_is_read_as_a_page_its_headings_as_headlines(tmp_path):
    import docx

    word = docx.Document()
    word.sections[0].header.paragraphs[0].text = "台州日报 2022年1月26日"  # page furniture, left out
    word.add_heading("台州出口首破两千亿", level=1)
    word.add_paragraph("本报讯(记者 王媛媛)1月25日，台州外贸晒出成绩单。")
    word.add_paragraph("")
    word.add_paragraph("南排工程(一期)开工", style="Title")
    table = word.add_table(rows=2, cols=2)
    for cell, text in zip(table._cells, ("项目", "投资", "台州湾新材料产业园", "30亿元")):
        cell.text = text
    word.save(tmp_path / "tzrb_20220126_A01.docx")
    (tmp_path / "broken.docx").write_bytes("台州日报".encode("utf-8"))
    broken, page = read_paths([tmp_path])
    assert str(broken) == "broken.docx: not a Word document (not a zip archive)"
    assert (page.source, page.encoding, page.date) == ("tzrb_20220126_A01.docx", "docx", "2022-01-26")
    assert page.text == ("# 台州出口首破两千亿\n本报讯(记者 王媛媛)1月25日，台州外贸晒出成绩单。\n\n# 南排工程(一期)开工\n"
                         "| 项目 | 投资 |\n| 台州湾新材料产业园 | 30亿元 |")


def test_a_pdf_page_is_read_in_reading_order_its_columns_run_on_into_paragraphs(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas
    from typeset import newspaper_page

    lead = ("南排工程(一期)城北段开工", ["本报讯(记者 王五)1月25日，温岭市南排工程(一期)城北段项目开工，总投资30亿元，由台州市水利局负责实施。",
                                  "市委书记李跃旗出席开工仪式。台州湾新区管委会主任张三表示，将全力保障项目建设。"])
    side_by_side = [("路桥区召开乡贤大会", ["本报讯(通讯员 李铭)昨日，路桥区召开乡贤大会，区委书记潘军明出席并讲话，会上发布了路桥区乡贤联谊会新一届理事会名单。"]),
                    ("椒江举行招商推介会", ["本报讯(记者 赵六)近日，椒江区在上海举行招商推介会，签约项目12个。", "区长王七介绍了椒江的营商环境。"])]
    newspaper_page(tmp_path / "tzrb_20220126_01.pdf", "台州日报 2022年1月26日 星期三 第1版", lead, side_by_side)
    scan = canvas.Canvas(str(tmp_path / "scan.pdf"))
    scan.rect(50, 50, 400, 600, fill=1)  # a page with no text layer, as a scanner writes one (an image)
    scan.save()
    locked = canvas.Canvas(str(tmp_path / "locked.pdf"), encrypt=StandardEncryption("secret", canPrint=0))
    locked.drawString(50, 800, "locked")
    locked.save()
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<")
    items = {item.source: item for item in read_paths([tmp_path])}
    assert str(items["scan.pdf"]) == ("scan.pdf: no text in this PDF (under 20 Chinese characters): a scan? kg build "
                                      "--ocr reads it")
    assert str(items["locked.pdf"]) == "locked.pdf: a PDF that needs a password"
    assert str(items["broken.pdf"]).startswith("broken.pdf: not a readable PDF (")
    page = items["tzrb_20220126_01.pdf"]
    assert (page.encoding, page.date) == ("pdf", "2022-01-26")
    # each headline (in type half as big again as the body's or more: marked as a Markdown heading) before its own
    # columns, though the two below stand side by side on one line; a paragraph that a column breaks runs on into
    # the next column
    assert page.text == "\n\n".join(["台州日报 2022年1月26日 星期三 第1版", "# " + lead[0], *lead[1],
                                     "# " + side_by_side[0][0], *side_by_side[0][1], "# " + side_by_side[1][0],
                                     *side_by_side[1][1]])


def test_a_pdf_whose_font_gives_its_glyphs_no_character_is_reported(tmp_path):
    # a font with glyph names and no Unicode map, as some typesetting systems embed one: its text reads (cid:1)…
    content = b"BT /F1 12 Tf 50 700 Td <" + bytes(range(1, 32)).hex().encode() + b"> Tj ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /FZSSK--GBK1-0 /Encoding << /Type /Encoding /Differences [1 "
               + b" ".join(b"/g%d" % i for i in range(1, 32)) + b"] >> >>"]
    pdf, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    pdf += (b"xref\n0 6\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % at for at in offsets)
            + b"trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % len(pdf))
    (tmp_path / "founder.pdf").write_bytes(pdf)
    (skipped,) = read_paths([tmp_path])
    assert str(skipped) == ("founder.pdf: its fonts give 31 of its glyphs no character: kg cannot read the text of "
                            "this PDF (kg build --ocr reads its pages as images; or export its text from the program that made it)")


def test_radicals_that_text_from_pdfs_holds_for_characters_are_read_as_those_characters(tmp_path):
    # copied out of a PDF whose font maps 大, 长, 黄 and 民 to the Kangxi and simplified radicals that look like them
    (tmp_path / "copied.txt").write_text("⻩岩区⺠政局局⻓王五在⼤会上发⾔。", encoding="utf-8")
    (page,) = read_paths([tmp_path])
    assert page.text == "黄岩区民政局局长王五在大会上发言。"


def test_an_excel_97_workbook_is_read_as_a_table(tmp_path):
    from datetime import datetime

    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("文章")
    for column, name in enumerate(["标题", "发布日期", "正文"]):
        sheet.write(0, column, name)
    sheet.write(1, 0, "南排工程开工")
    sheet.write(1, 1, datetime(2022, 1, 26), xlwt.easyxf(num_format_str="yyyy-mm-dd"))
    sheet.write(1, 2, "温岭市南排工程(一期)开工。")
    book.save(str(tmp_path / "export.xls"))
    (tmp_path / "broken.xls").write_bytes(b"\xd0\xcf\x11\xe0 not a workbook")
    broken, row = read_paths([tmp_path])
    assert str(broken).startswith("broken.xls: not an Excel 97–2003 workbook (")
    assert (row.line, row.encoding, row.text, row.meta) == (
        2, "xls", "温岭市南排工程(一期)开工。", {"id": "export.xls:2", "title": "南排工程开工", "date": "2022-01-26 00:00:00"})


def test_tables_and_documents_with_nothing_to_read_are_reported(tmp_path):
    import docx

    (tmp_path / "header.csv").write_text("标题,正文\n\n", encoding="utf-8")
    (tmp_path / "empty.xls").write_bytes(b"")
    docx.Document().save(tmp_path / "blank.docx")
    assert [str(item) for item in read_paths([tmp_path])] == [
        "blank.docx: no text in this Word document", "empty.xls: empty file", "header.csv: no rows under its header"]


def test_a_word_97_document_is_read_from_its_piece_table(fixtures, tmp_path):
    # fixtures/word/tzrb_20220126.doc: two articles under their headlines and a table, saved as Word 97 by LibreOffice
    (page,) = read_paths([fixtures / "word"])
    assert (page.source, page.encoding, page.date) == ("tzrb_20220126.doc", "doc", "2022-01-26")
    assert page.text == ("台州出口首破两千亿\n本报讯(记者 王媛媛)1月25日，台州市商务局发布数据，全市外贸出口首次突破两千亿元。\n"
                         "市长吴海平表示，将继续支持台州湾新区发展。Tesla Model Y 在台州热销。\n| 项目 | 投资 |\n"
                         "| 台州湾新材料产业园 | 30亿元 |\n南排工程(一期)开工\n"
                         "本报讯(通讯员 李铭)昨日，温岭市南排工程(一期)城北段项目开工，由台州市水利局负责实施。\n")
    import olefile

    (tmp_path / "cut.doc").write_bytes((fixtures / "word" / "tzrb_20220126.doc").read_bytes()[:3000])
    (tmp_path / "other.doc").write_bytes(b"{\\rtf1 a document saved as RTF under .doc}")
    (tmp_path / "stub.doc").write_bytes(olefile.MAGIC + bytes(600))
    assert [str(item) for item in read_paths([tmp_path])] == [
        "cut.doc: not a Word 97–2003 document (OLE directory index out of range)",
        "other.doc: not a Word 97–2003 document (not an OLE file)",
        "stub.doc: not a Word 97–2003 document (bytes length not a multiple of item size)"]
