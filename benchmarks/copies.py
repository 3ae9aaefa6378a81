"""How well kg reads a story once when a folder holds it more than once (``kg.segment.drop_copies``).

    python benchmarks/copies.py [--gold benchmarks/gold/sample_pages.jsonl ...]

Each gold file's articles are the originals. Each original is copied four ways, as a collection of local news
gathers them: reposted by a news site (a new headline, a source line and an editor's line added), saved as a web
page's text with OCR-like spaces (a space after every 13 characters), converted to traditional characters (a Hong
Kong or Taiwan site's copy) and cut short (its first three quarters: an excerpt). The originals must all stay
(articles of a set that report the same events in their own words are no copies of each other), and every copy
must be read as its story (as the original, or as another copy of it: the longest is kept). Prints, for each kind,
how many were read as their story, how many articles were read as another story, how many stories are still read
as more than one article, and the seconds ``drop_copies`` took.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
from opencc import OpenCC  # noqa: E402

from kg.segment import Article, drop_copies  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("repost", "spaced", "traditional", "excerpt")


def copy_of(text: str, kind: str, to_traditional: OpenCC) -> str:
    """``text`` copied the way ``kind`` names (:data:`KINDS`)."""
    if kind == "repost":
        lines = text.split("\n")
        return "\n".join(["转载：" + lines[0], "来源：浙江在线  2022-03-05 08:30"] + lines[1:] + ["责任编辑：张三"])
    if kind == "spaced":
        return " ".join(text[i:i + 13] for i in range(0, len(text), 13))
    if kind == "traditional":
        return to_traditional.convert(text)
    return text[: len(text) * 3 // 4]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gold", action="append", default=None, help="gold JSONL files (default: the sample pages)")
    args = parser.parse_args()
    files = args.gold or [str(ROOT / "benchmarks" / "gold" / "sample_pages.jsonl")]
    records = [json.loads(line) for f in files for line in Path(f).read_text(encoding="utf-8").splitlines() if line]
    originals = [Article(f"original#{k}", "original", (k, k), "", "", r["text"]) for k, r in enumerate(records)]
    to_traditional = OpenCC("s2t")
    copies = [Article(f"{kind}#{k}", kind, (k, k), "", "", copy_of(r["text"], kind, to_traditional))
              for kind in KINDS for k, r in enumerate(records)]
    started = time.perf_counter()
    kept = drop_copies(originals + copies)
    seconds = time.perf_counter() - started
    read_as = {c["id"]: a.id for a in kept for c in a.copies}  # a copy's id -> the article it is read as
    kept_ids = {a.id for a in kept}
    print(f"{len(records)} articles of {', '.join(files)}, each copied {len(KINDS)} ways: {len(originals + copies)} "
          f"articles, {len(kept)} read ({seconds:.2f} s)")
    kept_of_story: dict[str, int] = {}
    for a in kept:
        kept_of_story[a.id.split("#")[1]] = kept_of_story.get(a.id.split("#")[1], 0) + 1
    for kind in ("original",) + KINDS:  # read as another article of its story, or the one article it is read as
        right = 0
        for k in range(len(records)):
            story = {f"{other}#{k}" for other in ("original",) + KINDS}
            name = f"{kind}#{k}"
            right += read_as[name] in story if name in read_as else kept_of_story[str(k)] == 1
        print(f"  {kind:12s} {right} of {len(records)} read as their story")
    merged = sum(1 for a in originals + copies if read_as.get(a.id, a.id).split("#")[1] != a.id.split("#")[1])
    stories = {a.id.split("#")[1] for a in kept}
    print(f"  articles read as another story: {merged}; stories read as more than one article: "
          f"{len(kept) - len(stories)}")


if __name__ == "__main__":
    main()
