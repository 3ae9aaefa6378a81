import csv
import json
import math
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from kg.errors import ExportError
from kg.export import drawn, layout, most_seen, write_gexf, write_graphml, write_outputs
from kg.link import add_measures, build_graph
from kg.normalise import Mention, resolve
from kg.segment import Article


@pytest.fixture
def built():
    articles = [Article("a1", "p.txt", (1, 3), "潘军明调研", "本报讯", "潘军明在路桥调研。"),
                Article("a2", "p.txt", (5, 6), "", "", "路桥区和台州湾新材料产业园。")]
    for a, ms in zip(articles, [[Mention("a1", 0, 3, "PER", "潘军明"), Mention("a1", 4, 6, "LOC", "路桥")],
                                [Mention("a2", 0, 3, "LOC", "路桥区"), Mention("a2", 4, 13, "PROJECT", "台州湾新材料产业园")]]):
        a.mentions = ms
    mentions = [m for a in articles for m in a.mentions]
    entities = resolve(mentions)
    graph = add_measures(build_graph(articles, mentions, entities))
    return graph, articles, mentions, entities


def test_graphml_has_named_keys_scalars_and_round_trips(built, tmp_path):
    graph = built[0]
    before = nx.to_dict_of_dicts(graph)
    write_graphml(graph, tmp_path / "g.graphml", {n: (1.0, 2.0) for n in graph})
    assert nx.to_dict_of_dicts(graph) == before  # the caller's graph is not changed
    keys = {k.get("id"): (k.get("for"), k.get("attr.name"), k.get("attr.type"))
            for k in ET.parse(tmp_path / "g.graphml").getroot() if k.tag.endswith("key")}
    assert all(key == name for key, (_, name, _) in keys.items())
    assert keys["label"] == ("node", "label", "string") and keys["weight"] == ("edge", "weight", "long")
    assert keys["r"][2] == "long" and keys["size"][2] == "double"
    back = nx.read_graphml(tmp_path / "g.graphml")
    node = back.nodes["LOC:路桥区"]
    assert (node["label"], node["type"], node["articles"], node["aliases"], node["r"], node["x"]) == (
        "路桥区", "LOC", 2, "路桥|路桥区", 89, 1.0)
    assert back.edges["PER:潘军明", "LOC:路桥区"]["weight"] == 1


def test_graphml_is_written_by_the_streaming_lxml_writer_and_reads_back_as_the_standard_librarys(built, tmp_path):
    from kg.export import _gephi_copy

    write_graphml(built[0], tmp_path / "g.graphml")
    nx.write_graphml_xml(_gephi_copy(built[0], {}), tmp_path / "stdlib.graphml", named_key_ids=True,
                         infer_numeric_types=True)
    nx.write_graphml_lxml(_gephi_copy(built[0], {}), tmp_path / "lxml.graphml", named_key_ids=True,
                          infer_numeric_types=True)
    written = (tmp_path / "g.graphml").read_bytes()
    assert written == (tmp_path / "lxml.graphml").read_bytes() != (tmp_path / "stdlib.graphml").read_bytes()
    back, stdlib = nx.read_graphml(tmp_path / "g.graphml"), nx.read_graphml(tmp_path / "stdlib.graphml")
    assert nx.utils.graphs_equal(back, stdlib)


def test_gexf_has_viz_attributes(built, tmp_path):
    write_gexf(built[0], tmp_path / "g.gexf", {n: (3.0, 4.0) for n in built[0]})
    back = nx.read_gexf(tmp_path / "g.gexf")
    viz = back.nodes["PROJECT:台州湾新材料产业园"]["viz"]
    assert viz["color"]["r"] == 242 and viz["position"]["x"] == 3.0 and viz["size"] > 0


def test_gexf_is_streamed_undated_and_reads_back_as_networkxs_own_writer_gives_it(built, tmp_path):
    from kg.export import _gephi_copy

    graph = built[0]
    write_gexf(graph, tmp_path / "g.gexf", {n: (3.0, 4.0) for n in graph})
    assert b"lastmodifieddate" not in (tmp_path / "g.gexf").read_bytes()  # a rerun on another day: the same bytes
    copy = _gephi_copy(graph, {n: (3.0, 4.0) for n in graph})  # networkx's own writer, given the viz as it wants it
    for _, data in copy.nodes(data=True):
        data["viz"] = {"color": {"r": data["r"], "g": data["g"], "b": data["b"], "a": 1.0}, "size": data["size"],
                       "position": {"x": data["x"], "y": data["y"], "z": 0.0}}
    nx.write_gexf(copy, tmp_path / "networkx.gexf")
    back, theirs = nx.read_gexf(tmp_path / "g.gexf"), nx.read_gexf(tmp_path / "networkx.gexf")
    assert nx.utils.graphs_equal(back, theirs) and back.number_of_edges() == graph.number_of_edges() > 0
    assert back.nodes["PER:潘军明"]["pagerank"] == graph.nodes["PER:潘军明"]["pagerank"]


def test_dated_articles_make_a_dynamic_gexf_and_dated_tables(built, tmp_path):
    graph, articles, mentions, entities = built
    articles = [Article(a.id, a.source, a.lines, a.headline, a.byline, a.text, date=date, mentions=a.mentions)
                for a, date in zip(articles, ("2022-01-26", "2022-02-03"))]
    graph = add_measures(build_graph(articles, mentions, entities))
    write_outputs(tmp_path, graph, articles, mentions, entities)
    root = ET.parse(tmp_path / "graph.gexf").getroot()
    spells = {(e.get("id") if e.tag.endswith("}node") else f"{e.get('source')} {e.get('target')}"):
              (e.get("start"), e.get("end")) for e in root.iter() if e.tag.endswith(("}node", "}edge"))}
    assert next(e for e in root.iter() if e.tag.endswith("}graph")).attrib["mode"] == "dynamic"
    assert spells["LOC:路桥区"] == ("2022-01-26", "2022-02-03")
    assert spells["PROJECT:台州湾新材料产业园"] == ("2022-02-03", "2022-02-03")
    assert spells["PER:潘军明 LOC:路桥区"] == ("2022-01-26", "2022-01-26")
    back = nx.read_graphml(tmp_path / "graph.graphml")
    assert (back.nodes["LOC:路桥区"]["first_date"], back.nodes["LOC:路桥区"]["last_date"]) == ("2022-01-26", "2022-02-03")
    rows = {r["id"]: r for r in csv.DictReader(open(tmp_path / "entities.csv", encoding="utf-8-sig"))}
    assert (rows["PER:潘军明"]["first_date"], rows["PER:潘军明"]["last_date"]) == ("2022-01-26", "2022-01-26")
    # a division's point, for a map; none for a person
    assert (rows["LOC:路桥区"]["latitude"], rows["LOC:路桥区"]["longitude"]) == ("28.582654", "121.365123")
    assert (rows["PER:潘军明"]["latitude"], rows["PER:潘军明"]["longitude"]) == ("", "")
    assert back.nodes["LOC:路桥区"]["latitude"] == 28.582654 and "latitude" not in back.nodes["PER:潘军明"]
    edge_rows = list(csv.DictReader(open(tmp_path / "edges.csv", encoding="utf-8-sig")))
    assert {(r["source"], r["target"], r["first_shared_date"]) for r in edge_rows} == {
        ("PER:潘军明", "LOC:路桥区", "2022-01-26"), ("LOC:路桥区", "PROJECT:台州湾新材料产业园", "2022-02-03")}


def test_lists_are_refused_with_the_node_and_attribute_named(built, tmp_path):
    graph = built[0].copy()
    graph.nodes["PER:潘军明"]["aliases"] = ["潘军明"]
    with pytest.raises(ExportError, match="node 'PER:潘军明': attribute 'aliases' is a list"):
        write_graphml(graph, tmp_path / "g.graphml")


def test_write_outputs_writes_every_file(built, tmp_path):
    graph, articles, mentions, entities = built
    paths = write_outputs(tmp_path, graph, articles, mentions, entities)
    assert sorted(p.name for p in paths.values()) == sorted(
        ["graph.graphml", "graph.gexf", "graph.html", "entities.csv", "edges.csv", "aliases.csv", "articles.csv",
         "articles.jsonl"])
    records = [json.loads(line) for line in (tmp_path / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert records[0] == {"id": "a1", "source": "p.txt", "lines": [1, 3], "headline": "潘军明调研", "byline": "本报讯",
                          "date": "", "text": "潘军明在路桥调研。", "continued": [], "copies": [], "mentions": [
                              {"start": 0, "end": 3, "label": "PER", "text": "潘军明", "entity": "PER:潘军明"},
                              {"start": 4, "end": 6, "label": "LOC", "text": "路桥", "entity": "LOC:路桥区"}]}
    table = (tmp_path / "aliases.csv").read_bytes()
    assert table.startswith("\ufeff".encode("utf-8"))  # a BOM: Excel reads the table as UTF-8, not GBK
    aliases = table.decode("utf-8-sig").splitlines()
    assert aliases[0] == "alias,entity,rule,count" and "路桥,LOC:路桥区,admin-suffix,1" in aliases
    html = (tmp_path / "graph.html").read_text(encoding="utf-8")
    # nothing is loaded from anywhere: no script or stylesheet by address, no remote url() in the styles
    assert re.findall(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//|url\(\s*[\"']?(?:https?:)?//", html) == []


GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"
KEY_TYPES = {"boolean", "int", "long", "float", "double", "string"}


def _check_graphml_structure(path):
    """The GraphML schema's rules that matter to readers (the XSD file itself is not available offline here):
    root and children in the GraphML namespace and order, keys with a unique id, a domain and an allowed type,
    one graph with edgedefault, unique node ids, edges between declared nodes, data only for declared keys of
    the right domain, values parseable as their key's type."""
    root = ET.parse(path).getroot()
    assert root.tag == GRAPHML_NS + "graphml"
    keys = {}
    children = list(root)
    assert [c.tag for c in children] == [GRAPHML_NS + "key"] * (len(children) - 1) + [GRAPHML_NS + "graph"]
    for key in children[:-1]:
        assert key.get("id") not in keys and key.get("for") in ("node", "edge", "graph", "all")
        assert key.get("attr.type") in KEY_TYPES and key.get("attr.name")
        keys[key.get("id")] = (key.get("for"), key.get("attr.type"))
    graph = children[-1]
    assert graph.get("edgedefault") in ("directed", "undirected")
    nodes = set()
    casts = {"int": int, "long": int, "float": float, "double": float, "string": str,
             "boolean": lambda v: {"true": True, "false": False}[v]}
    for element in graph:
        kind = element.tag.removeprefix(GRAPHML_NS)
        assert kind in ("node", "edge")
        if kind == "node":
            assert element.get("id") not in nodes
            nodes.add(element.get("id"))
        else:
            assert element.get("source") in nodes and element.get("target") in nodes
        for data in element:
            assert data.tag == GRAPHML_NS + "data"
            domain, type_ = keys[data.get("key")]
            assert domain in (kind, "all")
            casts[type_](data.text or "")
    return len(nodes)


def test_graphml_follows_the_schema_rules(built, tmp_path):
    write_graphml(built[0], tmp_path / "g.graphml", layout_positions := {n: (1.0, 2.0) for n in built[0]})
    assert _check_graphml_structure(tmp_path / "g.graphml") == len(built[0]) == len(layout_positions)


def test_layout_above_max_nodes_lays_out_the_most_seen_and_places_the_rest_beside_their_neighbours():
    graph = nx.Graph()
    for i in range(12):  # a core of 12 entities seen in 5 articles each, in a ring
        graph.add_node(f"PER:core{i}", articles=5, mentions=5)
        graph.add_edge(f"PER:core{i}", f"PER:core{(i + 1) % 12}", weight=1)
    graph.add_node("LOC:leaf", articles=1, mentions=1)
    graph.add_edge("LOC:leaf", "PER:core3", weight=2)
    graph.add_edge("LOC:leaf", "PER:core7", weight=1)
    graph.add_node("ORG:far", articles=1, mentions=1)
    graph.add_edge("ORG:far", "LOC:leaf", weight=1)
    graph.add_node("ORG:alone", articles=1, mentions=1)

    pos = layout(graph, max_nodes=12)
    assert set(pos) == set(graph) and pos == layout(graph, max_nodes=12)
    scale = 60 * math.sqrt(len(graph))
    spacing = 6.0 / math.sqrt(12) * scale  # the spring layout's k, in output units

    def dist(a, b):
        return math.dist(pos[a], pos[b])

    assert dist("LOC:leaf", "PER:core3") <= spacing + 0.01  # beside its strongest link
    assert dist("ORG:far", "LOC:leaf") <= spacing + 0.01  # placed from a placed neighbour
    assert math.isclose(math.hypot(*pos["ORG:alone"]), 1.3 * scale, rel_tol=1e-3)  # on the ring
    assert most_seen(graph, 12) == sorted(f"PER:core{i}" for i in range(12))
    # a focus: the entity and its neighbours are drawn and laid out first, then the most seen
    assert drawn(graph, 12, focus=["ORG:far"]) == ["ORG:far", "LOC:leaf"] + sorted(f"PER:core{i}" for i in range(12))[:10]
    focused = layout(graph, max_nodes=12, focus=["ORG:far"])
    assert set(focused) == set(graph) and focused == layout(graph, max_nodes=12, focus=["ORG:far"])
    # core8 and core9 are the ones left out now: each beside its placed neighbour
    assert math.dist(focused["PER:core8"], focused["PER:core7"]) <= spacing + 0.01
    assert math.dist(focused["PER:core9"], focused["PER:core10"]) <= spacing + 0.01


def test_a_graph_above_max_nodes_is_laid_out_and_drawn_alike_on_every_run(tmp_path):
    # the explorer's subset and the layout's core come out in the graph's order, not in a set's, whose order
    # Python's string hashing changes from process to process
    script = """
import json, sys
import networkx as nx
from kg.export import layout, write_html
graph = nx.Graph()
for i in range(40):
    graph.add_node(f"ORG:firm{i}", label=f"firm{i}", type="ORG", articles=1 + i % 7, mentions=1 + i % 5, aliases="")
    graph.add_edge(f"ORG:firm{i}", f"ORG:firm{(i * 7 + 3) % 40}", weight=1 + i % 3)
    graph.add_edge(f"ORG:firm{i}", f"ORG:firm{(i + 1) % 40}", weight=1)
positions = layout(graph, max_nodes=10)
write_html(graph, __import__("pathlib").Path(sys.argv[1]), [], [], positions, max_nodes=10)
print(json.dumps(sorted(positions.items())))
"""
    runs = []
    for seed in ("1", "2", "3"):
        page = tmp_path / f"graph{seed}.html"
        done = subprocess.run([sys.executable, "-c", script, str(page)], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": seed})
        runs.append((done.stdout, page.read_bytes()))
    assert runs[0] == runs[1] == runs[2]


def test_the_page_writes_each_sentence_once_however_many_links_and_entities_show_it(tmp_path):
    sentence = "潘军明、李跃旗和吴海平在路桥区调研台州湾新材料产业园。"
    articles = [Article("a1", "p.txt", (1, 1), "", "", sentence)]
    names = [("潘军明", "PER"), ("李跃旗", "PER"), ("吴海平", "PER"), ("路桥区", "LOC"), ("台州湾新材料产业园", "PROJECT")]
    mentions = [Mention("a1", sentence.index(n), sentence.index(n) + len(n), label, n) for n, label in names]
    graph = add_measures(build_graph(articles, mentions, resolve(mentions)))
    assert graph.number_of_edges() == 10  # ten links and five entities, all with this sentence as evidence
    write_outputs(tmp_path, graph, articles, mentions, resolve(mentions))
    assert (tmp_path / "graph.html").read_text(encoding="utf-8").count(sentence) == 1
