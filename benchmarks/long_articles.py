"""Seconds per 10,000 characters of the recognition pipeline on one long article of each kind, at two lengths: a
step whose time grows faster than the article shows as a figure that rises with the length.

    python benchmarks/long_articles.py [--lengths 10000 40000] [KIND ...]

Kinds: a roll call of names (per), of reporters' credits (credits), places (loc), bodies (org), projects
(project), a list of firms closed by 等 (list), quoted platforms and apps (quoted), and the pages of corpus/ run
together as one article (corpus). Real pages hold such runs: a roll of honour, a government's work report, the
keyword page of a saved website (178,908 characters). One thread; model loading and a first warm-up are not timed.
"""

from __future__ import annotations

import argparse
import os
import random
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "明华国建军平志强伟芳秀英丽敏静磊洋勇艳杰涛"


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=2))


def article(kind: str, length: int) -> str:
    """An article of about ``length`` characters of one ``kind`` (see the module's docstring)."""
    rng = random.Random(0)
    if kind == "per":
        text = "、".join(_person(rng) for _ in range(length // 4)) + "。"
    elif kind == "credits":
        text = "".join(f"(记者 {_person(rng)})" for _ in range(length // 8))
    elif kind == "list":
        text = "、".join(f"{_person(rng)[:2]}科技公司" for _ in range(length // 7)) + "等企业"
    elif kind == "corpus":
        pages = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").rglob("*.txt")))
        text = pages * (length // len(pages) + 1)
    else:
        text = {"loc": "台州市椒江区", "org": "台州市工商联召开会议，市委书记出席。", "project": "宁波杭州湾滨海新城开工，",
                "quoted": "“善治永宁”元治理平台和“浙里办”APP，"}[kind] * length
    return text[:length]


KINDS = ("per", "credits", "loc", "org", "project", "list", "quoted", "corpus")


def main() -> None:
    import torch

    from kg.recognise import load_pipeline

    parser = argparse.ArgumentParser()
    parser.add_argument("kinds", nargs="*", help=f"any of {', '.join(KINDS)} (default: all)")
    parser.add_argument("--lengths", type=int, nargs="+", default=[10000, 40000])
    args = parser.parse_args()
    if unknown := set(args.kinds) - set(KINDS):
        parser.error(f"no such kind: {', '.join(sorted(unknown))} (kinds: {', '.join(KINDS)})")
    torch.set_num_threads(1)
    nlp = load_pipeline(None)
    nlp(article("corpus", 2000))  # warm up
    for kind in args.kinds or KINDS:
        figures = []
        for length in args.lengths:
            text = article(kind, length)
            started = time.perf_counter()
            doc = nlp(text)
            seconds = time.perf_counter() - started
            figures.append(f"{len(text):7,} chars {seconds:6.2f} s = {seconds / len(text) * 1e4:5.2f} s/10k "
                           f"({len(doc.ents):,} entities)")
        print(f"{kind:8s} " + " | ".join(figures), flush=True)


if __name__ == "__main__":
    main()
