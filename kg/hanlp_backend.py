"""HanLP as a recogniser backend: a spaCy component ("kg_hanlp") around a HanLP NER model.

``--ner hanlp`` loads HanLP's default pretrained NER model; ``--ner hanlp:<identifier or folder>`` another
pretrained identifier (``hanlp.pretrained.ner.*``) or a folder saved by HanLP (config.json, vocabs.json,
model.pt). HanLP is an optional dependency (``pip install -e '.[hanlp]'``).

The component reads the repaired view of each doc (:mod:`kg.clean`), cuts it into pieces of at most
``max_len`` characters at sentence ends, gives HanLP lists of characters, maps its labels to ours (MSRA
NR/NS/NT, OntoNotes PERSON/GPE/LOC/FAC/ORG, …) and the spans back to the original text. PROJECT rules run after
it exactly as after the default model.
"""

from __future__ import annotations

import contextlib
import io
import os
import socket
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import urlparse

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from .errors import ModelError
from .recognise import _set_ents, repaired_view
from .tagger import split_text

__all__ = ["DEFAULT_HANLP_MODEL", "LABELS_FROM_HANLP", "HanlpComponent", "hanlp_pipeline", "load_hanlp_model"]

# hanlp.pretrained.ner.MSRA_NER_ELECTRA_SMALL_ZH (a name, so that importing this module needs no hanlp)
DEFAULT_HANLP_MODEL = "MSRA_NER_ELECTRA_SMALL_ZH"
LABELS_FROM_HANLP = {
    "NR": "PER", "PER": "PER", "PERSON": "PER", "NAME": "PER",
    "NS": "LOC", "LOC": "LOC", "LOCATION": "LOC", "GPE": "LOC", "FAC": "LOC", "ADDRESS": "LOC",
    "NT": "ORG", "ORG": "ORG", "ORGANIZATION": "ORG", "NORP": None,
}


def _hanlp_home() -> str:
    return os.environ.get("HANLP_HOME") or str(Path.home() / ".hanlp")


def load_hanlp_model(identifier: str | None):
    """Load a HanLP model by pretrained name, URL or folder; raise one clear ModelError when it cannot be had."""
    try:
        import hanlp
        import hanlp.pretrained
    except ImportError:
        raise ModelError("HanLP is not installed: pip install -e '.[hanlp]' (hanlp==2.1.5, transformers==4.49.0)") from None
    name = identifier or DEFAULT_HANLP_MODEL
    target = name
    if not Path(name).exists():
        # a pretrained name such as MSRA_NER_ELECTRA_SMALL_ZH resolves to its URL
        target = getattr(hanlp.pretrained.ner, name, None) or getattr(hanlp.pretrained.mtl, name, None) or name
    if "://" in str(target):
        reason = _unreachable(str(target))
        if reason:
            raise ModelError(_cannot_load(name, reason))
    noise = io.StringIO()
    try:
        # HanLP prints a long download hint and a traceback on failure: keep them out of the user's terminal.
        with contextlib.redirect_stdout(noise), contextlib.redirect_stderr(noise):
            return hanlp.load(target, devices=-1)
    except (Exception, SystemExit) as error:  # HanLP raises many kinds, and exit() on some download failures
        reason = f"{type(error).__name__}: {error}".strip().splitlines()[0][:300]
        raise ModelError(_cannot_load(name, reason)) from None


def _cannot_load(name: str, reason: str) -> str:
    return (f"cannot load HanLP model {name!r} ({reason}).\n"
            f"HanLP looks for it in HANLP_HOME={_hanlp_home()} and downloads it there when it is missing.\n"
            "To use it without internet: copy the HANLP_HOME folder from a machine where the model has been "
            "loaded once, set HANLP_URL to a mirror you can reach, or pass a model folder: --ner hanlp:/path/to/model")


def _unreachable(url: str, timeout: float = 3.0) -> str:
    """Why ``url`` cannot be had (not cached and its host does not answer), or "" when it can.

    HanLP's downloader retries with back-off for half a minute; a plain connection attempt answers in seconds.
    """
    from hanlp.utils.io_util import hanlp_home, path_from_url

    local = path_from_url(url, save_dir=hanlp_home())
    if os.path.exists(local) or os.path.exists(local.removesuffix(".zip")):
        return ""
    parsed = urlparse(url)
    try:
        socket.create_connection((parsed.hostname, parsed.port or (443 if parsed.scheme == "https" else 80)),
                                 timeout=timeout).close()
    except OSError as error:
        return f"not in {hanlp_home()}, and {parsed.hostname} cannot be reached: {error.strerror or error}"
    return ""


class HanlpComponent:
    """Sets PER/ORG/LOC entities predicted by a HanLP NER model on the repaired view of each doc."""

    def __init__(self, nlp: Language, name: str, *, model: str | None, batch_size: int, max_len: int):
        self.name = name
        self.model_name = model
        self.batch_size = batch_size
        self.max_len = max_len
        self.model = load_hanlp_model(model)

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            yield from self._predict(batch)

    def _predict(self, docs: list[Doc]) -> list[Doc]:
        views = [repaired_view(doc) for doc in docs]
        pieces = [(d, offset, piece) for d, view in enumerate(views)
                  for offset, piece in split_text(view.text, self.max_len) if piece.strip()]
        spans: list[list[tuple[int, int, str]]] = [[] for _ in docs]
        # batches of 32: HanLP 2.1.5 raised an IndexError on some inputs with batches of 64
        for start in range(0, len(pieces), self.batch_size):
            chunk = pieces[start:start + self.batch_size]
            outputs = self.model([list(p) for _, _, p in chunk], batch_size=self.batch_size)
            for (d, offset, _), entities in zip(chunk, outputs):
                for entity in entities:
                    _, label, begin, end = entity[:4]
                    ours = LABELS_FROM_HANLP.get(str(label).upper())
                    if ours:
                        spans[d].append((*views[d].to_original(offset + begin, offset + end), ours))
        for doc, view, found in zip(docs, views, spans):
            _set_ents(doc, found, view.original)
        return docs


@Language.factory("kg_hanlp", default_config={"model": None, "batch_size": 32, "max_len": 126})
def make_hanlp(nlp: Language, name: str, model: str | None, batch_size: int, max_len: int) -> HanlpComponent:
    """HanLP NER: ``model`` is a pretrained identifier or a saved folder (None: HanLP's MSRA ELECTRA small);
    ``max_len`` the most characters given to the model at once (126 fits BERT-style encoders)."""
    return HanlpComponent(nlp, name, model=model, batch_size=batch_size, max_len=max_len)


def hanlp_pipeline(model: str | None = None) -> Language:
    """Blank Chinese + kg_hanlp + kg_bodies + kg_repeats + kg_lists + kg_projects."""
    nlp = spacy.blank("zh")
    nlp.add_pipe("kg_hanlp", config={"model": model})
    nlp.add_pipe("kg_bodies")
    nlp.add_pipe("kg_repeats")
    nlp.add_pipe("kg_lists")
    nlp.add_pipe("kg_projects")
    return nlp
