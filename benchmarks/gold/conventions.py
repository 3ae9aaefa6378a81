"""Apply kg's two annotation conventions to a gold file annotated without them (README.md, "Annotating more local
news", step 2), as the sample pages' gold had them applied:

- a leading administrative division written with its suffix is no part of a project's name
  (温岭市南排工程(一期) -> 温岭市 LOC + 南排工程(一期) PROJECT; 台州市域铁路S2线 stays whole: 市域 is one word);
- a place that chains divisions is one LOC per division (杭州市萧山区 -> 杭州市 + 萧山区).

A "names" list, where the file has one, stays aligned: a division split off is named by its surface, a project
keeps its canonical name. Prints each change.

    python benchmarks/gold/conventions.py IN.jsonl OUT.jsonl
"""

from __future__ import annotations

import json
import sys

from kg.gazetteer import is_division, place_matches


def leading_division(name: str) -> int:
    """The length of the division (with its suffix) that ``name`` starts with, 0 if none: the longest gazetteer
    place at its start, if that is a division.

    >>> leading_division("温岭市南排工程(一期)"), leading_division("台州湾新区"), leading_division("浙江椒江经济开发区")
    (3, 0, 0)
    """
    ends = [end for start, end in place_matches(name) if start == 0]
    return max(ends) if ends and is_division(name[:max(ends)]) else 0


def divisions(name: str) -> list[tuple[int, int]] | None:
    """The divisions ``name`` chains, if it is two or more of them and nothing else.

    >>> divisions("杭州市萧山区"), divisions("萧山区"), divisions("温州市龙湾区政府")
    ([(0, 3), (3, 6)], None, None)
    """
    parts, at = [], 0
    while at < len(name):
        n = leading_division(name[at:])
        if not n:
            return None
        parts.append((at, at + n))
        at += n
    return parts if len(parts) > 1 else None


def apply(record: dict) -> tuple[dict, list[str]]:
    """``record`` with the two conventions applied, and the changes made ("温岭市+南排工程(一期)")."""
    text = record["text"]
    names = record.get("names") or [""] * len(record["entities"])
    entities: list[tuple[list, str]] = []
    changes = []
    for (start, end, label), name in zip(record["entities"], names):
        if label == "PROJECT":
            while (n := leading_division(text[start:end])) and end - start - n >= 3 \
                    and not text[start + n:end].startswith(("域", "级")):
                entities.append(([start, start + n, "LOC"], text[start:start + n]))
                changes.append(f"{text[start:start + n]}+{text[start + n:end]}")
                start += n
            entities.append(([start, end, label], name))
        elif label == "LOC" and (parts := divisions(text[start:end])):
            entities += [([start + a, start + b, "LOC"], text[start + a:start + b]) for a, b in parts]
            changes.append("+".join(text[start + a:start + b] for a, b in parts))
        else:
            entities.append(([start, end, label], name))
    entities.sort()
    out = {**record, "entities": [e for e, _ in entities]}
    if "names" in record:
        out["names"] = [n for _, n in entities]
    return out, changes


def main(source: str, target: str) -> None:
    with open(source, encoding="utf-8") as lines, open(target, "w", encoding="utf-8") as out:
        for line in lines:
            if line.strip():
                record, changes = apply(json.loads(line))
                for change in changes:
                    print(f"{record.get('id', '')}\t{change}")
                out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:3])
