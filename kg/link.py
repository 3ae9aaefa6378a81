"""Link entities that appear together into a NetworkX graph.

Nodes are entities; an edge joins two entities that appear in the same article (in an article that names more
than :data:`MAX_ARTICLE_ENTITIES`, in the same sentence of it, one that names no more than that). Edge ``weight``
is the number of articles they share, ``sentence_weight`` the number of sentences; ``npmi`` (normalised pointwise
mutual information over articles, in [-1, 1]) says how much more often they meet than chance, so that hubs such as
台州市 do not dominate. Every node and edge keeps its evidence: article ids, and for edges the first sentence
its two entities share or, where they share none, the sentence each first appears in within their first shared
article (joined by " … "). Where the articles are dated (a page's date line, a JSONL "date"), nodes carry
``first_date`` and ``last_date``, the first and last date of their articles, and edges ``first_shared_date`` and
``last_shared_date``, those of their shared articles ("" when none is dated; GraphML's keys are named by their
attributes, so a node's and an edge's attribute cannot share a name). A place that is a division of China to
county level (台州市, 温岭市, 浙江省) carries its ``latitude`` and ``longitude``, for a map (Gephi's GeoLayout, QGIS).
A person carries ``roles``, the posts the articles give them before their name (区委书记潘军明, 公司负责人黄策),
most often first and "|"-joined (:func:`kg.normalise.roles_before`); where a role names the body, place or project
at the other end of an edge, the edge carries the title held there as ``role`` (潘军明—路桥区委: 书记).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from itertools import combinations
from typing import Sequence

import networkx as nx

from .gazetteer import coordinates
from .normalise import Entity, Mention, role_in_name, roles_before
from .segment import Article

__all__ = ["build_graph", "add_measures", "dominant_article", "find_entities", "crowded_articles"]

# An article whose entities alone make this share of a graph's edges, and at least this many, dominates the graph
# (85 entities make 3,570 edges: page 001's long feature holds most of the sample pages' graph): the build's summary
# names it and the explorer links by shared sentences from the start.
DOMINANT_SHARE = 0.25
DOMINANT_EDGES = 1000
# An article that names more entities than this links them only where they share a sentence, and a sentence that
# names more links none: every two of them would be more edges than a machine holds (a news site's page of search
# keywords read as one article named 2,852: 4.1 million edges, over 20 GB), and a list that long (a roll of honour,
# an index) says little of who appears with whom.
MAX_ARTICLE_ENTITIES = 500

_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group(0).strip()]


def _clip(sentence: str, limit: int = 100) -> str:
    return sentence if len(sentence) <= limit else sentence[:limit - 1] + "…"


def build_graph(articles: Sequence[Article], mentions: Sequence[Mention], entities: dict[str, Entity]) -> nx.Graph:
    """A new undirected graph of ``entities`` linked by co-occurrence in ``articles``.

    >>> from kg.segment import Article
    >>> from kg.normalise import Mention, resolve
    >>> a = Article("a1", "p.txt", (1, 1), "", "", "潘军明在路桥调研。")
    >>> ms = [Mention("a1", 0, 3, "PER", "潘军明"), Mention("a1", 4, 6, "LOC", "路桥")]
    >>> g = build_graph([a], ms, resolve(ms))
    >>> sorted(g.nodes), g.edges["PER:潘军明", "LOC:路桥"]["weight"]
    (['LOC:路桥', 'PER:潘军明'], 1)
    """
    graph = nx.Graph()
    date_of = {a.id: a.date for a in articles if a.date}
    text_of = {a.id: a.text for a in articles}
    roles, held = _roles(mentions, text_of)
    for e in entities.values():
        point = coordinates(e.name) if e.type == "LOC" else None
        graph.add_node(e.id, label=e.name, type=e.type, mentions=e.mentions, articles=len(e.articles),
                       aliases="|".join(sorted(e.aliases, key=lambda a: (-e.aliases[a], a))),
                       article_ids="|".join(e.articles), **_date_span(e.articles, date_of),
                       **({"latitude": point[0], "longitude": point[1]} if point else {}),
                       **({"roles": "|".join(r for r, _ in roles[e.id].most_common())} if e.type == "PER" else {}))
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.entity:
            by_article[m.article_id].append(m)
    edge_articles: dict[tuple[str, str], list[str]] = defaultdict(list)
    edge_sentences: dict[tuple[str, str], int] = defaultdict(int)
    evidence: dict[tuple[str, str], str] = {}  # the first sentence the two share
    apart: dict[tuple[str, str], str] = {}  # else the sentences each first appears in, in the first shared article
    for article in articles:
        found = sorted(by_article.get(article.id, []), key=lambda m: m.start)
        text = text_of[article.id]
        starts = [m.start for m in found]  # a sentence's mentions looked up by start: a long text is not quadratic
        first_sentence: dict[str, tuple[int, str]] = {}  # entity -> its first sentence (start, text)
        named = sorted({m.entity for m in found})
        in_sentence: set[tuple[str, str]] = set()  # of a crowded article, the pairs that share a sentence
        crowded = len(named) > MAX_ARTICLE_ENTITIES
        for first, last in _sentences(text):
            inside = sorted({m.entity for m in found[bisect_left(starts, first):bisect_left(starts, last)]
                             if m.end <= last})
            if not inside:
                continue
            sentence = " ".join(text[first:last].split())
            for entity in inside:
                first_sentence.setdefault(entity, (first, _clip(sentence)))
            for pair in combinations(inside, 2) if len(inside) <= MAX_ARTICLE_ENTITIES else ():
                edge_sentences[pair] += 1
                evidence.setdefault(pair, sentence)
                if crowded:
                    in_sentence.add(pair)
        for pair in sorted(in_sentence) if crowded else combinations(named, 2):
            edge_articles[pair].append(article.id)
            if pair not in evidence and pair not in apart and all(e in first_sentence for e in pair):
                apart[pair] = " … ".join(sentence for _, sentence in sorted(first_sentence[e] for e in pair))
    n_articles = max(len(articles), 1)
    for (u, v), shared in edge_articles.items():
        graph.add_edge(u, v, weight=len(shared), sentence_weight=edge_sentences.get((u, v), 0),
                       npmi=round(_npmi(len(shared), graph.nodes[u]["articles"], graph.nodes[v]["articles"],
                                        n_articles), 4),
                       shared_articles="|".join(shared), evidence=evidence.get((u, v)) or apart.get((u, v), ""),
                       **_date_span(shared, date_of, "shared_date"),
                       **({"role": "|".join(t for t, _ in held[u, v].most_common())} if (u, v) in held else {}))
    return graph


def crowded_articles(articles: Sequence[Article]) -> list[tuple[str, int]]:
    """(id, entities) of each article that names more than :data:`MAX_ARTICLE_ENTITIES` entities, whose entities
    :func:`build_graph` links only where they share a sentence. Reads the mentions' ``entity``."""
    named = ((a.id, len({m.entity for m in a.mentions if m.entity})) for a in articles)
    return [(article, n) for article, n in named if n > MAX_ARTICLE_ENTITIES]


def dominant_article(graph: nx.Graph, articles: Sequence[Article]) -> tuple[str, int, int] | None:
    """(id, entities, edges) of the article whose entities make :data:`DOMINANT_SHARE` of the edges of ``graph`` or
    more, and :data:`DOMINANT_EDGES` at least, by the edges of ``graph`` that join two of them (in a graph no filter
    thinned, every two entities of an article); None when no article does. Reads the mentions' ``entity``."""
    best: tuple[str, int, int] | None = None
    for article in articles:
        named = sorted({m.entity for m in article.mentions if m.entity in graph})
        if len(named) * (len(named) - 1) // 2 < DOMINANT_EDGES:
            continue  # too few entities to make that many edges
        inside = set(named)  # edges counted from each entity's neighbours: a roll call names thousands of entities
        edges = sum(1 for u in named for v in graph[u] if u < v and v in inside)
        if best is None or edges > best[2]:
            best = (article.id, len(named), edges)
    if best and best[2] >= DOMINANT_EDGES and best[2] >= DOMINANT_SHARE * graph.number_of_edges():
        return best
    return None


def find_entities(graph: nx.Graph, name: str) -> list[str]:
    """The nodes ``name`` names: by id (PER:潘军明), label or one of their aliases, spaces left out.

    >>> g = nx.Graph()
    >>> g.add_node("LOC:台州市", label="台州市", aliases="台州|台州市")
    >>> find_entities(g, "台 州"), find_entities(g, "LOC:台州市"), find_entities(g, "杭州")
    (['LOC:台州市'], ['LOC:台州市'], [])
    """
    key = "".join(name.split())
    return [n for n, d in graph.nodes(data=True)
            if key in (n, d.get("label")) or key in str(d.get("aliases", "")).split("|")]


def _date_span(article_ids: Sequence[str], date_of: dict[str, str], name: str = "date") -> dict[str, str]:
    """``first_<name>`` and ``last_<name>``: the first and last date of the dated articles among ``article_ids``
    ("" when none is dated)."""
    dates = sorted(date_of[a] for a in article_ids if a in date_of)
    return {f"first_{name}": dates[0] if dates else "", f"last_{name}": dates[-1] if dates else ""}


def _roles(mentions: Sequence[Mention], text_of: dict[str, str]) -> tuple[dict[str, Counter], dict[tuple, Counter]]:
    """Each person's roles (:func:`kg.normalise.roles_before`: 区委书记, 公司负责人, 记者), counted over their
    mentions: those written before the name, and a title the mention itself starts with (区委书记潘军明); and for
    a role that names its body, place or project (区委 + 书记, 台州市文赚进出口有限公司 + 负责人), the title the
    person holds there, by (person, entity) pair as the graph's edges are keyed (ends sorted)."""
    found: dict[str, Counter] = defaultdict(Counter)
    held: dict[tuple, Counter] = defaultdict(Counter)
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_article[m.article_id].append(m)
    for article_id, ms in by_article.items():
        text, after = text_of[article_id], 0  # where the article's person named last ends
        ms.sort(key=lambda m: m.start)
        starts = [m.start for m in ms]  # a role's mentions looked up by start: a roll of names is not quadratic
        for m in ms:
            if m.label != "PER":
                continue
            spans = roles_before(text, m.start, after) if m.entity else []
            after = m.end
            if not m.entity:
                continue
            own = role_in_name(text[m.start:m.end])
            found[m.entity].update(["".join(text[s:e].split()) for s, e in spans] + ([own] if own else []))
            for s, e in spans:
                body = max((o for o in ms[bisect_left(starts, s):bisect_left(starts, e)]
                            if o.entity and o.label != "PER" and o.end < e), key=lambda o: o.end, default=None)
                title = "".join(text[body.end:e].split()) if body else ""
                if body and 0 < len(title) <= 8:  # 区委 + 书记; not a title the body's name runs into
                    held[tuple(sorted((m.entity, body.entity)))][title] += 1
    return found, held


def _npmi(joint: int, a: int, b: int, n: int) -> float:
    """Normalised PMI of two entities over ``n`` articles: 1 when they always appear together.

    >>> _npmi(2, 2, 2, 10), round(_npmi(1, 5, 5, 10), 3)
    (1.0, -0.398)
    """
    p_xy, p_x, p_y = joint / n, a / n, b / n
    if p_xy >= 1.0:
        return 1.0
    return math.log(p_xy / (p_x * p_y)) / -math.log(p_xy)


def add_measures(graph: nx.Graph, *, seed: int = 42) -> nx.Graph:
    """Add ``degree``, ``weighted_degree``, ``pagerank`` and ``community`` (Louvain, seeded) to each node.

    Changes and returns ``graph``.
    """
    pagerank = nx.pagerank(graph, weight="weight") if graph.number_of_edges() else {n: 1.0 / max(len(graph), 1) for n in graph}
    communities = nx.community.louvain_communities(graph, weight="weight", seed=seed) if len(graph) else []
    # Number communities by size, largest first, so that community 0 is the main cluster.
    ordered = sorted(communities, key=lambda c: (-len(c), min(c)))
    community_of = {n: i for i, c in enumerate(ordered) for n in c}
    for node, data in graph.nodes(data=True):
        data["degree"] = graph.degree(node)
        data["weighted_degree"] = graph.degree(node, weight="weight")
        data["pagerank"] = round(pagerank.get(node, 0.0), 6)
        data["community"] = community_of.get(node, -1)
    return graph


def filter_graph(graph: nx.Graph, *, min_mentions: int = 1, min_weight: int = 1, types=None, top: int | None = None
                 ) -> tuple[nx.Graph, dict[str, int]]:
    """A filtered copy of ``graph`` and what each filter removed, in the order applied.

    min_mentions: drop entities mentioned fewer times. types: keep only these entity types.
    min_weight: drop edges shared by fewer articles. top: keep the ``top`` entities in most articles
    (then most mentions). Nodes left without edges by ``min_weight`` are kept.

    >>> g = nx.Graph(); g.add_node("PER:甲", type="PER", mentions=3, articles=2); g.add_node("LOC:乙", type="LOC", mentions=1, articles=1)
    >>> g.add_edge("PER:甲", "LOC:乙", weight=1)
    >>> small, removed = filter_graph(g, min_mentions=2)
    >>> list(small.nodes), removed
    (['PER:甲'], {'min_mentions': 1})
    """
    out = graph.copy()
    removed: dict[str, int] = {}

    def drop_nodes(name, nodes):
        nodes = list(nodes)
        if nodes:
            out.remove_nodes_from(nodes)
            removed[name] = len(nodes)

    if min_mentions > 1:
        drop_nodes("min_mentions", [n for n, d in out.nodes(data=True) if d["mentions"] < min_mentions])
    if types:
        drop_nodes("types", [n for n, d in out.nodes(data=True) if d["type"] not in set(types)])
    if top is not None and len(out) > top:
        ranked = sorted(out.nodes, key=lambda n: (-out.nodes[n]["articles"], -out.nodes[n]["mentions"], n))
        drop_nodes("top", ranked[top:])
    if min_weight > 1:
        edges = [(u, v) for u, v, d in out.edges(data=True) if d["weight"] < min_weight]
        if edges:
            out.remove_edges_from(edges)
            removed["min_weight"] = len(edges)
    return out, removed
