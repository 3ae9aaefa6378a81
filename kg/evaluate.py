"""Scoring predicted entities against gold: exact-span P/R/F1 and per-document entity-set F1."""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Sequence

from .errors import InputError

__all__ = ["score_spans", "format_scores", "gold_entities"]

Span = tuple[int, int, str]


def gold_entities(record: dict, where: str) -> list[Span]:
    """The "entities" of a gold-format record as (start, end, label), each checked: two whole numbers with
    0 <= start < end <= len(text), and a label. ``where`` (file:line) starts the error about one that is not.

    >>> gold_entities({"text": "张三在北京", "entities": [[0, 2, "PER"]]}, "g.jsonl:1")
    [(0, 2, 'PER')]
    >>> gold_entities({"text": "张三", "entities": [[0, 9, "PER"]]}, "g.jsonl:2")
    Traceback (most recent call last):
    kg.errors.InputError: g.jsonl:2: entity [0, 9, 'PER'] is not [start, end, label] inside the text's 2 characters
    """
    entities = record.get("entities", [])
    if not isinstance(entities, list):
        raise InputError(f'{where}: "entities" is not a list')
    spans = []
    for entity in entities:
        ok = (isinstance(entity, (list, tuple)) and len(entity) == 3 and isinstance(entity[2], str)
              and all(isinstance(x, int) and not isinstance(x, bool) for x in entity[:2])
              and 0 <= entity[0] < entity[1] <= len(record["text"]))
        if not ok:
            raise InputError(f"{where}: entity {entity!r} is not [start, end, label] inside the text's "
                             f"{len(record['text'])} characters")
        spans.append((entity[0], entity[1], entity[2]))
    return spans


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"p": p, "r": r, "f": 2 * p * r / (p + r) if p + r else 0.0, "gold": n_gold, "pred": n_pred}


def score_spans(
    texts: Sequence[str],
    gold: Sequence[Iterable[Sequence]],
    pred: Sequence[Iterable[Sequence]],
    labels: Sequence[str] | None = None,
) -> dict[str, dict[str, float]]:
    """Exact-span scores per label and micro ("micro"), plus per-document entity-set F1 ("docset").

    The entity-set score compares each document's distinct (surface, label) pairs, spaces removed from the
    surface: it is what the graph consumes, since the graph links entities, not offsets.

    >>> s = score_spans(["张三在北京"], [[(0, 2, "PER"), (3, 5, "LOC")]], [[(0, 2, "PER"), (3, 4, "LOC")]])
    >>> s["PER"]["f"], s["LOC"]["f"], round(s["micro"]["f"], 2)
    (1.0, 0.0, 0.5)
    """
    keep = set(labels) if labels else None
    tp: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    set_tp = set_pred = set_gold = 0
    for text, g, p in zip(texts, gold, pred):
        g_spans = {(int(s), int(e), lab) for s, e, lab in g if keep is None or lab in keep}
        p_spans = {(int(s), int(e), lab) for s, e, lab in p if keep is None or lab in keep}
        for s, e, lab in g_spans:
            n_gold[lab] += 1
        for span in p_spans:
            n_pred[span[2]] += 1
            if span in g_spans:
                tp[span[2]] += 1
        g_set = {("".join(text[s:e].split()), lab) for s, e, lab in g_spans}
        p_set = {("".join(text[s:e].split()), lab) for s, e, lab in p_spans}
        set_tp += len(g_set & p_set)
        set_pred += len(p_set)
        set_gold += len(g_set)
    scores = {lab: _prf(tp[lab], n_pred[lab], n_gold[lab]) for lab in sorted(set(n_gold) | set(n_pred))}
    scores["micro"] = _prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    scores["docset"] = _prf(set_tp, set_pred, set_gold)
    return scores


def format_scores(scores: dict[str, dict[str, float]]) -> str:
    """A plain table of the scores from :func:`score_spans`."""
    lines = [f"{'label':<8} {'P':>6} {'R':>6} {'F1':>6} {'gold':>7} {'pred':>7}"]
    for name, s in scores.items():
        lines.append(f"{name:<8} {s['p']:6.3f} {s['r']:6.3f} {s['f']:6.3f} {s['gold']:7d} {s['pred']:7d}")
    return "\n".join(lines)
