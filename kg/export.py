"""Write the graph and the articles: GraphML and GEXF for Gephi, an offline HTML explorer, CSV tables and
``articles.jsonl``.

Writers work on copies and never change the caller's graph. GraphML is written with named keys (Gephi reads
key ``d3`` as the label otherwise) and scalar attributes only.
"""

from __future__ import annotations

import csv
import heapq
import json
import math
import random
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Sequence

import networkx as nx
import pyvis
from lxml import etree
from pyvis.edge import Edge
from pyvis.network import Network

from .errors import ExportError
from .link import dominant_article
from .normalise import Entity, Mention
from .read import OUTPUT_FILES
from .recognise import LABELS
from .segment import Article

__all__ = ["TYPE_COLOURS", "write_outputs", "write_graphml", "write_gexf", "write_html", "layout", "most_seen", "induced"]

TYPE_COLOURS = {"PER": "#e15759", "ORG": "#4e79a7", "LOC": "#59a14f", "PROJECT": "#f28e2b"}
TYPE_NAMES = {"PER": "人物 person", "ORG": "机构 organisation", "LOC": "地点 place", "PROJECT": "项目 project"}
# The explorer's colours for communities (graph.graphml's `community`, numbered largest first) when it colours by
# community: one each for the largest, grey for the rest (a dozen hues are as many as an eye tells apart).
COMMUNITY_COLOURS = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                     "#9c755f", "#17becf", "#bcbd22", "#8c564b")
OTHER_COMMUNITY = "#bab0ac"
# The explorer lists at most this many of an edge's shared articles (graph.graphml and edges.csv keep them all).
SHARED_SHOWN = 20
_SCALARS = (str, int, float, bool)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def _node_size(articles: int) -> float:
    return round(5 + 5 * math.sqrt(articles), 2)


def most_seen(graph: nx.Graph, n: int) -> list:
    """The ``n`` nodes in the most articles (then the most mentions, then by id): what the explorer draws."""
    return sorted(graph.nodes, key=lambda v: (-graph.nodes[v]["articles"], -graph.nodes[v]["mentions"], v))[:n]


def drawn(graph: nx.Graph, max_nodes: int, focus: Sequence[str] = ()) -> list:
    """The ``max_nodes`` nodes the explorer draws: the ``focus`` nodes (ids) and their neighbours, most strongly
    linked first, then the nodes in the most articles (:func:`most_seen`).

    >>> g = nx.Graph([("a", "b", {"weight": 1}), ("c", "d", {"weight": 2}), ("c", "e", {"weight": 1})])
    >>> for n, k in zip("abcde", (9, 8, 1, 1, 1)):
    ...     g.nodes[n].update(articles=k, mentions=k)
    >>> drawn(g, 2), drawn(g, 3, focus=["c"])
    (['a', 'b'], ['c', 'd', 'e'])
    """
    chosen = dict.fromkeys(n for n in focus if n in graph)
    for n in list(chosen):
        chosen.update(dict.fromkeys(sorted(graph[n], key=lambda m: (-graph[n][m].get("weight", 1), m))))
    if len(chosen) < max_nodes:
        chosen.update(dict.fromkeys(most_seen(graph, max_nodes)))
    return list(chosen)[:max_nodes]


def induced(graph: nx.Graph, nodes: Iterable) -> nx.Graph:
    """A new graph of ``nodes`` and the edges between them, in ``graph``'s order of nodes and edges.

    networkx's ``subgraph`` view iterates a node set under half the graph's size in the set's own order, which
    Python's string hashing changes from run to run: a seeded layout and the explorer's data then came out
    different on every run of a corpus above ``max_nodes``.
    """
    keep = set(nodes)
    sub = nx.Graph()
    sub.add_nodes_from((n, d) for n, d in graph.nodes(data=True) if n in keep)
    sub.add_edges_from((u, v, d) for u, v, d in graph.edges(data=True) if u in keep and v in keep)
    return sub


def layout(graph: nx.Graph, *, seed: int = 42, max_nodes: int = 1500, focus: Sequence[str] = ()
           ) -> dict[str, tuple[float, float]]:
    """Positions for every node (seeded spring layout, scaled to about 1000 units), computed once here so that the
    browser and Gephi need no physics.

    networkx's spring layout costs time and memory with the square of the node count (about 1 minute and 1 GB for
    8,000 nodes), so above ``max_nodes`` only the ``max_nodes`` nodes the explorer draws (:func:`drawn`: the
    ``focus`` nodes and their neighbours, then the nodes in the most articles) are laid out; every other node is
    put beside its most strongly linked placed neighbour, strongest links first, and a node linked to none of them
    on a ring around the rest. Gephi users lay out again anyway.
    """
    if len(graph) == 0:
        return {}
    core = induced(graph, drawn(graph, max_nodes, focus)) if len(graph) > max_nodes else graph
    k = 6.0 / math.sqrt(len(core))  # wide spacing: articles form cliques that otherwise collapse into blobs
    pos = {n: (float(x), float(y)) for n, (x, y) in
           nx.spring_layout(core, weight="weight", seed=seed, k=k, iterations=50 if len(core) < 1000 else 25).items()}
    if len(core) < len(graph):
        rng = random.Random(seed)
        heap = [(-d.get("weight", 1), u, v) for u, v, d in graph.edges(data=True) if (u in pos) != (v in pos)]
        heapq.heapify(heap)
        while heap:  # Prim-like: the strongest link from a placed node to an unplaced one first
            _, u, v = heapq.heappop(heap)
            placed, new = (u, v) if u in pos else (v, u)
            if new in pos:
                continue
            angle, step = rng.uniform(0, 2 * math.pi), k * rng.uniform(0.3, 1.0)
            pos[new] = (pos[placed][0] + step * math.cos(angle), pos[placed][1] + step * math.sin(angle))
            for w, d in graph[new].items():
                if w not in pos:
                    heapq.heappush(heap, (-d.get("weight", 1), new, w))
        for n in sorted(graph, key=str):  # in no component with a placed node
            if n not in pos:
                angle = rng.uniform(0, 2 * math.pi)
                pos[n] = (1.3 * math.cos(angle), 1.3 * math.sin(angle))
    scale = 60 * math.sqrt(len(graph))
    return {n: (round(x * scale, 2), round(y * scale, 2)) for n, (x, y) in pos.items()}


def _gephi_copy(graph: nx.Graph, positions: dict) -> nx.Graph:
    """A copy with the colour, size and position attributes Gephi reads, every value checked to be a scalar."""
    out = nx.Graph()
    for node, data in graph.nodes(data=True):
        attrs = dict(data)
        r, g, b = _rgb(TYPE_COLOURS.get(attrs.get("type", ""), "#999999"))
        x, y = positions.get(node, (0.0, 0.0))
        attrs.update(r=r, g=g, b=b, size=_node_size(attrs.get("articles", 1)), x=x, y=y)
        for key, value in attrs.items():
            if not isinstance(value, _SCALARS):
                raise ExportError(f"node {node!r}: attribute {key!r} is a {type(value).__name__}, not a scalar; "
                                  "join lists with '|' before export")
        out.add_node(node, **attrs)
    for u, v, data in graph.edges(data=True):
        for key, value in data.items():
            if not isinstance(value, _SCALARS):
                raise ExportError(f"edge {u!r} -- {v!r}: attribute {key!r} is a {type(value).__name__}, not a scalar")
        out.add_edge(u, v, **data)
    return out


def write_graphml(graph: nx.Graph, path: Path, positions: dict | None = None) -> None:
    """GraphML with named keys and scalar attributes (label, type, counts, aliases, r/g/b, size, x/y), written by
    networkx's lxml writer, which streams the file where the standard library's builds the whole XML tree in memory
    first (3,000 articles, 180,814 edges, a 142 MB file: 9 s and 5 MB against 19 s and 880 MB). It is named, not
    left to ``nx.write_graphml``, which takes either, so that the same graph gives the same bytes everywhere."""
    copy = _gephi_copy(graph, positions or {})
    nx.write_graphml_lxml(copy, path, named_key_ids=True, infer_numeric_types=True)


_GEXF = "http://www.gexf.net/1.2draft"
_VIZ = "{http://www.gexf.net/1.2draft/viz}"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_GEXF_TYPES = ((bool, "boolean"), (int, "long"), (float, "double"), (str, "string"))  # bool first: an int too
_GEXF_OWN = ("label", "start", "end", "weight")  # written as the node's or edge's own XML attributes


def write_gexf(graph: nx.Graph, path: Path, positions: dict | None = None) -> None:
    """GEXF 1.2 with Gephi's viz colour, size and position; where the articles are dated, each node and edge lives
    from its first to its last date (``start``/``end``: a dynamic graph that Gephi's timeline plays).

    Streamed to its file with lxml, a node or an edge at a time, where networkx's writer builds the whole XML tree
    in memory first (3,000 articles, 180,814 edges: 8 s and 70 MB against 16 s and 800 MB) and dates the file by
    the day it was written, so that a rerun gave other bytes. ``nx.read_gexf`` reads it as networkx's own."""
    copy = _gephi_copy(graph, positions or {})
    for _, data in copy.nodes(data=True):
        if data.get("first_date"):
            data["start"], data["end"] = data["first_date"], data["last_date"]
    for _, _, data in copy.edges(data=True):
        if data.get("first_shared_date"):
            data["start"], data["end"] = data["first_shared_date"], data["last_shared_date"]
    declared = _gexf_attributes(copy)
    dynamic = any("start" in data for _, data in copy.nodes(data=True))  # a dated edge's ends are dated
    with etree.xmlfile(str(path), encoding="utf-8") as xf:
        xf.write_declaration()
        root = {"version": "1.2", f"{{{_XSI}}}schemaLocation": f"{_GEXF} {_GEXF}/gexf.xsd"}
        with xf.element("gexf", root, nsmap={None: _GEXF, "viz": _VIZ[1:-1], "xsi": _XSI}):
            meta = etree.Element("meta")  # no date: a rerun gives the same bytes
            etree.SubElement(meta, "creator").text = "kg"
            xf.write(meta, pretty_print=True)
            mode = {"mode": "dynamic", "timeformat": "date"} if dynamic else {"mode": "static"}
            with xf.element("graph", {"defaultedgetype": "undirected", **mode}):
                for kind, attributes in declared.items():
                    element = etree.Element("attributes", {"class": kind, "mode": "static"})
                    for title, (id_, type_) in attributes.items():
                        etree.SubElement(element, "attribute", {"id": id_, "title": title, "type": type_})
                    xf.write(element, pretty_print=True)
                with xf.element("nodes"):
                    for node, data in copy.nodes(data=True):
                        xf.write(_gexf_node(str(node), data, declared["node"]), pretty_print=True)
                with xf.element("edges"):
                    for n, (u, v, data) in enumerate(copy.edges(data=True)):
                        ends = {"id": str(n), "source": str(u), "target": str(v)}
                        xf.write(_gexf_element("edge", ends, data, declared["edge"]), pretty_print=True)


def _gexf_attributes(graph: nx.Graph) -> dict[str, dict[str, tuple[str, str]]]:
    """For nodes and edges, each attribute's GEXF id and type (from its first value, as networkx's writer has it)."""
    declared: dict[str, dict[str, tuple[str, str]]] = {"node": {}, "edge": {}}
    datas = {"node": (d for _, d in graph.nodes(data=True)), "edge": (d for *_, d in graph.edges(data=True))}
    for kind, attributes in declared.items():
        for data in datas[kind]:
            for title, value in data.items():
                if title not in _GEXF_OWN and title not in attributes:
                    type_ = next(name for scalar, name in _GEXF_TYPES if isinstance(value, scalar))
                    attributes[title] = (str(len(declared["node"]) + len(declared["edge"])), type_)
    return declared


def _gexf_element(tag: str, own: dict[str, str], data: dict, declared: dict[str, tuple[str, str]]):
    """A node or edge element: ``own`` XML attributes, those of ``data`` that GEXF has (label, start, end,
    weight), and the rest as attvalues of the ``declared`` attributes."""
    element = etree.Element(tag, own | {k: str(data[k]) for k in _GEXF_OWN if k in data})
    values = etree.Element("attvalues")
    for title, value in data.items():
        if title not in _GEXF_OWN:
            text = str(value).lower() if isinstance(value, bool) else str(value)
            etree.SubElement(values, "attvalue", {"for": declared[title][0], "value": text})
    element.append(values)
    return element


def _gexf_node(node: str, data: dict, declared: dict[str, tuple[str, str]]):
    """A node element with Gephi's viz colour, size and position (from ``data``'s r, g, b, size, x, y)."""
    element = _gexf_element("node", {"id": node, "label": str(data.get("label", node))}, data, declared)
    viz = [etree.Element(_VIZ + "color", r=str(data["r"]), g=str(data["g"]), b=str(data["b"]), a="1.0"),
           etree.Element(_VIZ + "size", value=str(data["size"])),
           etree.Element(_VIZ + "position", x=str(data["x"]), y=str(data["y"]), z="0.0")]
    for k, part in enumerate(viz):
        element.insert(k, part)
    return element


def _csv(path: Path, header: Sequence[str], rows) -> None:
    """A table in UTF-8 with a byte-order mark: without one, Excel reads a CSV in the system's code page (GBK on a
    Chinese Windows) and shows its names garbled; pandas, Gephi, LibreOffice and WPS read it either way."""
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)


def _article_rows(articles: Sequence[Article], entities: dict[str, Entity]) -> Iterable[list]:
    """One row an article for a spreadsheet: where it is, its headline and byline, the names of the entities of
    the graph it mentions, by type, "|"-joined in the order it first mentions them, and the ids of its copies."""
    for a in articles:
        named: dict[str, dict[str, None]] = {t: {} for t in LABELS}
        for m in a.mentions:
            if (entity := entities.get(m.entity)) is not None:
                named[entity.type][entity.name] = None
        yield ([a.id, a.date, a.source, f"{a.lines[0]}-{a.lines[1]}", a.headline, a.byline, len(a.text)]
               + ["|".join(named[t]) for t in LABELS] + ["|".join(c["id"] for c in a.copies)])


def _evidence(articles: Sequence[Article], mentions: Sequence[Mention]) -> dict[str, list[list[str]]]:
    """For each entity, [article id, sentence] for each article it appears in (the sentence of its first mention)."""
    text_of = {a.id: a.text for a in articles}
    found: dict[str, list[list[str]]] = defaultdict(list)
    seen = set()
    for m in mentions:
        if not m.entity or (m.entity, m.article_id) in seen:
            continue
        seen.add((m.entity, m.article_id))
        text = text_of[m.article_id]
        start = max(text.rfind(p, 0, m.start) for p in "。！？\n") + 1
        ends = [i for i in (text.find(p, m.end) for p in "。！？\n") if i != -1]
        end = min(ends) + 1 if ends else len(text)
        sentence = " ".join(text[start:end].split())
        found[m.entity].append([m.article_id, sentence[:200]])
    return found


def write_html(graph: nx.Graph, path: Path, articles: Sequence[Article], mentions: Sequence[Mention],
               positions: dict, *, max_nodes: int = 1500, title: str = "kg", focus: Sequence[str] = ()) -> int:
    """The offline explorer: one self-contained HTML file (vis-network from pyvis's package inlined, no network).

    At most ``max_nodes`` nodes are drawn (:func:`drawn`: the ``focus`` nodes and their neighbours, then those in
    the most articles); the page says so, and its search finds the others too, saying how to draw them. Returns
    the count drawn.
    """
    shown = induced(graph, drawn(graph, max_nodes, focus))
    net = Network(height="100%", width="100%")
    for node in sorted(shown.nodes):
        d = shown.nodes[node]
        x, y = positions.get(node, (0.0, 0.0))
        tip = f"{d['label']} ({d['type']})\n{d['articles']} articles, {d['mentions']} mentions" + (
            f"\n{d['roles'].replace('|', ', ')}" if d.get("roles") else "")
        net.add_node(node, label=d["label"], title=tip, color=TYPE_COLOURS.get(d["type"], "#999999"),
                     size=_node_size(d["articles"]), x=x, y=y, kind=d["type"], community=d.get("community", -1))
    # pyvis's add_edge scans every edge added before for a duplicate (time quadratic in the edges: 28 s for the
    # 15,177 edges drawn of 1,080 articles); a networkx Graph has none, so its edges go in as add_edge makes them.
    net.edges.extend(Edge(u, v, False, value=d["weight"], weight=d["weight"], sentences=d.get("sentence_weight", 0),
                          npmi=d.get("npmi", 0.0), evidence=d.get("evidence", ""), role=d.get("role", ""),
                          shared=d.get("shared_articles", "").split("|")[:SHARED_SHOWN]).options
                     for u, v, d in sorted(shown.edges(data=True)))
    net.toggle_physics(False)
    nodes, edges, *_ = net.get_network_data()
    info = {n: {"type": shown.nodes[n]["type"], "aliases": shown.nodes[n]["aliases"],
                "articles": shown.nodes[n]["articles"], "mentions": shown.nodes[n]["mentions"],
                "first_date": shown.nodes[n].get("first_date", ""), "last_date": shown.nodes[n].get("last_date", ""),
                "community": shown.nodes[n].get("community", -1),
                **{k: shown.nodes[n][k] for k in ("latitude", "longitude", "roles") if shown.nodes[n].get(k)}}
            for n in shown}
    evidence = _evidence(articles, mentions)
    used = {a for n in shown for a, _ in evidence.get(n, [])} | {a for e in edges for a in e["shared"]}
    # Each article and each sentence is written once, in a table, and referred to by its place there: the links of
    # one long article share a few sentences (of 4,000 news articles' 53,800 links drawn, 7.3 million characters of
    # evidence were 0.6 million distinct), and a link's two sentences (… " … " …) are two such references.
    listed = [a for a in articles if a.id in used]
    article_at = {a.id: i for i, a in enumerate(listed)}
    sentences: dict[str, int] = {}

    def sentence_ref(text: str) -> int:
        return sentences.setdefault(text, len(sentences))

    def sentence_refs(text: str) -> list[int]:  # joined again by " … " on the page: the same text
        return [sentence_ref(part) for part in text.split(" … ")] if text else []

    date_of = {a.id: a.date for a in articles if a.date}
    for edge in edges:  # the dates of all its articles, so that the page can show a period
        shared = shown.edges[edge["from"], edge["to"]].get("shared_articles", "").split("|")
        edge["dates"] = sorted({date_of[a] for a in shared if a in date_of})
        edge["evidence"] = sentence_refs(edge["evidence"])
        edge["shared"] = [article_at[a] for a in edge["shared"] if a in article_at]
    node_evidence = {n: [[article_at[a], sentence_ref(text)] for a, text in evidence.get(n, [])] for n in shown}
    article_info = [{"id": a.id, "headline": a.headline, "source": a.source, "lines": list(a.lines), "date": a.date,
                     "continued": [[part["source"], part["lines"]] for part in a.continued],
                     "copies": [[copy["source"], copy["lines"]] for copy in a.copies]} for a in listed]
    data = {
        "title": title, "nodes": nodes, "edges": edges, "info": info,
        "evidence": node_evidence, "articles": article_info, "sentences": list(sentences),
        "types": [{"type": t, "name": TYPE_NAMES[t], "colour": c} for t, c in TYPE_COLOURS.items()],
        "communities": _communities(shown), "community_colours": len(COMMUNITY_COLOURS),
        "dominant": _dominant(graph, articles),
        "focus": [n for n in focus if n in shown],  # selected when the page opens
        # the entities not drawn, for the search: [label, type, aliases, roles]
        "hidden": [[d["label"], d["type"], d.get("aliases", ""), d.get("roles", "")] for n, d in graph.nodes(data=True)
                   if n not in shown],
        "total_nodes": graph.number_of_nodes(), "total_edges": graph.number_of_edges(),
    }
    # JSON inside <script>: escape <, > and & so that no text from the corpus can close the script or open a tag.
    payload = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    lib = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"  # shipped inside the pyvis package
    template = (Path(__file__).parent / "templates" / "explorer.html").read_text(encoding="utf-8")
    page = (template.replace("/*VIS_CSS*/", (lib / "vis-network.css").read_text(encoding="utf-8"))
            .replace("/*VIS_JS*/", (lib / "vis-network.min.js").read_text(encoding="utf-8").replace("</script", "<\\/script"))
            .replace("/*DATA*/null", payload)
            .replace("{{title}}", _html_escape(title)))
    path.write_text(page, encoding="utf-8")
    return len(shown)


def _dominant(graph: nx.Graph, articles: Sequence[Article]) -> dict | None:
    """The article whose entities make much of the graph (:func:`kg.link.dominant_article`), for the explorer,
    which then links by shared sentences from the start: its headline (or id), entities and share of the edges."""
    found = dominant_article(graph, articles)
    if found is None:
        return None
    article, entities, edges = found
    headline = next((a.headline for a in articles if a.id == article), "") or article
    return {"headline": headline, "entities": entities, "share": 100 * edges // graph.number_of_edges()}  # floor: 100 only if all


def _communities(graph: nx.Graph, named: int = 3) -> list[dict]:
    """The communities of the drawn graph for the explorer's legend, largest first (by graph.graphml's numbering):
    id, colour, the number of its entities drawn and the ``named`` of them in most articles.

    >>> g = nx.Graph()
    >>> g.add_nodes_from([("a", {"label": "台州市", "articles": 9, "community": 0}),
    ...                   ("b", {"label": "潘军明", "articles": 2, "community": 0}),
    ...                   ("c", {"label": "南排工程", "articles": 3, "community": 1})])
    >>> _communities(g)
    [{'id': 0, 'colour': '#4e79a7', 'size': 2, 'names': ['台州市', '潘军明']}, {'id': 1, 'colour': '#f28e2b', 'size': 1, 'names': ['南排工程']}]
    """
    members: dict[int, list] = defaultdict(list)
    for node, d in graph.nodes(data=True):
        members[d.get("community", -1)].append((-d["articles"], d["label"]))
    return [{"id": c, "colour": COMMUNITY_COLOURS[c] if 0 <= c < len(COMMUNITY_COLOURS) else OTHER_COMMUNITY,
             "size": len(found), "names": [label for _, label in sorted(found)[:named]]}
            for c, found in sorted(members.items())]


def _html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def write_outputs(out: Path, graph: nx.Graph, articles: Sequence[Article], mentions: Sequence[Mention],
                  entities: dict[str, Entity], *, max_nodes: int = 1500, seed: int = 42, focus: Sequence[str] = ()
                  ) -> dict[str, Path]:
    """Write every output into ``out``; returns them by name. The explorer draws the ``focus`` nodes (ids) and their
    neighbours first (:func:`drawn`)."""
    out.mkdir(parents=True, exist_ok=True)
    positions = layout(graph, seed=seed, max_nodes=max_nodes, focus=focus)
    paths = {name: out / name for name in OUTPUT_FILES}
    write_graphml(graph, paths["graph.graphml"], positions)
    write_gexf(graph, paths["graph.gexf"], positions)
    write_html(graph, paths["graph.html"], articles, mentions, positions, max_nodes=max_nodes, focus=focus)
    node_cols = ("label", "type", "mentions", "articles", "first_date", "last_date", "latitude", "longitude",
                 "degree", "weighted_degree", "pagerank", "community", "aliases", "roles", "article_ids")
    _csv(paths["entities.csv"], ("id",) + node_cols,
         ([n] + [d.get(c, "") for c in node_cols] for n, d in graph.nodes(data=True)))
    edge_cols = ("weight", "sentence_weight", "npmi", "first_shared_date", "last_shared_date", "role",
                 "shared_articles", "evidence")
    _csv(paths["edges.csv"], ("source", "target", "source_label", "target_label") + edge_cols,
         ([u, v, graph.nodes[u]["label"], graph.nodes[v]["label"]] + [d.get(c, "") for c in edge_cols]
          for u, v, d in sorted(graph.edges(data=True), key=lambda e: (-e[2]["weight"], e[0], e[1]))))
    _csv(paths["aliases.csv"], ("alias", "entity", "rule", "count"),
         ([alias, e.id, e.rules.get(alias, "same"), n] for e in entities.values() for alias, n in e.aliases.items()))
    _csv(paths["articles.csv"], ("id", "date", "source", "lines", "headline", "byline", "characters") + LABELS
         + ("copies",),
         _article_rows(articles, entities))
    with open(paths["articles.jsonl"], "w", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps(a.to_dict(), ensure_ascii=False) + "\n")
    return paths
