"""Accuracy of the recognition pipeline on held-out gold files, clean and with OCR noise.

    python benchmarks/ner_accuracy.py [--ner default] [--limit N] [--float] [--gold FILE ...]

Sets (read from ../shared/data/ner, labels mapped as in training): MSRA dev (the model's selection set),
CLUENER dev, Weibo dev (names only). "+ OCR noise" is MSRA dev with a space inserted inside 30 % of the
entities and a line break inside 10 % of the sentences, with the gold spans widened to keep them, as on the
pages: it measures how much the OCR repair recovers. Exact span match, PER/ORG/LOC.

Each --gold file is scored as given and again printed as OCR'd newspaper columns (a space after every 12 to 14
characters of a line, inside names too, as the pages of corpus/ read; gold spans widened to keep them).

"Sample pages" is benchmarks/gold/sample_pages.jsonl: the 24 articles of corpus/ annotated by hand for kg
(PER/ORG/LOC/PROJECT, OCR spaces and line breaks inside the spans as printed; guidelines in
benchmarks/gold/README.md). These pages were read during development, so the score is not a held-out one.
"""

from __future__ import annotations

import argparse
import os
import random
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "ner"


def ocr_noise(record: dict, rng: random.Random) -> dict:
    """Insert spaces inside entities and a line break inside the sentence, shifting the gold spans."""
    cuts = [(rng.randrange(s + 1, e), " ") for s, e, _ in record["entities"] if e - s >= 2 and rng.random() < 0.3]
    if len(record["text"]) > 10 and rng.random() < 0.1:
        cuts.append((rng.randrange(1, len(record["text"])), "\n"))
    return _insert(record, cuts)


def ocr_columns(record: dict, rng: random.Random) -> dict:
    """Print an article as an OCR'd newspaper column: a space after every 12 to 14 characters of a line, inside
    names too (台州湾循环经济产业集聚区路 桥至椒江沿海公路工程), as the pages in corpus/ read; gold spans widened."""
    text = record["text"]
    cuts, column, width = [], 0, rng.randint(12, 14)
    for i, char in enumerate(text):
        column = 0 if char == "\n" else column + 1
        if column == width and i + 1 < len(text) and text[i + 1] != "\n":
            cuts.append((i + 1, " "))
            column, width = 0, rng.randint(12, 14)
    return _insert(record, cuts)


def _insert(record: dict, cuts: list[tuple[int, str]]) -> dict:
    """``record`` with each (position, character) of ``cuts`` inserted, its gold spans widened to keep them."""
    text, ents = record["text"], [list(e) for e in record["entities"]]
    for pos, char in sorted(cuts, reverse=True):
        text = text[:pos] + char + text[pos:]
        for ent in ents:
            if ent[0] >= pos:
                ent[0] += 1
            if ent[1] > pos:
                ent[1] += 1
    return {"id": record["id"], "text": text, "entities": ents}


def main() -> None:
    from kg.evaluate import format_scores, score_spans
    from kg.recognise import load_pipeline
    from kg.train import LABEL_MAP, read_gold

    parser = argparse.ArgumentParser()
    parser.add_argument("--ner", default="default")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--float", action="store_true", help="predict with the tagger's float weights, not int8")
    parser.add_argument("--gold", action="append", default=[], metavar="FILE",
                        help="also score this gold JSONL (PER/ORG/LOC/PROJECT), e.g. annotated pages of your own")
    args = parser.parse_args()
    nlp = load_pipeline(args.ner)
    if args.float and "kg_tagger" in nlp.pipe_names:
        nlp.get_pipe("kg_tagger").int8 = False
    msra = list(read_gold(DATA / "msra" / "dev.jsonl", LABEL_MAP))
    rng = random.Random(0)
    sets = {
        "MSRA dev": msra,
        "MSRA dev + OCR noise": [ocr_noise(r, rng) for r in msra],
        "CLUENER dev": list(read_gold(DATA / "cluener" / "dev.jsonl", LABEL_MAP)),
        "Weibo dev": list(read_gold(DATA / "weibo" / "dev.jsonl", LABEL_MAP)),
    }
    pages = ROOT / "benchmarks" / "gold" / "sample_pages.jsonl"
    if pages.exists():
        sets["Sample pages (PER/ORG/LOC/PROJECT)"] = list(read_gold(pages))
    for extra in args.gold:
        sets[f"{extra} (PER/ORG/LOC/PROJECT)"] = records = list(read_gold(Path(extra)))
        sets[f"{extra} as OCR columns (PER/ORG/LOC/PROJECT)"] = [ocr_columns(r, rng) for r in records]
    for name, records in sets.items():
        records = records[: args.limit] if args.limit else records
        started = time.perf_counter()
        docs = list(nlp.pipe((r["text"] for r in records), batch_size=64))
        seconds = time.perf_counter() - started
        labels = ("PER", "ORG", "LOC", "PROJECT") if name.endswith("PROJECT)") else ("PER", "ORG", "LOC")
        pred = [[(e.start_char, e.end_char, e.label_) for e in d.ents if e.label_ in labels] for d in docs]
        scores = score_spans([r["text"] for r in records], [r["entities"] for r in records], pred)
        chars = sum(len(r["text"]) for r in records)
        print(f"## {name}: {len(records)} texts, {chars / seconds:,.0f} chars/s\n{format_scores(scores)}")
        if "PROJECT" in labels:  # the PER/ORG/LOC figure that the news sets report, for comparison
            names = [[e for e in p if e[2] != "PROJECT"] for p in pred]
            gold = [[e for e in r["entities"] if e[2] != "PROJECT"] for r in records]
            micro = score_spans([r["text"] for r in records], gold, names)["micro"]
            print(f"PER/ORG/LOC micro: P {micro['p']:.3f}  R {micro['r']:.3f}  F1 {micro['f']:.3f}")
        print()


if __name__ == "__main__":
    main()
