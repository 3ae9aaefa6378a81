"""Turn an annotation file (one JSON object per article: {"id", "mentions": [[surface, label, canonical], ...]})
into gold-format JSONL ({"id", "text", "entities": [[start, end, label]], "names": [canonical per entity]}).

Every occurrence of each listed surface in the article text is tagged (longest surfaces first, no overlaps), so
list each distinct surface once. A mention with label "O" (e.g. ["平安台州", "O", ""]) tags nothing but blocks
shorter surfaces inside it (台州 inside the slogan 平安台州). Prints every tagged occurrence with context, and surfaces not found.

    python3 convert.py articles_X.jsonl annotations_X.jsonl gold_X.jsonl
"""
import json
import sys

articles = {json.loads(l)["id"]: json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")}
out = open(sys.argv[3], "w", encoding="utf-8")
LABELS = {"PER", "ORG", "LOC", "PROJECT", "O"}
for line in open(sys.argv[2], encoding="utf-8"):
    if not line.strip():
        continue
    ann = json.loads(line)
    text = articles[ann["id"]]
    taken = [False] * len(text)
    found = []
    mentions = sorted(ann["mentions"], key=lambda m: -len(m[0]))
    for surface, label, canonical in mentions:
        assert label in LABELS, (ann["id"], surface, label)
        start, hits = 0, 0
        while True:
            i = text.find(surface, start)
            if i < 0:
                break
            if not any(taken[i:i + len(surface)]):
                for k in range(i, i + len(surface)):
                    taken[k] = True
                if label != "O":
                    found.append((i, i + len(surface), label, canonical))
                hits += 1
            start = i + 1
        if hits == 0:
            print(f"NOT FOUND in {ann['id']}: {surface!r}")
    found.sort()
    print(f"== {ann['id']}: {len(found)} mentions")
    for s, e, label, canonical in found:
        ctx = (text[max(0, s - 6):s] + "[" + text[s:e] + "]" + text[e:e + 6]).replace("\n", "⏎")
        print(f"  {label:7} {canonical:20} {ctx}")
    out.write(json.dumps({"id": ann["id"], "text": text, "entities": [[s, e, l] for s, e, l, _ in found],
                          "names": [c for *_, c in found]}, ensure_ascii=False) + "\n")
