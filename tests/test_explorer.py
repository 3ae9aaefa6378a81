"""The HTML explorer in a real browser (Debian's chromium and chromedriver), loaded from file:// with every
network request blocked."""

import shutil
import time

import pytest

from kg.export import layout, write_html
from kg.link import add_measures, build_graph
from kg.normalise import Mention, clean_name, resolve
from kg.segment import Article

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
EVIL = '<img src=x onerror="window.pwned=1">'


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    articles = [
        Article("a1", "page1.txt", (3, 9), "潘军明督查道路综合提升工作", "本报讯", "区委书记潘军明在路桥调研。台州市工商联参加。"),
        Article("a2", "page1.txt", (11, 15), "<script>window.pwned=2</script>", "", f"潘军明和{EVIL}在路桥。"),
    ]
    articles[0].mentions = [Mention("a1", 4, 7, "PER", "潘军明"), Mention("a1", 8, 10, "LOC", "路桥"),
                            Mention("a1", 13, 19, "ORG", "台州市工商联")]
    articles[1].mentions = [Mention("a2", 0, 3, "PER", "潘军明"), Mention("a2", 4, 4 + len(EVIL), "ORG", EVIL),
                            Mention("a2", 5 + len(EVIL), 7 + len(EVIL), "LOC", "路桥")]
    mentions = [m for a in articles for m in a.mentions]
    graph = add_measures(build_graph(articles, mentions, resolve(mentions)))
    path = tmp_path_factory.mktemp("html") / "graph.html"
    write_html(graph, path, articles, mentions, layout(graph))
    return path


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.fail("chromium and chromedriver are needed: apt-get install chromium chromium-driver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1280,800"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=CHROMEDRIVER))
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["http://*", "https://*", "ws://*", "wss://*"]})
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def loaded(browser, page):
    _load(browser, page)
    return browser


def test_page_loads_offline_and_draws_the_graph(loaded):
    requests = [entry for entry in loaded.get_log("performance") if '"Network.requestWillBeSent"' in entry["message"]
                and ('"url":"http' in entry["message"] or '"url":"ws' in entry["message"])]
    assert requests == []
    assert loaded.execute_script("return kgNetwork.body.data.nodes.length") == 4
    assert loaded.execute_script("return kgNetwork.body.data.edges.length") == 5
    edges = loaded.execute_script("return kgNetwork.body.data.edges.get().map(function (e) {"
                                  "return [[e.from, e.to].sort().join(' '), e.value, e.title]; })")
    assert max(edges, key=lambda edge: edge[1]) == ["LOC:路桥 PER:潘军明", 2, "2 shared articles, 2 shared sentences"]
    assert sorted(value for _, value, _ in edges) == [1, 1, 1, 1, 2]
    assert loaded.find_element(By.CSS_SELECTOR, "#graph canvas").size["width"] > 500
    errors = [e for e in loaded.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []


def test_search_finds_a_node_by_name_and_shows_its_articles(loaded):
    box = loaded.find_element(By.ID, "search")
    box.clear()
    box.send_keys("军明")
    matches = [li.text for li in loaded.find_elements(By.CSS_SELECTOR, "#matches li")]
    assert matches == ["潘军明 (PER)"]
    assert loaded.find_element(By.CSS_SELECTOR, "#details h2").text == "潘军明"
    assert loaded.execute_script("return kgNetwork.getSelectedNodes()") == ["PER:潘军明"]
    notes = [n.text for n in loaded.find_elements(By.CSS_SELECTOR, "#details .note")]
    assert "职务 Roles: 区委书记" in notes  # 区委书记潘军明: the post the article gives him
    assert loaded.execute_script("return kgNetwork.body.data.nodes.get('PER:潘军明').title") == (
        "潘军明 (PER)\n2 articles, 2 mentions\n区委书记")  # and the tooltip
    # a role finds the persons who hold it, and says which of their roles it matched
    box.clear()
    box.send_keys("书记")
    assert [li.text for li in loaded.find_elements(By.CSS_SELECTOR, "#matches li")] == ["潘军明 (PER) · 区委书记"]


def test_type_filter_hides_nodes(loaded):
    loaded.find_element(By.ID, "type-LOC").click()
    visible = loaded.execute_script("return kgNetwork.body.data.nodes.getIds()")
    assert "LOC:路桥" not in visible and "PER:潘军明" in visible
    loaded.find_element(By.ID, "type-LOC").click()
    assert "LOC:路桥" in loaded.execute_script("return kgNetwork.body.data.nodes.getIds()")


def test_clicking_a_node_lists_its_articles(loaded):
    x, y = loaded.execute_script(
        "var p = kgNetwork.canvasToDOM(kgNetwork.getPositions(['ORG:台州市工商联'])['ORG:台州市工商联']);"
        "return [p.x, p.y];")
    canvas = loaded.find_element(By.CSS_SELECTOR, "#graph canvas")
    size = canvas.size
    ActionChains(loaded).move_to_element_with_offset(canvas, x - size["width"] / 2, y - size["height"] / 2).click().perform()
    assert loaded.find_element(By.CSS_SELECTOR, "#details h2").text == "台州市工商联"
    items = [li.text for li in loaded.find_elements(By.CSS_SELECTOR, "#articles li")]
    assert items == ["潘军明督查道路综合提升工作\npage1.txt lines 3–9\n台州市工商联参加。"]
    # its neighbours keep their colour, the node it does not touch fades
    colours = loaded.execute_script("var d = kgNetwork.body.data.nodes; return d.getIds().map(function (i) {"
                                    "var c = d.get(i).color; return [i, typeof c === 'string' ? c : c.background]; });")
    faded = sorted(i for i, c in colours if c == "#e6e6e6")
    assert faded == [n for n in sorted(i for i, _ in colours) if n.startswith("ORG:<")]


def test_markup_from_the_corpus_stays_inert_text(loaded):
    box = loaded.find_element(By.ID, "search")
    box.clear()
    box.send_keys("onerror")
    assert loaded.find_element(By.CSS_SELECTOR, "#details h2").text == clean_name(EVIL, "ORG")
    titles = [e.text for e in loaded.find_elements(By.CSS_SELECTOR, "#articles .headline")]
    assert titles == ["<script>window.pwned=2</script>"]
    assert loaded.execute_script("return window.pwned === undefined && document.images.length === 0")


def _click_at(browser, x, y):
    canvas = browser.find_element(By.CSS_SELECTOR, "#graph canvas")
    size = canvas.size
    ActionChains(browser).move_to_element_with_offset(canvas, x - size["width"] / 2, y - size["height"] / 2).click().perform()


def test_a_node_lists_the_entities_it_appears_with_most_and_links_by_articles_or_sentences(loaded):
    from selenium.webdriver.support.ui import Select

    box = loaded.find_element(By.ID, "search")
    box.clear()
    box.send_keys("潘军明")
    ranked = [li.text for li in loaded.find_elements(By.CSS_SELECTOR, "#neighbours li")]
    evil = clean_name(EVIL, "ORG")
    assert ranked == ["路桥 (2 articles, 2 sentences)", f"{evil} (1 article, 1 sentence)", "台州市工商联 (1 article, 0 sentences)"]
    loaded.find_elements(By.CSS_SELECTOR, "#neighbours li")[2].click()  # a neighbour opens as the node does
    assert loaded.find_element(By.CSS_SELECTOR, "#details h2").text == "台州市工商联"

    # linked by shared sentences: 台州市工商联 shares a sentence with nobody, so its two links go
    Select(loaded.find_element(By.ID, "measure")).select_by_value("sentences")
    drawn = loaded.execute_script("return kgNetwork.body.data.edges.get().map(function (e) {"
                                  "return [[e.from, e.to].sort().join(' '), e.value]; })")
    assert sorted(drawn) == sorted([["LOC:路桥 PER:潘军明", 2], [f"LOC:路桥 ORG:{evil}", 1], [f"ORG:{evil} PER:潘军明", 1]])
    assert loaded.find_element(By.CSS_SELECTOR, "#details .note").text.startswith("ORG")
    box.clear()
    box.send_keys("潘军明")
    assert [li.text for li in loaded.find_elements(By.CSS_SELECTOR, "#neighbours li")] == [
        "路桥 (2 articles, 2 sentences)", f"{evil} (1 article, 1 sentence)"]
    Select(loaded.find_element(By.ID, "measure")).select_by_value("weight")
    assert loaded.execute_script("return kgNetwork.body.data.edges.length") == 5


def _click_link(browser, u, v):
    x, y = browser.execute_script(
        "var p = kgNetwork.getPositions([arguments[0], arguments[1]]), a = p[arguments[0]], b = p[arguments[1]];"
        "var m = kgNetwork.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2}); return [m.x, m.y];", u, v)
    _click_at(browser, x, y)


def test_clicking_a_link_shows_its_articles_and_the_sentence_its_ends_share(loaded):
    _click_link(loaded, "ORG:台州市工商联", "PER:潘军明")
    assert loaded.find_element(By.CSS_SELECTOR, "#details h2").text == "潘军明 — 台州市工商联"
    assert loaded.find_element(By.CSS_SELECTOR, "#details .note").text == "1 shared article, 0 shared sentences · NPMI 0"
    # they share no sentence: the sentence each first appears in
    assert loaded.find_element(By.CSS_SELECTOR, "#details .sentence").text == "区委书记潘军明在路桥调研。 … 台州市工商联参加。"
    items = [li.text for li in loaded.find_elements(By.CSS_SELECTOR, "#articles li")]
    assert items == ["潘军明督查道路综合提升工作\npage1.txt lines 3–9"]

    evil = clean_name(EVIL, "ORG")
    _click_link(loaded, f"ORG:{evil}", "PER:潘军明")
    assert loaded.find_element(By.CSS_SELECTOR, "#details h2").text == f"潘军明 — {evil}"
    assert loaded.find_element(By.CSS_SELECTOR, "#details .sentence").text == f"潘军明和{EVIL}在路桥。"  # as text
    assert [li.text for li in loaded.find_elements(By.CSS_SELECTOR, "#articles li")] == [
        "<script>window.pwned=2</script>\npage1.txt lines 11–15"]
    assert loaded.execute_script("return window.pwned === undefined && document.images.length === 0")


# The tests below load pages of their own into the shared browser: they come last in this file.
def _open(browser, tmp_path, articles, mentions):
    """The explorer of ``articles`` loaded in ``browser``."""
    graph = add_measures(build_graph(articles, mentions, resolve(mentions)))
    path = tmp_path / "graph.html"
    write_html(graph, path, articles, mentions, layout(graph))
    _load(browser, path)


def _load(browser, path):
    """``path`` loaded in ``browser``, its network drawn."""
    browser.get(path.as_uri())
    for _ in range(50):
        if browser.execute_script("return !!window.kgNetwork"):
            break
        time.sleep(0.1)


def test_a_period_shows_only_the_entities_and_links_of_the_articles_dated_within_it(browser, tmp_path):
    articles = [Article("a1", "p.txt", (1, 1), "潘军明在路桥", "", "潘军明在路桥调研。", date="2021-05-01"),
                Article("a2", "p.txt", (3, 3), "潘军明到椒江", "", "潘军明到椒江。", date="2022-03-01"),
                Article("a3", "q.txt", (1, 1), "", "", "潘军明和台州市工商联。")]
    mentions = [Mention("a1", 0, 3, "PER", "潘军明"), Mention("a1", 4, 6, "LOC", "路桥"),
                Mention("a2", 0, 3, "PER", "潘军明"), Mention("a2", 4, 6, "LOC", "椒江"),
                Mention("a3", 0, 3, "PER", "潘军明"), Mention("a3", 4, 10, "ORG", "台州市工商联")]
    articles[1].continued = [{"source": "p2.txt", "lines": [5, 6], "start": 8, "id": "p2.txt#2"}]  # (下转第二版)
    articles[1].copies = [{"id": "web.jsonl#3", "source": "web.jsonl", "lines": [3, 3], "date": ""}]  # a repost
    _open(browser, tmp_path, articles, mentions)
    assert browser.find_element(By.ID, "period-span").text == "articles dated 2021-05-01 – 2022-03-01"
    assert browser.execute_script("return kgNetwork.body.data.nodes.getIds().length") == 4  # no period set: all

    def set_period(start, end):
        browser.execute_script("var f = document.getElementById('from'), t = document.getElementById('to');"
                               "f.value = arguments[0]; t.value = arguments[1];"
                               "f.dispatchEvent(new Event('change')); t.dispatchEvent(new Event('change'));", start, end)

    set_period("2022-01-01", "")
    assert sorted(browser.execute_script("return kgNetwork.body.data.nodes.getIds()")) == ["LOC:椒江", "PER:潘军明"]
    assert browser.find_element(By.ID, "period-span").text == (
        "articles dated 2021-05-01 – 2022-03-01; in this period: 2 entities, 1 link")
    assert browser.execute_script("return kgNetwork.body.data.edges.get().map(function (e) {"
                                  "return [e.from, e.to].sort().join(' '); })") == ["LOC:椒江 PER:潘军明"]
    box = browser.find_element(By.ID, "search")
    box.send_keys("潘军明")
    assert [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#articles li")] == [
        "潘军明到椒江\n2022-03-01 · p.txt lines 3–3, continued in p2.txt lines 5–6, also in web.jsonl lines 3–3\n"
        "潘军明到椒江。"]
    assert browser.find_element(By.CSS_SELECTOR, "#details .note").text == (
        "PER · 3 articles · 3 mentions · 2021-05-01 – 2022-03-01 · community 0")
    _click_link(browser, "PER:潘军明", "LOC:椒江")
    assert browser.find_element(By.CSS_SELECTOR, "#details .note").text == (
        "1 shared article, 1 shared sentence · NPMI 0 · 2022-03-01")
    set_period("", "")
    assert browser.execute_script("return kgNetwork.body.data.nodes.getIds().length") == 4


def test_the_map_layout_draws_the_places_with_coordinates_where_they_are(browser, tmp_path):
    articles = [Article("a1", "p.txt", (1, 1), "", "", "潘军明在台州市、杭州市和温州市调研，也到沿江镇。")]
    mentions = [Mention("a1", 0, 3, "PER", "潘军明"), Mention("a1", 4, 7, "LOC", "台州市"),
                Mention("a1", 8, 11, "LOC", "杭州市"), Mention("a1", 12, 15, "LOC", "温州市"),
                Mention("a1", 20, 23, "LOC", "沿江镇")]
    _open(browser, tmp_path, articles, mentions)
    from selenium.webdriver.support.ui import Select
    Select(browser.find_element(By.ID, "layout")).select_by_value("map")
    positions = browser.execute_script("return kgNetwork.getPositions()")
    assert sorted(positions) == ["LOC:台州市", "LOC:杭州市", "LOC:温州市"]  # the person and the town have no point
    taizhou, hangzhou, wenzhou = (positions[n] for n in ("LOC:台州市", "LOC:杭州市", "LOC:温州市"))
    assert hangzhou["y"] < taizhou["y"] < wenzhou["y"]  # north is up
    assert hangzhou["x"] < wenzhou["x"] < taizhou["x"]  # east to the right
    Select(browser.find_element(By.ID, "layout")).select_by_value("network")
    assert len(browser.execute_script("return kgNetwork.getPositions()")) == 5


def test_colouring_by_community_paints_each_community_and_shows_one_on_click(browser, tmp_path):
    from selenium.webdriver.support.ui import Select

    # two groups of articles that share no entity: two communities, the one of three entities first
    articles = [Article("a1", "p.txt", (1, 1), "", "", "潘军明在路桥调研台州市工商联。"),
                Article("a2", "p.txt", (3, 3), "", "", "潘军明在路桥。"),
                Article("a3", "q.txt", (1, 1), "", "", "南排工程在温岭开工。")]
    mentions = [Mention("a1", 0, 3, "PER", "潘军明"), Mention("a1", 4, 6, "LOC", "路桥"),
                Mention("a1", 8, 14, "ORG", "台州市工商联"), Mention("a2", 0, 3, "PER", "潘军明"),
                Mention("a2", 4, 6, "LOC", "路桥"), Mention("a3", 0, 4, "PROJECT", "南排工程"),
                Mention("a3", 5, 7, "LOC", "温岭")]
    _open(browser, tmp_path, articles, mentions)
    colours = ("var d = kgNetwork.body.data.nodes; var out = {}; d.getIds().forEach(function (i) {"
               "var c = d.get(i).color; out[i] = typeof c === 'string' ? c : c.background; }); return out;")
    by_type = browser.execute_script(colours)
    assert by_type == {"PER:潘军明": "#e15759", "LOC:路桥": "#59a14f", "ORG:台州市工商联": "#4e79a7",
                       "PROJECT:南排工程": "#f28e2b", "LOC:温岭": "#59a14f"}
    legend = browser.find_element(By.ID, "community-legend")
    assert not legend.is_displayed()
    Select(browser.find_element(By.ID, "colour-by")).select_by_value("community")
    assert browser.execute_script(colours) == {"PER:潘军明": "#4e79a7", "LOC:路桥": "#4e79a7",
                                               "ORG:台州市工商联": "#4e79a7", "PROJECT:南排工程": "#f28e2b",
                                               "LOC:温岭": "#f28e2b"}
    assert legend.is_displayed()
    assert [li.text for li in legend.find_elements(By.CSS_SELECTOR, "li")] == [
        "潘军明, 路桥, 台州市工商联 (3)", "南排工程, 温岭 (2)"]
    legend.find_element(By.ID, "community-1").click()
    faded = sorted(i for i, c in browser.execute_script(colours).items() if c == "#e6e6e6")
    assert faded == ["LOC:路桥", "ORG:台州市工商联", "PER:潘军明"]
    box = browser.find_element(By.ID, "search")
    box.send_keys("南排")
    assert browser.find_element(By.CSS_SELECTOR, "#details .note").text == "PROJECT · 1 article · 1 mention · community 1"
    Select(browser.find_element(By.ID, "colour-by")).select_by_value("type")
    assert not legend.is_displayed()
    assert browser.execute_script(colours)["PROJECT:南排工程"] == "#f28e2b"
    assert browser.execute_script(colours)["LOC:温岭"] == "#59a14f"


def test_an_article_whose_entities_make_most_of_the_graph_makes_the_explorer_link_by_sentences(browser, tmp_path):
    from selenium.webdriver.support.ui import Select

    # one roll of honour naming 50 people (1,225 edges, all of one article) and a short article with two of them
    names = [f"{surname}{given}" for surname in "王李张刘陈" for given in ("一一", "二二", "三三", "四四", "五五", "六六", "七七",
                                                                        "八八", "九九", "十十")]
    roll = "表彰名单：" + "、".join(names) + "。"
    mentions = [Mention("a1", roll.index(n), roll.index(n) + 3, "PER", n) for n in names]
    short = f"{names[0]}和{names[1]}在路桥。"
    mentions += [Mention("a2", 0, 3, "PER", names[0]), Mention("a2", 4, 7, "PER", names[1]),
                 Mention("a2", 8, 10, "LOC", "路桥")]
    articles = [Article("a1", "p.txt", (1, 1), "2023年度表彰名单", "", roll), Article("a2", "p.txt", (3, 3), "", "", short)]
    for article in articles:
        article.mentions = [m for m in mentions if m.article_id == article.id]
    _open(browser, tmp_path, articles, mentions)
    assert Select(browser.find_element(By.ID, "measure")).first_selected_option.get_attribute("value") == "sentences"
    assert browser.find_element(By.ID, "dominant").text == (
        "Linked by shared sentences: one article, 2023年度表彰名单, names 50 entities, and by shared articles they "
        "make 99 % of the links.")
    # the roll is one sentence, so its 1,225 links stay; the short article's sentence adds its place's two
    assert browser.execute_script("return kgNetwork.body.data.edges.length") == 1227
    Select(browser.find_element(By.ID, "measure")).select_by_value("weight")
    assert browser.execute_script("return kgNetwork.body.data.edges.length") == 1227


def test_search_names_the_entities_beyond_max_nodes_and_how_to_draw_them(browser, tmp_path):
    articles = [Article("a1", "p.txt", (1, 1), "", "", "潘军明在路桥调研。"), Article("a2", "p.txt", (3, 3), "", "", "潘军明在路桥。"),
                Article("a3", "q.txt", (1, 1), "", "", "潘军明会见副县长王建国。")]
    mentions = [Mention("a1", 0, 3, "PER", "潘军明"), Mention("a1", 4, 6, "LOC", "路桥"),
                Mention("a2", 0, 3, "PER", "潘军明"), Mention("a2", 4, 6, "LOC", "路桥"),
                Mention("a3", 0, 3, "PER", "潘军明"), Mention("a3", 8, 11, "PER", "王建国")]
    graph = add_measures(build_graph(articles, mentions, resolve(mentions)))
    path = tmp_path / "graph.html"
    write_html(graph, path, articles, mentions, layout(graph, max_nodes=2), max_nodes=2)
    _load(browser, path)
    assert sorted(browser.execute_script("return kgNetwork.body.data.nodes.getIds()")) == ["LOC:路桥", "PER:潘军明"]
    box = browser.find_element(By.ID, "search")
    box.send_keys("王建")
    assert [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#matches li")] == [
        "王建国 (PER), not drawn: kg build --focus 王建国 draws it"]
    box.clear()
    box.send_keys("县长")  # by role too
    assert [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#matches li")] == [
        "王建国 (PER), not drawn: kg build --focus 王建国 draws it"]
    box.clear()
    box.send_keys("潘")
    assert [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#matches li")] == ["潘军明 (PER)"]
    # drawn with --focus: 王建国 and its neighbour first, and selected when the page opens
    write_html(graph, path, articles, mentions, layout(graph, max_nodes=2, focus=["PER:王建国"]), max_nodes=2,
               focus=["PER:王建国"])
    _load(browser, path)
    assert sorted(browser.execute_script("return kgNetwork.body.data.nodes.getIds()")) == ["PER:潘军明", "PER:王建国"]
    assert browser.execute_script("return kgNetwork.getSelectedNodes()") == ["PER:王建国"]
    assert browser.find_element(By.CSS_SELECTOR, "#details h2").text == "王建国"


def test_a_link_names_the_post_a_person_holds_at_its_other_end(browser, tmp_path):
    text = "路桥区委书记潘军明在路桥调研。"
    mentions = [Mention("a1", 0, 4, "ORG", "路桥区委"), Mention("a1", 6, 9, "PER", "潘军明"),
                Mention("a1", 10, 12, "LOC", "路桥")]
    articles = [Article("a1", "p.txt", (1, 1), "", "", text)]
    articles[0].mentions = mentions
    _open(browser, tmp_path, articles, mentions)
    _click_link(browser, "ORG:路桥区委", "PER:潘军明")
    notes = [n.text for n in browser.find_elements(By.CSS_SELECTOR, "#details .note")]
    assert notes[:2] == ["1 shared article, 1 shared sentence · NPMI 1", "职务 Role: 书记"]
    _click_link(browser, "LOC:路桥", "PER:潘军明")  # 区委书记 names no place: no role there
    assert not [n for n in browser.find_elements(By.CSS_SELECTOR, "#details .note") if n.text.startswith("职务")]
    # a body lists who holds posts there; a person, the posts held
    browser.execute_script("document.getElementById('search').value = '路桥区委';"
                           "document.getElementById('search').dispatchEvent(new Event('input'));")
    assert "任职者 Post holders: 潘军明 书记" in [n.text for n in browser.find_elements(By.CSS_SELECTOR, "#details .note")]
    browser.execute_script("document.getElementById('search').value = '潘军明';"
                           "document.getElementById('search').dispatchEvent(new Event('input'));")
    assert "任职 Posts: 路桥区委 书记" in [n.text for n in browser.find_elements(By.CSS_SELECTOR, "#details .note")]
