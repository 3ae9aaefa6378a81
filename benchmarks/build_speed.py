"""Seconds per stage of ``kg build`` on a corpus of many articles: reading, recognition, normalisation, the graph
and its measures, and the outputs.

    python benchmarks/build_speed.py [PATHS ...] [--articles 1000] [--max-nodes 1500]

Without PATHS the corpus is ``--articles`` news articles of ten MSRA training sentences each (from
``../shared/data/ner/msra/train.jsonl``), written to a temporary JSONL file: a graph the size of a year of a local
paper, where a stage whose time grows faster than its input shows. Model loading is not timed. One thread.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent


def _news_articles(count: int, folder: Path) -> Path:
    source = ROOT.parent / "shared" / "data" / "ner" / "msra" / "train.jsonl"
    if not source.exists():
        raise SystemExit(f"{source}: not found; pass PATHS to time kg build on your own pages")
    path = folder / "news.jsonl"
    with source.open(encoding="utf-8") as lines, path.open("w", encoding="utf-8") as out:
        sentences: list[str] = []
        written = 0
        for line in lines:
            sentences.append(json.loads(line)["text"])
            if len(sentences) == 10:
                written += 1
                out.write(json.dumps({"id": f"msra-{written}", "text": "".join(sentences)}, ensure_ascii=False) + "\n")
                sentences = []
                if written == count:
                    break
    return path


def main() -> None:
    import torch

    from kg.build import Report, _articles, recognise_articles
    from kg.export import write_outputs
    from kg.link import add_measures, build_graph
    from kg.normalise import resolve
    from kg.recognise import load_pipeline

    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--articles", type=int, default=1000, help="news articles to make when no PATHS are given")
    parser.add_argument("--max-nodes", type=int, default=1500)
    args = parser.parse_args()
    torch.set_num_threads(1)
    nlp = load_pipeline(None)
    with tempfile.TemporaryDirectory() as tmp:
        paths = args.paths or [str(_news_articles(args.articles, Path(tmp)))]
        times: dict[str, float] = {}
        clock = time.perf_counter()

        def lap(stage: str) -> None:
            nonlocal clock
            now = time.perf_counter()
            times[stage], clock = now - clock, now

        articles = _articles(paths, Report())
        lap("read and segment")
        mentions = recognise_articles(nlp, articles)
        lap("recognise")
        entities = resolve(mentions)
        lap("normalise")
        graph = add_measures(build_graph(articles, mentions, entities))
        lap("graph and measures")
        write_outputs(Path(tmp) / "out", graph, articles, mentions, entities, max_nodes=args.max_nodes)
        lap("outputs")
    chars = sum(len(a.text) for a in articles)
    print(f"{len(articles)} articles, {chars:,} chars, {len(mentions):,} mentions; "
          f"{graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges")
    for stage, seconds in times.items():
        print(f"{stage:20s} {seconds:7.1f} s")
    print(f"{'total':20s} {sum(times.values()):7.1f} s")


if __name__ == "__main__":
    main()
