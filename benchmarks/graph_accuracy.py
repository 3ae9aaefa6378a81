"""How close the graph built from pages is to a gold graph: node and edge precision/recall/F1.

    python benchmarks/graph_accuracy.py [--gold benchmarks/gold/sample_pages.jsonl] [--ner default] [PATHS ...]
    python benchmarks/graph_accuracy.py --gold-mentions [--gold FILE] [PATHS ...]

With ``--gold-mentions`` the graph is built from the gold file's own mentions (an article takes the gold record
whose text it is) instead of the NER's: what normalisation and linking alone give.

The gold file is gold-format JSONL with one more field, "names": the canonical name of each gold entity (the
real-world entity the mention refers to, e.g. 市委 -> 台州市委). Gold nodes are the distinct (type, canonical
name) pairs; each carries its surfaces as aliases. Gold edges join the nodes that occur in one article.
The graph is built from PATHS (default: corpus/) exactly as ``kg build`` builds it, with no filter.

Matching is alias-tolerant and one-to-one: a built node may match a gold node of the same type when one of its
names (label or aliases) is one of the gold node's names; a maximum matching (networkx max_weight_matching, most
pairs first) pairs them, preferring pairs whose names agree more (label = canonical name 3, label = a gold
surface 2, an alias only 1), so that a shared short form (市委) does not pair 台州市委 with 温岭市委. Two built
nodes for one real entity (台州 and 台州市 left unmerged) count as one hit and one false node. A built edge is right when its two ends match the two ends of a gold edge.
"""

from __future__ import annotations

import argparse
import json
import os
from itertools import combinations
from pathlib import Path
from types import SimpleNamespace

import networkx as nx

os.environ.setdefault("OMP_NUM_THREADS", "1")
from kg.clean import is_traditional, to_simplified  # noqa: E402  (after the thread setting)
from kg.normalise import clean_name  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _key(name: str) -> str:
    return clean_name(name, "") or "".join(name.split())


def gold_graph(path: Path) -> nx.Graph:
    """The gold graph of a gold JSONL file with "names"; nodes are "TYPE:canonical" with a set of names."""
    graph = nx.Graph()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        in_article = set()
        # kg names the mentions of a text in traditional characters in simplified ones (臺州 -> 台州): so do the surfaces
        fold = to_simplified if is_traditional(record["text"]) else str
        for (start, end, label), canonical in zip(record["entities"], record["names"]):
            node = f"{label}:{_key(canonical)}"
            if node not in graph:
                graph.add_node(node, type=label, names=set())
            graph.nodes[node]["names"] |= {_key(canonical), _key(fold(record["text"][start:end]))}
            in_article.add(node)
        for u, v in combinations(sorted(in_article), 2):
            graph.add_edge(u, v)
    return graph


def match_nodes(built: nx.Graph, gold: nx.Graph) -> dict:
    """A one-to-one map built node -> gold node (maximum matching over same-type, shared-name pairs)."""
    by_name: dict[tuple[str, str], list[str]] = {}
    for node, data in gold.nodes(data=True):
        for name in data["names"]:
            by_name.setdefault((data["type"], name), []).append(node)
    pairs = nx.Graph()
    for node, data in built.nodes(data=True):
        label = _key(data["label"])
        for name in sorted({label} | {_key(a) for a in str(data.get("aliases", "")).split("|") if a}):  # sorted: the same matching on every run
            for g in by_name.get((data["type"], name), []):
                weight = 3 if label == g.split(":", 1)[1] else 2 if name == label else 1
                if weight > pairs.get_edge_data(("b", node), ("g", g), {"weight": 0})["weight"]:
                    pairs.add_edge(("b", node), ("g", g), weight=weight)
    matching = nx.max_weight_matching(pairs, maxcardinality=True)
    return dict((b[1], g[1]) if b[0] == "b" else (g[1], b[1]) for b, g in matching)


class GoldRecogniser:
    """Stands in for the NER pipeline in :func:`kg.build.build`: an article's entities are those of the gold
    record with its text (none for an article no record has)."""

    def __init__(self, path: Path):
        self.entities = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                self.entities[record["text"]] = record["entities"]
        self.unmatched = 0

    def pipe(self, pairs, as_tuples=True, batch_size=32):
        for text, context in pairs:
            if text not in self.entities:
                self.unmatched += 1
            ents = [SimpleNamespace(start_char=start, end_char=end, label_=label)
                    for start, end, label in self.entities.get(text, [])]
            yield SimpleNamespace(ents=ents), context


def prf(hits: int, n_built: int, n_gold: int) -> str:
    p = hits / n_built if n_built else 0.0
    r = hits / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (built {n_built}, gold {n_gold}, matched {hits})"


def scores(built: nx.Graph, gold: nx.Graph, matched: dict | None = None) -> str:
    """The node and edge lines of ``built`` against ``gold`` (``matched``: their :func:`match_nodes`)."""
    matched = match_nodes(built, gold) if matched is None else matched
    edge_hits = sum(1 for u, v in built.edges if u in matched and v in matched and gold.has_edge(matched[u], matched[v]))
    return (f"nodes: {prf(len(matched), built.number_of_nodes(), gold.number_of_nodes())}\n"
            f"edges: {prf(edge_hits, built.number_of_edges(), gold.number_of_edges())}")


def main() -> None:
    from kg.build import build

    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "corpus")])
    parser.add_argument("--gold", default=str(ROOT / "benchmarks" / "gold" / "sample_pages.jsonl"))
    parser.add_argument("--ner", default="default")
    parser.add_argument("--types", default="PER,ORG,LOC,PROJECT", help="entity types to score")
    parser.add_argument("--misses", action="store_true", help="list unmatched nodes")
    parser.add_argument("--gold-mentions", action="store_true", help="build from the gold mentions, not the NER's")
    args = parser.parse_args()
    types = set(args.types.split(","))
    gold = gold_graph(Path(args.gold))
    gold = gold.subgraph([n for n, t in gold.nodes(data="type") if t in types]).copy()
    if args.gold_mentions:
        recogniser = GoldRecogniser(Path(args.gold))
        built, _ = build(args.paths, nlp=recogniser)  # type: ignore[arg-type]
        if recogniser.unmatched:
            print(f"{recogniser.unmatched} articles have no gold record: no mentions")
    else:
        built, _ = build(args.paths, ner=None if args.ner == "default" else args.ner)
    built = built.subgraph([n for n, t in built.nodes(data="type") if t in types]).copy()
    matched = match_nodes(built, gold)
    print(scores(built, gold, matched))
    for label in sorted(types):
        b = [n for n, t in built.nodes(data="type") if t == label]
        g = [n for n, t in gold.nodes(data="type") if t == label]
        print(f"  {label:8} nodes: {prf(sum(1 for n in b if n in matched), len(b), len(g))}")
    if args.misses:
        found = set(matched.values())
        print("built, unmatched:", " ".join(sorted(n for n in built if n not in matched)))
        print("gold, unmatched:", " ".join(sorted(n for n in gold if n not in found)))


if __name__ == "__main__":
    main()
