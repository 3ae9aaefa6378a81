"""The character BiLSTM-CRF that tags PER/ORG/LOC in Chinese text.

Each character is described by its features: the character itself, the
character bigrams on its left and right (hashed into a fixed table), the
jieba word that contains it (its position in that word, B/M/E/S, and the word
hashed into a table), optionally flags for dictionary and gazetteer words
around it (``lexicon``, ``gazetteer``) and the tag Baidu's LAC gives it
(``lac``, :mod:`kg.lac`). A one-layer bidirectional LSTM reads these, and a
linear layer plus a CRF choose BIOES tags. The model is small (tens of MB), needs no
pretrained embeddings (no model hub is reachable here) and runs on one CPU
thread.

The model knows nothing of spaCy: :mod:`kg.recognise` wraps it in a pipeline
component, and :mod:`kg.train` trains it.
"""

from __future__ import annotations

import copy
import functools
import json
import math
import unicodedata
import warnings
import zlib
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Iterable, Sequence

import jieba
import jieba.posseg as posseg
import numpy as np
import torch
from torch import nn

from .gazetteer import place_matches
from .lac import TAGS as LAC_TAGS
from .lac import char_tags

__all__ = ["TaggerSettings", "Tagger", "feature_keys", "featurize", "is_word", "spans_from_tags", "tags_from_spans"]

jieba.setLogLevel(60)

PAD, UNK = 0, 1
SEG_TAGS = {"B": 1, "M": 2, "E": 3, "S": 4}


@dataclass
class TaggerSettings:
    """Hyperparameters of the tagger; saved with the model as ``settings.json``."""

    labels: list[str] = field(default_factory=lambda: ["PER", "ORG", "LOC"])
    char_dim: int = 100
    bigram_dim: int = 50
    bigram_buckets: int = 1 << 17
    word_dim: int = 50
    word_buckets: int = 1 << 16
    seg_dim: int = 16
    hidden: int = 192
    dropout: float = 0.3
    max_len: int = 250  # longer texts are cut into pieces of at most this many chars
    lexicon: bool = False  # add jieba-dictionary word flags (person/place/org/other words starting, inside, ending)
    lexicon_dim: int = 32
    gazetteer: bool = False  # with lexicon: add flags for names of kg.gazetteer's place list (3 more bits)
    lac: bool = False  # add Baidu LAC's word and name tag of each character (kg.lac)
    lac_dim: int = 16
    # > 0: bigrams / jieba words seen at least this often in training get their own row, all others share UNK
    # (saved as bigrams.json / words.json); 0: every bigram / word is hashed into the buckets above, so an
    # unseen one borrows the row of whatever trained bigram shares its bucket.
    bigram_min_count: int = 0
    word_min_count: int = 0

    @property
    def tags(self) -> list[str]:
        """BIOES tags, ``O`` first."""
        return ["O"] + [f"{p}-{label}" for label in self.labels for p in "BIES"]


@functools.cache
def norm_char(char: str) -> str:
    """Fold a character for lookup: full-width to half-width, digits to 0, lower case.

    >>> norm_char("Ａ"), norm_char("７"), norm_char("台")
    ('a', '0', '台')
    """
    folded = unicodedata.normalize("NFKC", char)
    if len(folded) != 1:
        folded = char
    if folded.isdigit():
        return "0"
    return folded.lower()


@functools.lru_cache(maxsize=1 << 18)
def _bucket(text: str, buckets: int) -> int:
    # crc32 is stable across processes, unlike hash(); 0 and 1 stay PAD and UNK.
    return 2 + zlib.crc32(text.encode("utf-8")) % (buckets - 2)


_LEX_CLASS = {"nr": 0, "ns": 1, "nt": 2}


def is_word(text: str) -> bool:
    """Whether ``text`` is a word of jieba's dictionary.

    >>> is_word("城市"), is_word("助市")
    (True, False)
    """
    jieba.dt.check_initialized()
    return bool(jieba.dt.FREQ.get(text))


_NAME_TAGS = ("nr", "ns", "nt", "nz", "j")


def is_common_word(text: str) -> bool:
    """Whether jieba's dictionary has ``text`` as a word that is not a name (a place, person, organisation,
    other proper name or abbreviation).

    >>> is_common_word("督查"), is_common_word("台州"), is_common_word("人大"), is_common_word("戴冬林")
    (True, False, False, False)
    """
    tag = posseg.dt.word_tag_tab.get(text)
    return tag is not None and not tag.startswith(_NAME_TAGS)


def _lexicon_flags(joined: str, gazetteer: bool = False) -> list[int]:
    """For each char, a 12-bit mask: for person, place, organisation and other jieba-dictionary words of two
    characters or more, whether one starts, continues or ends at this char (bit = class * 3 + position); with
    ``gazetteer``, bits 12-14 say the same of the gazetteer's place names (kg.gazetteer)."""
    flags = [0] * len(joined)
    if gazetteer:
        for i, j in place_matches(joined):
            flags[i] |= 1 << 12
            flags[j - 1] |= 1 << 14
            for k in range(i + 1, j - 1):
                flags[k] |= 1 << 13
    tags = posseg.dt.word_tag_tab
    for i, ends in jieba.dt.get_DAG(joined).items():
        for j in ends:
            if j == i:
                continue
            cls = _LEX_CLASS.get(tags.get(joined[i:j + 1], "x")[:2], 3) * 3
            flags[i] |= 1 << cls
            flags[j] |= 1 << (cls + 2)
            for k in range(i + 1, j):
                flags[k] |= 1 << (cls + 1)
    return flags


def feature_keys(text: str) -> tuple[list[str], list[str], list[str]]:
    """The folded characters of ``text``, its character bigrams (with ``<s>`` and ``</s>`` at the ends) and its
    jieba words: what :func:`featurize` looks up, and what training counts to build the bigram and word tables.

    >>> feature_keys("台州１号")
    (['台', '州', '0', '号'], ['<s>台', '台州', '州0', '0号', '号</s>'], ['台州', '0', '号'])
    """
    chars = [norm_char(c) for c in text]
    padded = ["<s>"] + chars + ["</s>"]
    bigrams = [padded[i] + padded[i + 1] for i in range(len(chars) + 1)]
    return chars, bigrams, list(jieba.cut("".join(chars), HMM=True))


def featurize(text: str, vocab: dict[str, int], settings: TaggerSettings, bigram_vocab: dict[str, int] | None = None,
              word_vocab: dict[str, int] | None = None, lac: Sequence[int] | None = None) -> list[list[int]]:
    """Feature ids for each character of ``text``: [char, left bigram, right bigram, seg, word(, lexicon flags)
    (, LAC tag)].

    ``text`` must already be the cleaned view (no spaces inside words). Bigrams and words are looked up in
    ``bigram_vocab`` / ``word_vocab`` (UNK when absent) or, without them, hashed into the settings' buckets.
    With ``settings.lac``, ``lac`` is the text's LAC tag ids (:func:`kg.lac.char_tags`; computed here if not given).
    """
    if settings.lac and lac is None:
        lac = char_tags([text])[0]
    chars, pairs, tokens = feature_keys(text)
    seg = [0] * len(text)
    word = [0] * len(text)
    pos = 0
    joined = "".join(chars)
    lex = _lexicon_flags(joined, settings.gazetteer) if settings.lexicon else None
    for token in tokens:
        n = len(token)
        wid = word_vocab.get(token, UNK) if word_vocab is not None else _bucket(token, settings.word_buckets)
        for k in range(n):
            seg[pos + k] = SEG_TAGS["S"] if n == 1 else SEG_TAGS["B" if k == 0 else "E" if k == n - 1 else "M"]
            word[pos + k] = wid
        pos += n
    rows = []
    if bigram_vocab is not None:
        bigrams = [bigram_vocab.get(b, UNK) for b in pairs]
    else:
        bigrams = [_bucket(b, settings.bigram_buckets) for b in pairs]
    for i, c in enumerate(chars):
        row = [vocab.get(c, UNK), bigrams[i], bigrams[i + 1], seg[i], word[i]]
        if lex is not None:
            row.append(lex[i])
        if settings.lac:
            row.append(lac[i] + 1)  # type: ignore[index]
        rows.append(row)
    return rows


def tags_from_spans(length: int, spans: Iterable[Sequence], tag_index: dict[str, int]) -> list[int]:
    """BIOES tag ids for a text of ``length`` chars with entity ``spans`` [(start, end, label)]."""
    tags = [0] * length
    for start, end, label in spans:
        if end - start == 1:
            tags[start] = tag_index[f"S-{label}"]
            continue
        tags[start] = tag_index[f"B-{label}"]
        for i in range(start + 1, end - 1):
            tags[i] = tag_index[f"I-{label}"]
        tags[end - 1] = tag_index[f"E-{label}"]
    return tags


def spans_from_tags(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entity spans from a BIOES tag sequence, tolerant of ill-formed runs.

    >>> spans_from_tags(["B-PER", "E-PER", "O", "S-LOC", "B-ORG", "I-ORG"])
    [(0, 2, 'PER'), (3, 4, 'LOC'), (4, 6, 'ORG')]
    """
    spans: list[tuple[int, int, str]] = []
    start: int | None = None
    label = ""
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, kind = tag.partition("-")
        if start is not None and (prefix in ("O", "B", "S") or kind != label):
            spans.append((start, i, label))
            start, label = None, ""
        if prefix in ("B", "S") or (prefix in ("I", "E") and start is None):
            start, label = i, kind
        if prefix in ("E", "S") and start is not None:
            spans.append((start, i + 1, label))
            start, label = None, ""
    return spans


class CRF(nn.Module):
    """Linear-chain CRF: negative log-likelihood for training, Viterbi for decoding."""

    def __init__(self, n_tags: int):
        super().__init__()
        self.transitions = nn.Parameter(torch.zeros(n_tags, n_tags))  # [from, to]
        self.start = nn.Parameter(torch.zeros(n_tags))
        self.end = nn.Parameter(torch.zeros(n_tags))

    def nll(self, emissions: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor,
            unannotated: torch.Tensor | None = None) -> torch.Tensor:
        """Summed negative log-likelihood of ``tags`` (batch, len) given ``emissions`` (batch, len, tags).

        ``unannotated`` (batch, tags; bool) marks, per sequence, the tags of labels its source does not annotate:
        where such a sequence says O, those tags are allowed too, and the likelihood sums over every path the
        annotation allows (a partial-annotation CRF), so a text that never marks projects does not teach that
        its projects are O.
        """
        if unannotated is not None and bool(unannotated.any()):
            allowed = torch.nn.functional.one_hot(tags, emissions.size(2)).bool()
            allowed |= (tags == 0).unsqueeze(2) & unannotated.unsqueeze(1)
            gold = self._log_partition(emissions.masked_fill(~allowed, -1e4), mask)
        else:
            batch = torch.arange(emissions.size(0))
            gold = self.start[tags[:, 0]] + emissions[batch, 0, tags[:, 0]]
            for t in range(1, emissions.size(1)):
                step = self.transitions[tags[:, t - 1], tags[:, t]] + emissions[batch, t, tags[:, t]]
                gold = gold + step * mask[:, t]
            gold = gold + self.end[tags[batch, mask.sum(1).long() - 1]]
        return (self._log_partition(emissions, mask) - gold).sum()

    def _log_partition(self, emissions: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Log of the summed scores of all tag paths, per sequence (the forward algorithm)."""
        alpha = self.start + emissions[:, 0]
        for t in range(1, emissions.size(1)):
            step = torch.logsumexp(alpha.unsqueeze(2) + self.transitions + emissions[:, t].unsqueeze(1), dim=1)
            alpha = torch.where(mask[:, t].unsqueeze(1).bool(), step, alpha)
        return torch.logsumexp(alpha + self.end, dim=1)

    def decode(self, emissions: torch.Tensor, mask: torch.Tensor) -> list[list[int]]:
        """Best tag ids for each sequence in the batch (Viterbi). In numpy, as :meth:`log_marginals`: torch's
        time per call outweighs the arithmetic on a batch's (batch, tags, tags) scores."""
        scores = emissions.detach().numpy()
        lengths = mask.sum(1).long().numpy()
        trans, start, end = (p.detach().numpy() for p in (self.transitions, self.start, self.end))
        batch, width, n_tags = scores.shape
        rows, identity = np.arange(batch), np.arange(n_tags)
        score = start + scores[:, 0]
        history = np.empty((width, batch, n_tags), dtype=np.int64)
        into = np.ascontiguousarray(trans.T)  # [to, from]: each step's best over the last, contiguous axis
        for t in range(1, width):
            total = score[:, None, :] + into  # (batch, to, from)
            best = total.argmax(2)  # the best's score picked by index: a second pass (max) took 0.31 s, not 0.25
            live = (t < lengths)[:, None]
            score = np.where(live, np.take_along_axis(total, best[:, :, None], 2)[:, :, 0] + scores[:, t], score)
            history[t] = np.where(live, best, identity)
        # Walk back from each sequence's best last tag; past a sequence's end the history is the identity, so
        # one walk over the padded length serves every sequence of the batch.
        path = np.empty((batch, width), dtype=np.int64)
        path[:, -1] = (score + end).argmax(1)
        for t in range(width - 1, 0, -1):
            path[:, t - 1] = history[t, rows, path[:, t]]
        return [row[:length] for row, length in zip(path.tolist(), lengths.tolist())]

    def log_marginals(self, emissions: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Forward scores ``alpha`` (batch, len, tags: every path up to and including each char's tag), backward
        scores ``beta`` (every path after it, end score included) and log Z per sequence of ``lengths`` chars (the
        forward-backward algorithm). The backward pass runs as a forward pass over each sequence reversed within
        its length, beside the forward one; both run in probability space, rescaled to sum 1 at each char (a
        matrix product per char instead of a log-sum-exp over every pair of tags), their log scales kept apart.
        Past a sequence's end both run on over padding, whose scores are never read. In numpy: on arrays this
        small torch spends more time per call than on the arithmetic."""
        batch, width, n_tags = emissions.shape
        trans, start, end = (p.detach().numpy() for p in (self.transitions, self.start, self.end))
        back = np.clip(lengths[:, None] - 1 - np.arange(width), 0, None)  # reversed position of each char
        reverse = np.take_along_axis(emissions, back[:, :, None], 1)
        scores = np.stack([emissions, reverse], 2)  # (batch, len, 2, tags): forward, then backward
        top = scores.max(3, keepdims=True)
        weights = np.exp(scores - top).reshape(batch, width, 2 * n_tags)  # each char's weights, largest 1
        moves = np.zeros((2 * n_tags, 2 * n_tags), dtype=emissions.dtype)
        moves[:n_tags, :n_tags], moves[n_tags:, n_tags:] = np.exp(trans), np.exp(trans.T)
        table = np.empty((batch, width, 2 * n_tags), dtype=emissions.dtype)
        scales = np.empty((batch, width, 2, 1), dtype=emissions.dtype)
        first = np.stack([start + emissions[:, 0], end + reverse[:, 0]], 1)
        scales[:, 0] = first.max(2, keepdims=True)
        table[:, 0] = np.exp(first - scales[:, 0]).reshape(batch, -1)
        for t in range(1, width):
            step = (table[:, t - 1] @ moves * weights[:, t]).reshape(batch, 2, n_tags)
            total = step.sum(2, keepdims=True)
            table[:, t] = (step / total).reshape(batch, -1)
            scales[:, t] = total
        scales[:, 1:] = np.log(scales[:, 1:]) + top[:, 1:]
        with np.errstate(divide="ignore"):  # an impossible tag scores -inf
            logs = np.log(table).reshape(batch, width, 2, n_tags) + scales.cumsum(1)
        alpha = logs[:, :, 0]
        beta = np.take_along_axis(logs[:, :, 1], back[:, :, None], 1) - emissions
        last = alpha[np.arange(batch), lengths - 1] + end
        top_z = last.max(1)
        log_z = top_z + np.log(np.exp(last - top_z[:, None]).sum(1))
        return alpha, beta, log_z

    def posterior_spans(self, emissions: torch.Tensor, mask: torch.Tensor, labels: Sequence[str],
                        keep: Iterable[str] = (), min_prob: float = 0.5) -> list[list[tuple[int, int, str]]]:
        """Entity spans whose probability of being exactly an entity (``P(B I … E)`` or ``P(S)`` under the CRF)
        exceeds ``min_prob``, for each sequence: posterior decoding, which keeps the spans the model is sure of
        rather than the single best path (Viterbi joins a place to the verb after it, 灵湖开湖, when that path
        wins by a little). With ``min_prob`` >= 0.5 two such spans never overlap.

        The best path's spans of the labels in ``keep`` (``labels`` name the B/I/E/S tags after O, in
        :attr:`TaggerSettings.tags` order) are kept whatever their probability unless a surer span overlaps them:
        a long project name spreads its probability over several boundaries, none of them sure, and dropping it
        loses the project.
        """
        keep = set(keep)
        if keep:  # the best path is needed only for the labels it keeps
            tag_names = TaggerSettings(labels=list(labels)).tags
            viterbi = [spans_from_tags([tag_names[t] for t in path]) for path in self.decode(emissions, mask)]
        else:
            viterbi = [[] for _ in range(emissions.size(0))]
        scores = emissions.detach().numpy()
        lengths = mask.sum(1).long().numpy()
        alpha, beta, log_z = self.log_marginals(scores, lengths)
        marginal = alpha + beta - log_z[:, None, None]  # log P(tag at char)
        marginal[np.arange(scores.shape[1]) >= lengths[:, None]] = -np.inf  # padding
        trans = self.transitions.detach().numpy()
        bound = math.log(min_prob)
        tag_ids = [(1 + 4 * k, 2 + 4 * k, 3 + 4 * k, 4 + 4 * k) for k in range(len(labels))]  # B, I, E, S after O

        def log_prob(row: int, start: int, end: int, k: int) -> float:
            """log P(the span start:end of sequence ``row`` is exactly an entity of the k-th label)."""
            tag_b, tag_i, tag_e, tag_s = tag_ids[k]
            if end - start == 1:
                return float(marginal[row, start, tag_s])
            e = scores[row]
            inner = trans[tag_b, tag_e] if end - start == 2 else (
                trans[tag_b, tag_i] + e[start + 1:end - 1, tag_i].sum() + (end - start - 3) * trans[tag_i, tag_i]
                + trans[tag_i, tag_e])
            return float(alpha[row, start, tag_b] + inner + e[end - 1, tag_e] + beta[row, end - 1, tag_e] - log_z[row])

        found: list[list[tuple[float, int, int, str]]] = [[] for _ in lengths]
        for k, label in enumerate(labels):
            tag_b, tag_i, tag_e, tag_s = tag_ids[k]
            for row, at in zip(*(marginal[:, :, tag_s] > bound).nonzero()):
                found[row].append((float(marginal[row, at, tag_s]), int(at), int(at) + 1, label))
            for row, at in zip(*(marginal[:, :, tag_b] > bound).nonzero()):
                for end in range(at + 1, lengths[row]):  # a sure span is sure of each of its chars
                    if marginal[row, end, tag_e] > bound:
                        p = log_prob(row, at, end + 1, k)
                        if p > bound:
                            found[row].append((p, int(at), end + 1, label))
                    if marginal[row, end, tag_i] <= bound:
                        break
        results = []
        for row, spans in enumerate(viterbi):
            candidates = found[row] + [(log_prob(row, s, t, labels.index(lab)), s, t, lab) for s, t, lab in spans
                                       if lab in keep]
            chosen: list[tuple[int, int, str]] = []
            for _, s, t, lab in sorted(set(candidates), reverse=True):
                if all(t <= u or v <= s for u, v, _ in chosen):
                    chosen.append((s, t, lab))
            results.append(sorted(chosen))
        return results


class Tagger(nn.Module):
    """BiLSTM-CRF over character, bigram and jieba-word features."""

    def __init__(self, settings: TaggerSettings, vocab: dict[str, int], bigram_vocab: dict[str, int] | None = None,
                 word_vocab: dict[str, int] | None = None):
        super().__init__()
        self.settings = settings
        self.vocab = vocab
        self.bigram_vocab = bigram_vocab
        self.word_vocab = word_vocab
        s = settings
        self.char_emb = nn.Embedding(len(vocab), s.char_dim, padding_idx=PAD, sparse=True)
        n_bigrams = len(bigram_vocab) if bigram_vocab is not None else s.bigram_buckets
        self.bigram_emb = nn.Embedding(n_bigrams, s.bigram_dim, padding_idx=PAD, sparse=True)
        self.seg_emb = nn.Embedding(len(SEG_TAGS) + 1, s.seg_dim, padding_idx=PAD)
        n_words = len(word_vocab) if word_vocab is not None else s.word_buckets
        self.word_emb = nn.Embedding(n_words, s.word_dim, padding_idx=PAD, sparse=True)
        width = (s.char_dim + 2 * s.bigram_dim + s.seg_dim + s.word_dim + (s.lexicon_dim if s.lexicon else 0)
                 + (s.lac_dim if s.lac else 0))
        if s.lac:
            self.lac_emb = nn.Embedding(LAC_TAGS + 1, s.lac_dim, padding_idx=PAD)
        if s.lexicon:
            bits = 15 if s.gazetteer else 12
            self.lexicon_proj = nn.Linear(bits, s.lexicon_dim)
            self.register_buffer("lexicon_bits", 1 << torch.arange(bits), persistent=False)
        self.dropout = nn.Dropout(s.dropout)
        self.lstm = nn.LSTM(width, s.hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * s.hidden, len(s.tags))
        self.crf = CRF(len(s.tags))

    def features(self, texts: Sequence[str], lac: Sequence[Sequence[int]] | None = None) -> list[list[list[int]]]:
        """Feature ids of each cleaned text for this model (see :func:`featurize`); ``lac``: the texts' LAC tags
        where already computed (else LAC runs on the texts together)."""
        if lac is None:
            lac = char_tags(texts) if self.settings.lac else [()] * len(texts)
        return [featurize(text, self.vocab, self.settings, self.bigram_vocab, self.word_vocab, tags)
                for text, tags in zip(texts, lac)]

    def emissions(self, feats: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        parts = [
            self.char_emb(feats[..., 0]),
            self.bigram_emb(feats[..., 1]),
            self.bigram_emb(feats[..., 2]),
            self.seg_emb(feats[..., 3]),
            self.word_emb(feats[..., 4]),
        ]
        if self.settings.lexicon:
            bits = (feats[..., 5:6] & self.get_buffer("lexicon_bits")).ne(0).float()
            parts.append(self.lexicon_proj(bits))
        if self.settings.lac:
            parts.append(self.lac_emb(feats[..., 5 + self.settings.lexicon]))
        x = torch.cat(parts, dim=-1)
        x = self.dropout(x)
        lengths = mask.sum(1).long().cpu()
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        h, _ = self.lstm(packed)
        h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=x.size(1))
        return self.out(self.dropout(h))

    def loss(self, feats: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor,
             unannotated: torch.Tensor | None = None) -> torch.Tensor:
        return self.crf.nll(self.emissions(feats, mask), tags, mask, unannotated)

    @torch.no_grad()
    def predict(self, texts: Sequence[str], batch_chars: int = 4000, min_prob: float = 0.0,
                keep: Sequence[str] = ()) -> list[list[tuple[int, int, str]]]:
        """Entity spans (start, end, label) for each cleaned text; texts longer than
        ``settings.max_len`` are cut at sentence ends (or hard) and the pieces' spans shifted back.
        With ``min_prob`` > 0 the spans are those whose probability of being exactly an entity exceeds it, plus
        the Viterbi path's spans of the labels in ``keep`` (:meth:`CRF.posterior_spans`); with 0, the Viterbi
        path's. Call ``eval()`` first when the model has been training (``load`` returns it in eval mode)."""
        pieces: list[tuple[int, int, str]] = []  # (text index, offset, piece)
        for i, text in enumerate(texts):
            for offset, piece in split_text(text, self.settings.max_len):
                if piece:
                    pieces.append((i, offset, piece))
        order = sorted(range(len(pieces)), key=lambda k: len(pieces[k][2]))
        lac = char_tags([p[2] for p in pieces]) if self.settings.lac else [()] * len(pieces)
        tags = self.settings.tags
        results: list[list[tuple[int, int, str]]] = [[] for _ in texts]
        start = 0
        while start < len(order):
            end = start + 1
            while end < len(order) and (end - start + 1) * len(pieces[order[end]][2]) <= batch_chars:
                end += 1
            batch = [pieces[k] for k in order[start:end]]
            feats, mask = pad_batch(self.features([p[2] for p in batch], [lac[k] for k in order[start:end]]))
            emissions = self.emissions(feats, mask)
            if min_prob > 0:
                spans = self.crf.posterior_spans(emissions, mask, self.settings.labels, keep, min_prob)
            else:
                spans = [spans_from_tags([tags[t] for t in path]) for path in self.crf.decode(emissions, mask)]
            for (i, offset, _), found in zip(batch, spans):
                results[i].extend((offset + s, offset + e, lab) for s, e, lab in found)
            start = end
        return [sorted(r) for r in results]

    def with_labels(self, labels: Sequence[str]) -> "Tagger":
        """A copy that also tags ``labels`` it does not know yet, for fine-tuning on data that has them.

        Weights of the known tags are kept. A new label's tags start as its own copy of the first label's tag
        pattern in the CRF (B before I and E, O after E or S), and its output rows start small with a low bias, so
        the copy predicts what this model predicts until training has seen the new label.
        """
        new = [label for label in labels if label not in self.settings.labels]
        if not new:
            return self
        settings = replace(self.settings, labels=self.settings.labels + new)
        model = Tagger(settings, self.vocab, self.bigram_vocab, self.word_vocab)
        state = self.state_dict()
        old_tags, tags = self.settings.tags, settings.tags
        index = [tags.index(t) for t in old_tags]  # where each known tag sits in the new tag list
        # each new tag borrows the CRF scores of the first label's tag with the same prefix
        first = self.settings.labels[0]
        source = [old_tags.index(t if t in old_tags else f"{t[0]}-{first}") for t in tags]
        with torch.no_grad():
            model.load_state_dict({k: v for k, v in state.items() if not k.startswith(("out.", "crf."))},
                                  strict=False)
            model.out.weight.mul_(0.01)
            model.out.bias.fill_(-5.0)
            model.out.weight[index] = state["out.weight"]
            model.out.bias[index] = state["out.bias"]
            model.crf.transitions.copy_(state["crf.transitions"][source][:, source])
            model.crf.start.copy_(state["crf.start"][source])
            model.crf.end.copy_(state["crf.end"][source])
            low = state["crf.transitions"].min()
            for i, t in enumerate(tags):  # a new label's B or I is never followed by another's I or E, nor
                for j, u in enumerate(tags):  # a new label's I or E preceded by another's B or I
                    if t[0] in "BI" and u[0] in "IE" and t[2:] != u[2:] and not (t in old_tags and u in old_tags):
                        model.crf.transitions[i, j] = low
        return model

    def with_lac(self, dim: int = 16) -> "Tagger":
        """A copy that also reads LAC's tag of each character (``settings.lac``), for fine-tuning. The LSTM's
        weights for the new input start at zero, so the copy predicts what this model predicts until trained."""
        if self.settings.lac:
            return self
        model = Tagger(replace(self.settings, lac=True, lac_dim=dim), self.vocab, self.bigram_vocab, self.word_vocab)
        state = self.state_dict()
        with torch.no_grad():
            for name in ("lstm.weight_ih_l0", "lstm.weight_ih_l0_reverse"):
                state[name] = torch.cat([state[name], state[name].new_zeros(state[name].shape[0], dim)], dim=1)
            model.load_state_dict(state, strict=False)
        return model

    def int8(self) -> "Tagger":
        """A copy for prediction whose LSTM and output layer hold 8-bit integer weights (PyTorch dynamic
        quantization: activations are quantized on the fly), or this model itself where the installed PyTorch
        has no quantized engine. Faster on CPU; not for training."""
        quantize = getattr(getattr(torch, "ao", None), "quantization", None)
        if quantize is None or torch.backends.quantized.engine == "none":
            return self
        with warnings.catch_warnings():  # torch.ao.quantization warns that it moves to torchao
            warnings.simplefilter("ignore")
            model = quantize.quantize_dynamic(copy.deepcopy(self), {nn.LSTM, nn.Linear}, dtype=torch.qint8)
        model.eval()
        return model

    def save(self, path: Path) -> None:
        """Write ``settings.json``, ``vocab.json`` (with ``bigrams.json`` and ``words.json`` where the model has
        those tables) and ``model.pt`` (float16 weights) into ``path``."""
        path.mkdir(parents=True, exist_ok=True)
        (path / "settings.json").write_text(json.dumps(asdict(self.settings), indent=2), encoding="utf-8")
        for name, table in (("vocab", self.vocab), ("bigrams", self.bigram_vocab), ("words", self.word_vocab)):
            if table is not None:
                keys = sorted(table, key=table.__getitem__)
                (path / f"{name}.json").write_text(json.dumps(keys, ensure_ascii=False), encoding="utf-8")
        torch.save({k: v.half() for k, v in self.state_dict().items()}, path / "model.pt")

    @classmethod
    def load(cls, path: Path) -> "Tagger":
        """Read a tagger written by :meth:`save`."""
        settings = TaggerSettings(**json.loads((path / "settings.json").read_text(encoding="utf-8")))

        def table(name: str) -> dict[str, int] | None:
            file = path / f"{name}.json"
            if not file.exists():
                return None
            return {key: i for i, key in enumerate(json.loads(file.read_text(encoding="utf-8")))}

        vocab = table("vocab")
        if vocab is None:
            raise FileNotFoundError(f"{path / 'vocab.json'}: the tagger's character vocabulary is missing")
        model = cls(settings, vocab, table("bigrams"), table("words"))
        state = torch.load(path / "model.pt", map_location="cpu")
        model.load_state_dict({k: v.float() for k, v in state.items()})
        model.eval()
        return model


def split_text(text: str, max_len: int) -> list[tuple[int, str]]:
    """Cut ``text`` into (offset, piece) pieces: at every line break (no entity spans a paragraph break; the
    break itself is in no piece), then into pieces of at most ``max_len`` chars, preferring sentence ends.

    >>> split_text("甲。乙丙。丁\\n戊", 3)
    [(0, '甲。'), (2, '乙丙。'), (5, '丁'), (7, '戊')]
    """
    pieces = []
    offset = 0
    for line in text.split("\n"):
        start = 0
        while len(line) - start > max_len:
            window = line[start:start + max_len]
            cut = max(window.rfind(p) for p in "。！？；!?;")
            if cut < max_len // 4:
                cut = max(window.rfind(p) for p in "，,、 ")
            end = start + (cut + 1 if cut >= max_len // 4 else max_len)
            pieces.append((offset + start, line[start:end]))
            start = end
        if start < len(line) or not pieces:
            pieces.append((offset + start, line[start:]))
        offset += len(line) + 1
    return pieces


def pad_batch(rows: list[list[list[int]]], tags: list[list[int]] | None = None):
    """Pad feature rows (and optionally tag ids) into tensors; returns (feats, mask[, tags]). Filled in numpy:
    a list of lists goes into a numpy array about four times as fast as into a tensor."""
    width = max(len(r) for r in rows)
    feats = np.zeros((len(rows), width, max((len(r[0]) for r in rows if r), default=5)), dtype=np.int64)
    mask = np.zeros((len(rows), width), dtype=np.float32)
    for b, r in enumerate(rows):
        if r:
            feats[b, : len(r)] = r
        mask[b, : max(len(r), 1)] = 1
    if tags is None:
        return torch.from_numpy(feats), torch.from_numpy(mask)
    tag_ids = np.zeros((len(rows), width), dtype=np.int64)
    for b, t in enumerate(tags):
        tag_ids[b, : len(t)] = t
    return torch.from_numpy(feats), torch.from_numpy(mask), torch.from_numpy(tag_ids)
