"""How kg reads web pages saved from Chinese news sites: the pages read and skipped, each page's headline, date
and the start and end of its article's text (to check by eye that the article, and no menu or footer, was
taken), and the time a page.

    python benchmarks/web_pages.py [FOLDER]

Without FOLDER it reads the 68 real pages that the source package of GNE (the extractor kg uses) carries for its
own tests: 163, Sina, Tencent, ifeng, The Paper, toutiao, people.cn, Xinhua, Huanqiu, Zhejiang's development
commission, a hospital and others (``pip download --no-deps --no-binary :all: gne==0.4.3``, kept in the temp
folder; the registry is reachable here). They are third-party pages, so they are not in this repository.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _gne_pages() -> Path:
    folder = Path(tempfile.gettempdir()) / "kg-web-pages"
    pages = folder / "gne-0.4.3"
    if not pages.exists():
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", ":all:",
                        "gne==0.4.3", "-d", str(folder)], check=True)
        with tarfile.open(folder / "gne-0.4.3.tar.gz") as archive:
            archive.extractall(folder, members=[m for m in archive.getmembers() if m.name.endswith(".html")
                                                and "/test_list_page/" not in m.name and "/site/" not in m.name],
                               filter="data")
    return pages


def main() -> None:
    from kg.read import Document, read_paths

    parser = argparse.ArgumentParser()
    parser.add_argument("folder", nargs="?", help="a folder of saved web pages (default: GNE's test pages)")
    args = parser.parse_args()
    folder = Path(args.folder) if args.folder else _gne_pages()
    started = time.perf_counter()
    items = list(read_paths([folder]))
    seconds = time.perf_counter() - started
    read = [d for d in items if isinstance(d, Document)]
    skipped = [s for s in items if not isinstance(s, Document)]
    for doc in read:
        text = " ".join(doc.text.split())
        print(f"{doc.source}\t{doc.meta['date'] or '-'}\t{len(doc.text):,} chars\t{doc.meta['title'][:30]}\t"
              f"{text[:40]} … {text[-30:]}")
    for s in skipped:
        print(f"skipped {s}")
    chars = sorted(len(d.text) for d in read)
    print(f"\n{len(items)} pages: {len(read)} read ({sum(1 for d in read if d.meta['date'])} dated), "
          f"{len(skipped)} skipped ({', '.join(f'{n} {why}' for why, n in Counter(s.reason for s in skipped).items())})")
    if chars:
        print(f"article text: median {chars[len(chars) // 2]:,} chars, largest {chars[-1]:,}")
    print(f"{seconds:.1f} s, {1000 * seconds / max(len(items), 1):.0f} ms a page")


if __name__ == "__main__":
    main()
