"""Characters per second of the recognition pipeline: one process, then several in parallel.

    python benchmarks/ner_speed.py [--ner default] [--processes 2] [--repeat 3] [--float]

Texts: the articles of corpus/ (real OCR pages) plus the MSRA dev sentences when ../shared is present.
Each process loads the model once and runs one PyTorch thread. Model loading is not timed.
"""

from __future__ import annotations

import argparse
import os
import time
from multiprocessing import get_context
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent


def _texts() -> list[str]:
    from kg.read import Document, read_paths
    from kg.segment import segment
    from kg.train import read_gold

    texts = [a.text for d in read_paths([ROOT / "corpus"]) if isinstance(d, Document) for a in segment(d)]
    dev = ROOT.parent / "shared" / "data" / "ner" / "msra" / "dev.jsonl"
    if dev.exists():
        texts += [r["text"] for r in read_gold(dev)]
    return texts


def _run(args: tuple[str, list[str], int, bool]) -> tuple[int, float]:
    import torch

    from kg.recognise import load_pipeline

    ner, texts, repeat, use_float = args
    torch.set_num_threads(1)
    nlp = load_pipeline(ner)
    if use_float and "kg_tagger" in nlp.pipe_names:
        nlp.get_pipe("kg_tagger").int8 = False
    list(nlp.pipe(texts[:20]))  # warm up
    started = time.perf_counter()
    for _ in range(repeat):
        for _ in nlp.pipe(texts, batch_size=64):
            pass
    return sum(map(len, texts)) * repeat, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ner", default="default")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--float", action="store_true", help="predict with the tagger's float weights, not int8")
    args = parser.parse_args()
    texts = _texts()
    chars, seconds = _run((args.ner, texts, args.repeat, args.float))
    print(f"1 process: {chars} chars in {seconds:.1f} s = {chars / seconds:,.0f} chars/s")
    if args.processes > 1:
        with get_context("spawn").Pool(args.processes) as pool:
            started = time.perf_counter()
            results = pool.map(_run, [(args.ner, texts, args.repeat, args.float)] * args.processes)
            wall = time.perf_counter() - started
        total = sum(c for c, _ in results)
        slowest = max(s for _, s in results)
        print(f"{args.processes} processes: {total} chars, slowest {slowest:.1f} s = {total / slowest:,.0f} chars/s "
              f"together ({wall:.1f} s wall, model loading included)")


if __name__ == "__main__":
    main()
