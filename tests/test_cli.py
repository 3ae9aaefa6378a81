"""End to end: `kg build` on the sample pages and on broken inputs, outputs parsed back."""

import csv
import json
import random
from pathlib import Path
import shutil
import subprocess
import sys

import networkx as nx
import pytest

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent

OUTPUTS = {"graph.graphml", "graph.gexf", "graph.html", "entities.csv", "edges.csv", "aliases.csv", "articles.csv",
           "articles.jsonl"}


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(ROOT / "corpus"), "-o", str(out)],
                            capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr
    return out, result.stdout


def test_build_on_corpus_writes_every_output(corpus_run):
    out, stdout = corpus_run
    assert OUTPUTS <= {p.name for p in out.iterdir()}
    assert stdout.startswith("read 5 files, skipped 0; ")
    assert "mentions: " in stdout and "graph: " in stdout
    unnamed = sum(1 for line in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()
                  for m in json.loads(line)["mentions"] if not m["entity"])
    assert unnamed > 0 and f"\n  {unnamed} of them name no entity" in stdout
    # the article whose entities make most of the graph (page 001's long feature) is named, with its share
    records = [json.loads(line) for line in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    named = {r["id"]: len({m["entity"] for m in r["mentions"] if m["entity"]}) for r in records}
    largest = max(named, key=named.__getitem__)
    graph, n = nx.read_graphml(out / "graph.graphml"), named[largest]
    nodes, edges = graph.number_of_nodes(), graph.number_of_edges()
    assert largest.startswith("001_") and n * (n - 1) // 2 > edges / 2
    # how many persons have a role, and how many links name the post held at their other end, as graph.graphml has them
    persons = [d.get("roles", "") for _, d in graph.nodes(data=True) if d["type"] == "PER"]
    with_role, links = sum(1 for r in persons if r), sum(1 for *_, d in graph.edges(data=True) if d.get("role"))
    assert with_role and links
    assert (f"graph: {nodes} nodes, {edges} edges\n  {with_role} of its {len(persons)} persons have a role (区委书记, "
            f"记者 …); {links} links say which post a person holds at their other end\n  {n * (n - 1) // 2} of its "
            f"{edges} edges join the {n} entities of one article, {largest} (so graph.html links by shared sentences "
            "to start with)\n") in stdout


def test_graphml_from_corpus_parses_with_typed_attributes(corpus_run):
    out, _ = corpus_run
    graph = nx.read_graphml(out / "graph.graphml")
    assert graph.number_of_nodes() > 100 and graph.number_of_edges() > 100
    types = {d["type"] for _, d in graph.nodes(data=True)}
    assert types == {"PER", "ORG", "LOC", "PROJECT"}
    for node, d in graph.nodes(data=True):
        assert node == f"{d['type']}:{d['label']}"
        assert isinstance(d["mentions"], int) and d["mentions"] >= d["articles"] >= 1
        assert d["aliases"]  # the surfaces seen; the label may be the full form they resolve to (市委 -> 台州市委)
        assert {"r", "g", "b", "size", "x", "y", "pagerank", "community"} <= set(d)
    for u, v, d in graph.edges(data=True):
        assert d["weight"] == len(d["shared_articles"].split("|"))
    # every sample page is read in full: 台州 is one node, with both spellings as aliases
    assert set(graph.nodes["LOC:台州市"]["aliases"].split("|")) >= {"台州", "台州市"}
    # a person's roles, as the pages write them before the name; only persons have them
    assert (graph.nodes["PER:黄策"]["roles"], graph.nodes["PER:潘军明"]["roles"]) == ("台州市文赚进出口有限公司负责人", "区委书记")
    assert {d["type"] for _, d in graph.nodes(data=True) if "roles" in d} == {"PER"}
    assert graph.edges["PER:潘军明", "ORG:路桥区委"]["role"] == "书记"  # the title the role gives him there


def test_articles_jsonl_mentions_index_the_article_text(corpus_run):
    out, _ = corpus_run
    records = [json.loads(line) for line in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) >= 20
    entity_ids = {row["id"] for row in csv.DictReader(open(out / "entities.csv", encoding="utf-8-sig"))}
    for r in records:
        assert set(r) == {"id", "source", "lines", "headline", "byline", "date", "text", "continued", "copies",
                          "mentions"}
        assert r["lines"][0] <= r["lines"][1]
        for m in r["mentions"]:
            assert r["text"][m["start"]:m["end"]] == m["text"]
            assert m["entity"] == "" or m["entity"] in entity_ids
    first = records[0]
    assert (first["id"], first["source"], first["lines"], first["byline"]) == (
        "000_e87ebf02368e7aff.txt#1", "000_e87ebf02368e7aff.txt", [17, 35], "本报讯(记者王媛媛)")


def test_broken_files_are_reported_and_skipped(fixtures, tmp_path, capsys):
    assert main(["build", str(fixtures), "-o", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "read 8 files, skipped 4; 9 articles" in out
    assert "skipped binary.txt: binary file (NUL bytes), not text" in out
    assert "entities of one article" not in out  # seven short articles: none makes most of the graph
    assert "skipped empty.txt: empty file" in out
    assert "skipped export.jsonl:3: invalid JSON (Expecting value at column 1)" in out
    assert OUTPUTS <= {p.name for p in tmp_path.iterdir()}


def test_a_file_with_no_article_in_it_is_reported(tmp_path, capsys):
    (tmp_path / "furniture.txt").write_text("2023年11月17日 星期五\n第3版\n", encoding="utf-8")
    (tmp_path / "english.txt").write_text("Taizhou city government held a meeting today.\n", encoding="utf-8")
    (tmp_path / "export.jsonl").write_text('{"id": "a", "text": "本报讯 温岭市长张三来到石塘镇。"}\n', encoding="utf-8")
    assert main(["build", str(tmp_path), "-o", str(tmp_path / "out"), "--no-cache"]) == 0
    out = capsys.readouterr().out.splitlines()
    reason = "no article in it (no paragraph: only lines read as headlines, dates or page furniture)"
    assert out[:3] == ["read 3 files, skipped 2; 1 articles", f"  skipped english.txt: {reason}",
                       f"  skipped furniture.txt: {reason}"]


def test_a_file_cut_inside_a_character_is_read_and_its_undecodable_bytes_counted(tmp_path, capsys):
    page = "本报讯 温岭市长张三来到石塘镇调研南排工程。\n"
    (tmp_path / "cut.txt").write_bytes(page.encode("utf-8") + "台州".encode("utf-8")[:-1])  # a download cut short
    (tmp_path / "gbk.txt").write_bytes((page + "台州").encode("gb18030")[:-1])
    assert main(["build", str(tmp_path), "-o", str(tmp_path / "out"), "--no-cache"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:3] == ["read 2 files, skipped 0; 2 articles",
                       "  read cut.txt with � for 1 undecodable character",
                       "  read gbk.txt with � for 1 undecodable character"]
    records = [json.loads(line) for line in (tmp_path / "out" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["text"] for r in records] == [page.strip()] * 2  # the cut last line, 台�, makes no paragraph


def test_a_saved_web_page_is_built_into_the_graph_as_one_dated_article(fixtures, tmp_path, capsys):
    assert main(["build", str(fixtures / "web"), "-o", str(tmp_path)]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == ["read 1 files, skipped 0; 1 articles",
                                                        "  1 of them dated, 2022-01-26 to 2022-01-26"]
    (record,) = [json.loads(line) for line in (tmp_path / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert (record["id"], record["source"], record["headline"], record["date"]) == (
        "content_1.html", "content_1.html", "温岭南排工程(一期)城北段开工", "2022-01-26")
    found = {(m["text"], m["label"]) for m in record["mentions"]}
    assert {("温岭市", "LOC"), ("南排工程(一期)城北段项目", "PROJECT"), ("台州市水利局", "ORG"), ("李跃旗", "PER"),
            ("王五", "PER"), ("赵六", "PER")} <= found
    assert not {text for text, _ in found} & {"台州日报社", "台州湾新区", "路桥区"}  # the footer and related news


def test_a_table_of_articles_is_built_one_dated_article_a_row(tmp_path, capsys):
    table = ("标题,发布时间,正文,链接\n"
             '南排工程开工,2022/1/26 09:30,"本报讯(记者 王五)1月25日，温岭市南排工程(一期)城北段项目开工。\n'
             '该项目由台州市水利局负责实施。",http://www.taizhou.com.cn/a/1.html\n'
             "无正文,2022/1/27,,http://www.taizhou.com.cn/a/2.html\n")
    (tmp_path / "export.csv").write_text(table, encoding="utf-8-sig")
    assert main(["build", str(tmp_path / "export.csv"), "-o", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == ["read 1 files, skipped 1; 1 articles", "  1 of them dated, 2022-01-26 to 2022-01-26"]
    assert out[2] == "  skipped export.csv:4: empty text"  # the row after one that spans lines 2 and 3
    (record,) = [json.loads(line) for line in (tmp_path / "out" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert (record["id"], record["headline"], record["date"], record["lines"]) == (
        "http://www.taizhou.com.cn/a/1.html", "南排工程开工", "2022-01-26", [2, 2])
    assert {(m["text"], m["label"]) for m in record["mentions"]} == {
        ("王五", "PER"), ("温岭市", "LOC"), ("南排工程(一期)城北段项目", "PROJECT"), ("台州市水利局", "ORG")}


def test_a_word_document_is_built_into_its_articles_by_its_headings(tmp_path, capsys):
    import docx

    word = docx.Document()
    word.add_heading("台州出口首破两千亿", level=1)
    word.add_paragraph("本报讯(记者 王媛媛)1月25日，台州市商务局发布数据，全市外贸出口首次突破两千亿元。")
    word.add_heading("南排工程(一期)开工", level=1)
    word.add_paragraph("本报讯(通讯员 李铭)昨日，温岭市南排工程(一期)城北段项目开工，由台州市水利局负责实施。")
    word.save(tmp_path / "tzrb_20220126.docx")
    assert main(["build", str(tmp_path / "tzrb_20220126.docx"), "-o", str(tmp_path / "out")]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == ["read 1 files, skipped 0; 2 articles",
                                                        "  2 of them dated, 2022-01-26 to 2022-01-26"]
    records = [json.loads(line) for line in (tmp_path / "out" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["lines"], r["headline"], r["byline"]) for r in records] == [
        ([1, 2], "台州出口首破两千亿", "本报讯(记者 王媛媛)"), ([3, 4], "南排工程(一期)开工", "本报讯(通讯员 李铭)")]
    assert [(m["text"], m["label"]) for m in records[1]["mentions"]] == [
        ("南排工程(一期)", "PROJECT"), ("李铭", "PER"), ("温岭市", "LOC"), ("南排工程(一期)城北段项目", "PROJECT"),
        ("台州市水利局", "ORG")]


def test_a_pdf_page_is_built_into_its_articles(tmp_path, capsys):
    from typeset import newspaper_page

    lead = ("南排工程(一期)城北段开工", ["本报讯(记者 王五)1月25日，温岭市南排工程(一期)城北段项目开工，总投资30亿元，由台州市水利局负责实施。"])
    below = [("路桥区召开乡贤大会", ["本报讯(通讯员 李铭)昨日，路桥区召开乡贤大会，区委书记潘军明出席并讲话。"]),
             ("椒江举行招商推介会", ["本报讯(记者 赵六)近日，椒江区在上海举行招商推介会，签约项目12个。"])]
    newspaper_page(tmp_path / "page.pdf", "台州日报 2022年1月26日 星期三 第1版", lead, below)
    assert main(["build", str(tmp_path / "page.pdf"), "-o", str(tmp_path / "out")]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == ["read 1 files, skipped 0; 3 articles",
                                                        "  3 of them dated, 2022-01-26 to 2022-01-26"]
    records = [json.loads(line) for line in (tmp_path / "out" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["headline"], r["byline"], [(m["text"], m["label"]) for m in r["mentions"]]) for r in records] == [
        ("南排工程(一期)城北段开工", "本报讯(记者 王五)", [("南排工程(一期)", "PROJECT"), ("王五", "PER"), ("温岭市", "LOC"),
                                                ("南排工程(一期)城北段项目", "PROJECT"), ("台州市水利局", "ORG")]),
        ("路桥区召开乡贤大会", "本报讯(通讯员 李铭)", [("路桥区", "LOC"), ("李铭", "PER"), ("路桥区", "LOC"), ("区委", "ORG"),
                                                 ("潘军明", "PER")]),
        ("椒江举行招商推介会", "本报讯(记者 赵六)", [("椒江", "LOC"), ("赵六", "PER"), ("椒江区", "LOC"), ("上海", "LOC")])]


def test_unsigned_articles_of_a_pdf_page_are_cut_at_their_headlines_type(tmp_path, capsys):
    # no byline and no web header: only the headline's bigger type says where each article starts
    from typeset import newspaper_page

    lead = ("台州湾新区举行项目集中开工", ["近日，台州湾新区举行重大项目集中开工仪式，共有12个项目开工，总投资86亿元。",
                                  "这些项目涵盖新材料、汽车零部件等领域，建成后预计年产值超百亿元。"])
    below = [("路桥区召开乡贤大会", ["昨日，路桥区召开乡贤大会，区委书记潘军明出席并讲话。"]),
             ("椒江举行招商推介会", ["近日，椒江区在上海举行招商推介会，签约项目12个。"])]
    newspaper_page(tmp_path / "page.pdf", "台州日报 2022年1月26日 星期三 第1版", lead, below)
    assert main(["build", str(tmp_path / "page.pdf"), "-o", str(tmp_path / "out"), "-q"]) == 0
    records = [json.loads(line) for line in (tmp_path / "out" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["headline"], r["lines"]) for r in records] == [
        ("台州湾新区举行项目集中开工", [3, 7]), ("路桥区召开乡贤大会", [9, 11]), ("椒江举行招商推介会", [13, 15])]


def test_a_build_among_its_pages_does_not_read_its_outputs_back(fixtures, tmp_path, capsys):
    # `kg build . -o output` run twice in a folder of pages: the second run must not read output/articles.jsonl
    pages = tmp_path / "pages"
    shutil.copytree(fixtures / "pages", pages)
    (pages / "scan.JPG").write_bytes(b"\xff\xd8\xff")
    (pages / "a.odt").write_bytes(b"PK\x03\x04")
    (pages / ".DS_Store").write_bytes(b"\x00")
    assert main(["build", str(pages), "-o", str(pages / "output")]) == 0
    first = capsys.readouterr().out
    assert main(["build", str(pages), "-o", str(pages / "output")]) == 0
    second = capsys.readouterr().out
    assert first.splitlines()[:2] == ["read 1 files, skipped 0; 2 articles",
                                      "  passed over 2 files of other kinds (.jpg 1, .odt 1): kg reads .txt, .md, .docx, "
                                      ".doc, .pdf, .jsonl, .csv, .tsv, .xlsx, .xls, .html, .htm, .shtml, .mhtml, .mht; "
                                      "--ocr reads page images"]
    assert second.splitlines()[:3] == first.splitlines()[:2] + [
        f"  passed over the outputs of a kg build in {(pages / 'output').as_posix()} "
        "(name its articles.jsonl to read it)"]
    assert main(["build", str(pages / "output" / "articles.jsonl"), "-o", str(tmp_path / "again"), "-q"]) == 0
    assert len((tmp_path / "again" / "articles.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_the_users_aliases_table_overrides_the_rules_in_every_output(fixtures, tmp_path, capsys):
    table = tmp_path / "mine.csv"
    table.write_text("alias,entity,rule\n台州,LOC:台州市,same\n区委,ORG:中共路桥区委,\n台州海关,,\n杭城,LOC:杭州市,\n",
                     encoding="utf-8")
    assert main(["build", str(fixtures / "pages"), "-o", str(tmp_path / "out"), "--aliases", str(table)]) == 0
    assert f"\n  4 of them take their entity from {table} (3 of its 4 aliases; in no article: 杭城)\n" in (
        capsys.readouterr().out)
    rows = list(csv.DictReader(open(tmp_path / "out" / "aliases.csv", encoding="utf-8-sig")))
    assert {(r["alias"], r["entity"], r["rule"]) for r in rows if r["rule"] == "user"} == {
        ("台州", "LOC:台州市", "user"), ("区委", "ORG:中共路桥区委", "user")}
    graph = nx.read_graphml(tmp_path / "out" / "graph.graphml")
    assert {"LOC:台州市", "ORG:中共路桥区委"} <= set(graph) and not {"LOC:台州", "ORG:路桥区委", "ORG:台州海关"} & set(graph)
    assert graph.nodes["LOC:台州市"]["label"] == "台州市" and graph.nodes["LOC:台州市"]["mentions"] == 2
    table.write_text("alias,entity\n台州,PLACE:台州市\n", encoding="utf-8")
    assert main(["build", str(fixtures / "pages"), "-o", str(tmp_path / "out2"), "--aliases", str(table)]) == 2
    assert capsys.readouterr().err == (f"kg build: error: {table}:2: entity 'PLACE:台州市' is not TYPE:name with TYPE "
                                       "one of PER, ORG, LOC, PROJECT (or empty, for no entity)\n")
    assert not (tmp_path / "out2").exists()  # refused before any work


def test_articles_csv_lists_each_article_with_the_entities_it_mentions_by_type(fixtures, tmp_path):
    assert main(["build", str(fixtures / "pages"), "-o", str(tmp_path), "-q", "--types", "PER,ORG,PROJECT"]) == 0
    rows = list(csv.reader(open(tmp_path / "articles.csv", encoding="utf-8-sig")))
    assert rows == [
        ["id", "date", "source", "lines", "headline", "byline", "characters", "PER", "ORG", "LOC", "PROJECT", "copies"],
        ["page.txt#1", "2022-01-26", "page.txt", "5-11", "台州出口值首次突破两千亿元", "本报讯(记者王媛媛)", "121", "王媛媛",
         "台州海关|台州市文赚进出口有限公司", "", "", ""],  # 台州 left out by --types, as from the graph
        ["page.txt#2", "2022-01-26", "page.txt", "17-21", "潘军明督查道路综合提升工作", "本报讯(全媒体记者 周益)", "77",
         "潘军明|周益", "路桥区委", "", "甬台温高速公路改扩建工程", ""]]


def test_a_page_saved_twice_counts_once_and_its_copies_are_listed(tmp_path, capsys):
    page = ROOT / "corpus" / "002_c8e6372cd944abed.txt"  # five articles, each of 900 characters or more
    for folder in ("saved", "again"):
        (tmp_path / folder).mkdir()
        shutil.copy(page, tmp_path / folder / page.name)
    assert main(["build", str(tmp_path / "saved"), str(tmp_path / "again"), "-o", str(tmp_path / "out")]) == 0
    summary = capsys.readouterr().out
    once = nx.read_graphml(tmp_path / "out" / "graph.graphml")
    assert main(["build", str(tmp_path / "saved"), "-o", str(tmp_path / "one"), "-q"]) == 0
    alone = nx.read_graphml(tmp_path / "one" / "graph.graphml")
    assert sorted(once.edges(data="weight")) == sorted(alone.edges(data="weight"))
    rows = {r["id"]: r for r in csv.DictReader(open(tmp_path / "out" / "articles.csv", encoding="utf-8-sig"))}
    assert len(rows) == 5 and all(r["copies"] == r["id"].replace("saved", "again") for r in rows.values())
    assert "read 2 files, skipped 0; 5 articles\n  and 5 copies of them (the same story reposted" in summary
    assert main(["build", str(tmp_path / "saved"), str(tmp_path / "again"), "-o", str(tmp_path / "kept"), "-q",
                 "--keep-copies"]) == 0
    twice = nx.read_graphml(tmp_path / "kept" / "graph.graphml")
    assert once.edges["PER:金晨", "ORG:沿江镇党委"]["weight"] == 1 and twice.edges["PER:金晨", "ORG:沿江镇党委"]["weight"] == 2


def test_quiet_prints_only_skips_to_stderr(fixtures, tmp_path, capsys):
    assert main(["build", str(fixtures / "pages"), "-o", str(tmp_path), "--quiet"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_missing_path_is_one_clear_error(tmp_path, capsys):
    assert main(["build", str(tmp_path / "nope"), "-o", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"kg build: error: no such file or folder: {tmp_path / 'nope'}\n"


def test_an_output_that_cannot_be_written_fails_before_any_work(fixtures, tmp_path, capsys):
    (tmp_path / "taken").write_text("", encoding="utf-8")
    assert main(["build", str(fixtures / "pages"), "-o", str(tmp_path / "taken"), "-q"]) == 2
    assert capsys.readouterr().err == f"kg build: error: {tmp_path / 'taken'}: cannot write the outputs there (File exists)\n"
    assert main(["ner", str(fixtures / "pages" / "page.txt"), "-o", str(tmp_path / "no" / "out.jsonl")]) == 2
    assert "cannot write here" in capsys.readouterr().err


@pytest.mark.parametrize("option, value, message", [
    ("--types", "PER,FOO", "argument --types: unknown type FOO: use PER, ORG, LOC, PROJECT"),
    ("--top", "0", "argument --top: '0' is not a whole number of at least 1"),
    ("--min-weight", "-3", "argument --min-weight: '-3' is not a whole number of at least 1"),
    ("--until", "去年", "argument --until: '去年' is not a date: write it as 2022-01-26"),
])
def test_bad_build_options_are_refused_by_name(option, value, message, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["build", "-o", str(tmp_path), option, value])
    assert exit_.value.code == 2 and capsys.readouterr().err.endswith(f"kg build: error: {message}\n")


def test_gold_with_an_entity_outside_its_text_is_refused_with_file_and_line(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "text": "张三", "entities": [[0, 2, "PER"]]}\n'
                    '{"id": "b", "text": "台州", "entities": [[0, 9, "LOC"]]}\n', encoding="utf-8")
    assert main(["evaluate", str(gold), "--pred", str(gold)]) == 2
    assert capsys.readouterr().err == (f"kg evaluate: error: {gold}:2: entity [0, 9, 'LOC'] is not [start, end, "
                                       "label] inside the text's 2 characters\n")


def test_python_api_returns_graph_and_articles(fixtures, nlp):
    import kg

    graph, articles = kg.build([fixtures / "pages"], nlp=nlp)
    assert [a.id for a in articles] == ["page.txt#1", "page.txt#2"]
    assert "PER:潘军明" in graph and graph.nodes["PER:潘军明"]["articles"] == 1
    assert all(m.entity for a in articles for m in a.mentions if len(m.text.replace(" ", "")) > 1)


def test_filters_say_what_they_removed(fixtures, tmp_path, capsys):
    assert main(["build", str(fixtures / "pages"), "-o", str(tmp_path), "--types", "PER,LOC", "--top", "2"]) == 0
    out = capsys.readouterr().out
    graph = nx.read_graphml(tmp_path / "graph.graphml")
    assert {d["type"] for _, d in graph.nodes(data=True)} <= {"PER", "LOC"} and len(graph) == 2
    assert "filter types removed" in out and "filter top removed" in out


def test_build_in_two_processes_finds_the_same_mentions(corpus_run, tmp_path):
    out, _ = corpus_run
    assert main(["build", str(ROOT / "corpus"), "-o", str(tmp_path), "--processes", "2", "-q"]) == 0

    def mentions(folder):
        return [(a["id"], m["start"], m["end"], m["label"], m["text"], m["entity"])
                for line in (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines()
                for a in [json.loads(line)] for m in a["mentions"]]

    assert mentions(tmp_path) == mentions(out) and len(mentions(out)) > 700


def test_processes_batch_the_articles_as_one_process_does(nlp):
    """Worker tasks are the tagger's groups of characters, so the int8 network (which scales each batch) sees the
    same batches as in one process, across several groups."""
    from dataclasses import replace

    from kg.build import Report, _articles, recognise_articles, recognise_in_processes
    from kg.recognise import GROUP_CHARS, groups_by_chars

    page = _articles([str(ROOT / "corpus")], Report())
    articles = [replace(a, id=f"{a.id}+{n}", mentions=[]) for n in range(3) for a in page]
    assert len(list(groups_by_chars(articles, lambda a: len(a.text), GROUP_CHARS))) == 3

    def spans(mentions):
        return [(m.article_id, m.start, m.end, m.label) for m in mentions]

    alone = spans(recognise_articles(nlp, articles))
    assert spans(recognise_in_processes(None, articles, 2)) == alone and len(alone) > 2000


def test_build_in_two_processes_reports_a_model_that_will_not_load(tmp_path, capsys):
    assert main(["build", str(ROOT / "corpus"), "-o", str(tmp_path / "out"), "--processes", "2",
                 "--ner", str(tmp_path)]) == 2
    assert f"no spaCy pipeline at {tmp_path}" in capsys.readouterr().err


def test_an_article_in_traditional_characters_names_the_same_entities(tmp_path, nlp):
    import kg

    (tmp_path / "a.txt").write_text("臺州市椒江區委書記陳建勳在臺州灣新材料產業園調研。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("台州市椒江区委书记陈建勋在台州湾新材料产业园调研。", encoding="utf-8")
    graph, articles = kg.build([tmp_path], nlp=nlp)
    assert [m.text for m in articles[0].mentions] == ["台州市椒江区委", "陈建勋", "台州湾新材料产业园"]
    assert sorted(graph.nodes) == ["ORG:台州市椒江区委", "PER:陈建勋", "PROJECT:台州湾新材料产业园"]
    assert all(graph.nodes[n]["articles"] == 2 for n in graph)


def test_markdown_marks_make_no_part_of_a_name_or_headline(tmp_path, nlp):
    import kg

    (tmp_path / "page.md").write_text(
        "# 台州湾新区建设提速\n\n![鸟瞰](images/a.jpg)\n\n**本报讯**（记者 王媛媛）5月1日，[台州湾新区](https://www.zjtz.gov.cn/)"
        "管委会主任李强来到台州湾新材料产业园，调研*甬台温高速公路改扩建工程*。\n", encoding="utf-8")
    graph, (article,) = kg.build([tmp_path], nlp=nlp)
    assert (article.headline, article.byline) == ("台州湾新区建设提速", "本报讯（记者 王媛媛）")
    assert "PROJECT:甬台温高速公路改扩建工程" in graph and "PER:李强" in graph
    assert not any(set(n) & set("*[]()!#") for n in graph)


def test_control_characters_in_a_page_still_give_a_graphml_and_gexf_that_read_back(tmp_path):
    # OCR and exports leave form feeds, vertical tabs and escapes in text; XML holds none of them (lxml refused
    # to write, ElementTree wrote a file no reader opens)
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "p.txt").write_text("本报讯（记者王五）台州市委书记李跃旗\x0c来到椒江区\x0b调研。温岭市长张三\x1b来到石塘镇。"
                                 + "要加快推进老旧小区改造，让群众住得更舒心。" * 20 + "\n", encoding="utf-8")
    (pages / "x.jsonl").write_text('{"id": "a", "text": "路桥区委书记潘军明\\u001b来到\\ud800椒江区。"}\n', encoding="utf-8")
    assert main(["build", str(pages), "-o", str(tmp_path / "out"), "-q"]) == 0
    graph = nx.read_graphml(tmp_path / "out" / "graph.graphml")
    assert {"PER:李跃旗", "PER:潘军明"} <= set(graph) and len(nx.read_gexf(tmp_path / "out" / "graph.gexf")) == len(graph)
    records = [json.loads(line) for line in (tmp_path / "out" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["text"] for r in records if r["id"] == "a"] == ["路桥区委书记潘军明 来到\ufffd椒江区。"]


def test_two_exports_numbering_their_records_alike_give_two_articles(tmp_path, capsys):
    exports = tmp_path / "exports"
    exports.mkdir()
    (exports / "a.jsonl").write_text('{"id": "1", "text": "台州市委书记李跃旗来到椒江区调研。"}\n', encoding="utf-8")
    (exports / "b.jsonl").write_text('{"id": "1", "text": "温州市委书记张三来到鹿城区调研。"}\n', encoding="utf-8")
    assert main(["build", str(exports), "-o", str(tmp_path / "out"), "-q"]) == 0
    assert capsys.readouterr().err == "id 1 was already taken: that article is b.jsonl:1\n"
    graph = nx.read_graphml(tmp_path / "out" / "graph.graphml")
    assert graph.nodes["PER:李跃旗"]["article_ids"] == "1" and graph.nodes["PER:张三"]["article_ids"] == "b.jsonl:1"
    assert not graph.has_edge("PER:李跃旗", "PER:张三")


def test_dates_of_an_export_are_read_in_any_common_form_and_the_run_says_what_it_spans(tmp_path, capsys):
    export = tmp_path / "export.jsonl"
    records = [{"id": "1", "text": "台州市委书记李跃旗来到椒江区调研。", "date": "2022/1/6 08:30"},
               {"id": "2", "text": "李跃旗来到路桥区调研。", "date": "2021年9月18日"},
               {"id": "3", "text": "李跃旗来到黄岩区调研。", "date": "去年秋天"},
               {"id": "4", "text": "李跃旗来到温岭市调研。"}]
    export.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    assert main(["build", str(export), "-o", str(tmp_path / "out")]) == 0
    assert "4 articles\n  2 of them dated, 2021-09-18 to 2022-01-06\n" in capsys.readouterr().out
    dates = [json.loads(line)["date"] for line in (tmp_path / "out" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert dates == ["2022-01-06", "2021-09-18", "", ""]
    person = nx.read_graphml(tmp_path / "out" / "graph.graphml").nodes["PER:李跃旗"]
    assert (person["first_date"], person["last_date"]) == ("2021-09-18", "2022-01-06")


FRONT_PAGE = """台州日报

2022年1月26日 星期三

聚力“三条路径” 奋进“三高三新”

本报讯(记者王媛媛)1月25日,区委书记潘军明在路桥区调研台州湾新区建设。

他强调,要加快项目建设。(下转第二版)
"""
SECOND_PAGE = """台州日报

2022年1月26日 星期三

温岭召开人代会

本报讯(记者张荣)1月25日,温岭市第十六届人民代表大会开幕。市长吴海平作报告。

聚力“三条路径”

(上接第一版)温岭市委书记李跃旗表示,要推进台州湾新区建设。
"""


def test_an_article_continued_on_another_page_is_one_article_with_both_parts(tmp_path, capsys):
    issue = tmp_path / "issue"
    issue.mkdir()
    (issue / "01.txt").write_text(FRONT_PAGE, encoding="utf-8")
    (issue / "02.txt").write_text(SECOND_PAGE, encoding="utf-8")
    assert main(["build", str(issue), "-o", str(tmp_path / "out")]) == 0
    assert "2 articles\n  and 1 continued from another page ((上接第一版)), each joined to its article\n" in capsys.readouterr().out
    records = {json.loads(line)["id"]: json.loads(line) for line in
               (tmp_path / "out" / "articles.jsonl").read_text(encoding="utf-8").splitlines()}
    story = records["01.txt#1"]
    part = story["continued"][0]
    assert (part["source"], part["lines"], part["id"]) == ("02.txt", [9, 11], "02.txt#2")
    assert story["text"][part["start"]:].startswith("聚力“三条路径”\n\n(上接第一版)温岭市委书记李跃旗")
    assert {m["text"] for m in story["mentions"]} >= {"潘军明", "李跃旗"}
    graph = nx.read_graphml(tmp_path / "out" / "graph.graphml")
    assert graph.edges["PER:潘军明", "PER:李跃旗"]["shared_articles"] == "01.txt#1"
    assert not graph.has_edge("PER:李跃旗", "PER:吴海平")
    # pages of another folder (another paper) are not read as the same issue
    other = tmp_path / "other"
    other.mkdir()
    (issue / "02.txt").rename(other / "02.txt")
    assert main(["build", str(tmp_path / "issue"), str(other), "-o", str(tmp_path / "out2"), "-q"]) == 0
    records = [json.loads(line) for line in (tmp_path / "out2" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == 3 and all(r["continued"] == [] for r in records)


def test_a_rerun_takes_what_was_recognised_from_the_cache_and_writes_the_same_outputs(corpus_run, tmp_path, capsys):
    out, first = corpus_run
    assert f"  0 of the 24 articles recognised in an earlier run, taken from {out / '.kg-cache.sqlite'}\n" in first
    again = tmp_path / "again"
    shutil.copytree(out, again)
    (again / "graph.html").unlink()
    assert main(["build", str(ROOT / "corpus"), "-o", str(again)]) == 0
    assert "  24 of the 24 articles recognised in an earlier run, taken from" in capsys.readouterr().out
    for name in sorted(OUTPUTS):
        assert (again / name).read_bytes() == (out / name).read_bytes(), name
    # a page added later: only its articles are recognised
    pages = tmp_path / "pages"
    shutil.copytree(ROOT / "corpus", pages)
    (pages / "new.txt").write_text("本报讯(记者王媛媛)1月25日,温岭市委书记李跃旗来到石塘镇调研。\n", encoding="utf-8")
    assert main(["build", str(pages), "-o", str(again), "-q"]) == 0
    assert "PER:李跃旗" in nx.read_graphml(again / "graph.graphml")
    assert main(["build", str(pages), "-o", str(again)]) == 0
    assert "  25 of the 25 articles recognised in an earlier run" in capsys.readouterr().out


def test_no_cache_keeps_nothing_and_a_broken_cache_is_named(fixtures, tmp_path, capsys):
    assert main(["build", str(fixtures), "-o", str(tmp_path / "out"), "--no-cache"]) == 0
    assert "earlier run" not in capsys.readouterr().out and not (tmp_path / "out" / ".kg-cache.sqlite").exists()
    (tmp_path / "out" / ".kg-cache.sqlite").write_text("not a database", encoding="utf-8")
    assert main(["build", str(fixtures), "-o", str(tmp_path / "out")]) == 2
    error = capsys.readouterr().err
    assert f"{tmp_path / 'out' / '.kg-cache.sqlite'}: cannot use it as the mention cache" in error
    assert "pass --no-cache" in error


def test_the_cache_keeps_one_recognisers_spans_apart_from_anothers(tmp_path):
    from kg.build import MentionCache

    cache = MentionCache(tmp_path / "c.sqlite", "model-a")
    cache.store(["潘军明在路桥。", "空"], [[(0, 3, "PER"), (4, 6, "LOC")], []])
    assert cache.lookup(["潘军明在路桥。", "空", "新"]) == [[(0, 3, "PER"), (4, 6, "LOC")], [], None]
    cache.close()
    assert MentionCache(tmp_path / "c.sqlite", "model-b").lookup(["潘军明在路桥。"]) == [None]


def test_a_period_keeps_only_the_articles_dated_within_it(tmp_path, capsys):
    export = tmp_path / "export.jsonl"
    records = [{"id": "1", "text": "台州市委书记李跃旗来到椒江区调研。", "date": "2022/1/6"},
               {"id": "2", "text": "温岭市委书记张三来到路桥区调研。", "date": "2021年9月18日"},
               {"id": "3", "text": "玉环市长王五来到黄岩区调研。"}]
    export.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    assert main(["build", str(export), "-o", str(tmp_path / "out"), "--since", "2022年1月1日"]) == 0
    out = capsys.readouterr().out
    assert "; 1 articles\n" in out
    assert "  the period 2022-01-01 to … left out 1 articles dated outside it and 1 undated\n" in out
    graph = nx.read_graphml(tmp_path / "out" / "graph.graphml")
    assert "PER:李跃旗" in graph and "PER:张三" not in graph and "PER:王五" not in graph


def test_scoring_predictions_needs_one_record_per_id(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "text": "张三", "entities": [[0, 2, "PER"]]}\n'
                    '{"id": "a", "text": "台州", "entities": [[0, 2, "LOC"]]}\n', encoding="utf-8")
    assert main(["evaluate", str(gold), "--pred", str(gold)]) == 2
    assert capsys.readouterr().err == f"kg evaluate: error: {gold}: more than one record has the id a\n"


def test_processes_cut_their_work_where_the_models_own_tagger_does(nlp, tmp_path):
    """A model whose config sets another ``group_chars`` is cut by it, not by the default, so that two processes
    still batch as one does."""
    import shutil
    from dataclasses import replace

    from kg.build import Report, _articles, recognise_articles, recognise_in_processes
    from kg.recognise import DEFAULT_MODEL, GROUP_CHARS, group_chars_of, load_pipeline

    model = tmp_path / "model"
    shutil.copytree(DEFAULT_MODEL, model)
    config = (model / "config.cfg").read_text(encoding="utf-8")
    assert f"group_chars = {GROUP_CHARS}\n" in config
    (model / "config.cfg").write_text(config.replace(f"group_chars = {GROUP_CHARS}\n", "group_chars = 7000\n"),
                                      encoding="utf-8")
    assert (group_chars_of(str(model)), group_chars_of(None), group_chars_of("hanlp")) == (7000, GROUP_CHARS, GROUP_CHARS)

    page = _articles([str(ROOT / "corpus")], Report())
    articles = [replace(a, id=f"{a.id}+{n}", mentions=[]) for n in range(2) for a in page]

    def spans(mentions):
        return [(m.article_id, m.start, m.end, m.label) for m in mentions]

    alone = spans(recognise_articles(load_pipeline(str(model)), articles))
    assert spans(recognise_in_processes(str(model), articles, 2)) == alone


def test_focus_draws_an_entity_and_its_neighbours_beyond_max_nodes(tmp_path, capsys):
    assert main(["build", str(ROOT / "corpus"), "-o", str(tmp_path), "--max-nodes", "20", "--focus", "潘军明，张无忌"]) == 0  # a Chinese comma
    out = capsys.readouterr().out
    graph = nx.read_graphml(tmp_path / "graph.graphml")
    assert (f"  graph.html shows 20 of the {graph.number_of_nodes()} entities: PER:潘军明 and their neighbours first, "
            "then those in most articles\n  --focus: no entity is named 张无忌\n") in out
    page = (tmp_path / "graph.html").read_text(encoding="utf-8")
    start = page.index('var data = {"title"') + len("var data = ")  # the page's data (vis-network has a "var data" too)
    data = json.loads(page[start:page.index(";\n", start)])
    drawn = {n["id"] for n in data["nodes"]}
    strongest = sorted(graph["PER:潘军明"], key=lambda m: (-graph["PER:潘军明"][m]["weight"], m))[:19]
    assert drawn == {"PER:潘军明", *strongest}
    assert len(data["hidden"]) == graph.number_of_nodes() - 20


def test_a_folder_of_random_page_like_files_builds_and_every_mention_indexes_its_article(tmp_path, capsys):
    # pages in every format and encoding kg reads, made of news words, brackets, quotes, Markdown marks, control
    # characters, emoji and stray line breaks at random (seeded): nothing of it may stop the run
    rng = random.Random(0)
    words = ["台州市委", "书记", "潘军明", "在路桥区", "调研", "南排工程(一期)", "本报讯(记者", "王媛媛)", "(下转第二版)",
             "有限公司", "《", "》", "“", "”", "、", "，", "。", " ", "\u3000", "\n", "\n\n", "## ", "| ", "\x0c", "😀",
             "2022年1月26日 星期三", "发布时间:2020-04-16", "\ufffd", "·", "——", "0", "12亿元"]
    folder = tmp_path / "pages"
    folder.mkdir()
    for k in range(12):
        text = "台州" + "".join(rng.choice(words) for _ in range(rng.randint(1, 300)))
        suffix, encoding = rng.choice([("txt", "utf-8"), ("txt", "gb18030"), ("txt", "utf-16"), ("md", "utf-8"),
                                       ("jsonl", "utf-8")])
        if suffix == "jsonl":  # two records and a broken line
            text = "\n".join([json.dumps({"id": f"r{k}a", "text": text}, ensure_ascii=False),
                              json.dumps({"id": f"r{k}b", "text": text[::-1], "date": "x"}, ensure_ascii=False), "{"])
        (folder / f"p{k:02d}.{suffix}").write_text(text, encoding=encoding, errors="ignore")
    broken = sum(1 for p in folder.iterdir() if p.suffix == ".jsonl")
    assert main(["build", str(folder), "-o", str(tmp_path / "out"), "--no-cache"]) == 0
    assert f"read 12 files, skipped {broken};" in capsys.readouterr().out
    lines = (tmp_path / "out" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert records and all(r["text"][m["start"]:m["end"]] == m["text"] for r in records for m in r["mentions"])
    graph = nx.read_graphml(tmp_path / "out" / "graph.graphml")
    assert graph.number_of_nodes() == len({m["entity"] for r in records for m in r["mentions"] if m["entity"]})
