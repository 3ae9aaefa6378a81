"""The whole job: files -> articles -> mentions -> entities -> graph (-> outputs).

:func:`build` is the Python API; :func:`run` is what ``kg build`` does, with a :class:`Report` of the run.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from importlib import metadata
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import networkx as nx
from spacy.language import Language

from .clean import is_traditional, to_simplified
from .errors import InputError
from .link import (MAX_ARTICLE_ENTITIES, add_measures, build_graph, crowded_articles, dominant_article, filter_graph,
                   find_entities)
from .normalise import Entity, Mention, apply_aliases, clean_name, mark_bracketed_names, mark_set_phrases, resolve
from .read import FORMATS, IMAGES, Skipped, ocr_candidates, passed_over, read_paths
from .recognise import group_chars_of, groups_by_chars, load_pipeline, recogniser_fingerprint
from .segment import Article, drop_copies, join_continuations, segment

__all__ = ["Report", "MentionCache", "build", "recognise_articles", "recognise_in_processes", "run"]

# where ``kg build`` keeps what it recognised, in its output folder (``--no-cache``: not kept)
CACHE_NAME = ".kg-cache.sqlite"


@dataclass
class Report:
    """What a run read, skipped, found and wrote."""

    files: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    undecoded: Counter = field(default_factory=Counter)  # source -> characters read as U+FFFD (kg.read.decode)
    articles: int = 0
    mentions: Counter = field(default_factory=Counter)
    # mentions that name no entity (a bare surname, a number, a common word, a bare body, a place in a set phrase)
    unnamed: int = 0
    nodes: int = 0
    edges: int = 0
    seconds: float = 0.0
    outputs: dict = field(default_factory=dict)
    shown_nodes: int = 0
    filtered: dict = field(default_factory=dict)  # filter -> nodes (or edges, for min_weight) it removed
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (id, new id) of an article whose id was taken
    dates: list[str] = field(default_factory=list)  # the articles' dates (ISO), of those that have one
    joined: int = 0  # continuations ("(上接第一版)") joined to the article they continue
    copies: int = 0  # articles left out as copies of another (kg.segment.drop_copies)
    cache: str = ""  # the cache file, when one was used
    period: tuple = ()  # (since, until, dated outside it, undated) when the run kept only a period's articles
    cached: int = 0  # articles whose mentions came from it
    ocr_cached: int | None = None  # with --ocr and the cache: files whose text an earlier run's OCR read
    other_kinds: Counter = field(default_factory=Counter)  # suffix -> files of it that folders held and kg passed over
    output_folders: list[str] = field(default_factory=list)  # folders among the pages that hold a build's outputs
    aliases: str = ""  # the user's table of aliases (--aliases), when one was given
    aliased: Counter = field(default_factory=Counter)  # its alias -> mentions it gave their entity
    unused_aliases: list[str] = field(default_factory=list)  # its aliases that no mention has
    # (article id, entities, edges) of the one article whose entities make much of the graph written (a long
    # feature, a roll of honour: kg.link.dominant_article), if one does
    largest: tuple = ()
    crowded: list = field(default_factory=list)  # (article id, entities) of those linked by sentences alone
    focus: dict = field(default_factory=dict)  # --focus: each name -> the nodes it names, drawn first in graph.html
    roles: tuple = ()  # (persons, of them with a role, links that carry the post held at their other end)

    def summary(self) -> str:
        lines = [f"read {self.files} files, skipped {len(self.skipped)}; {self.articles} articles"]
        if self.other_kinds:
            kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(self.other_kinds.items()))
            lines.append(f"  passed over {sum(self.other_kinds.values())} files of other kinds ({kinds}): "
                         f"kg reads {', '.join(FORMATS)}"
                         + ("; --ocr reads page images" if set(self.other_kinds) & set(IMAGES) else ""))
        if self.output_folders:
            lines.append(f"  passed over the outputs of a kg build in {', '.join(self.output_folders)} "
                         "(name its articles.jsonl to read it)")
        if self.joined:
            lines.append(f"  and {self.joined} continued from another page ((上接第一版)), each joined to its article")
        if self.copies:
            lines.append(f"  and {self.copies} copies of them (the same story reposted, saved twice or cut short), "
                         "each read as the article it copies (articles.jsonl lists them under it; --keep-copies "
                         "reads them as articles)")
        if self.dates:
            lines.append(f"  {len(self.dates)} of them dated, {min(self.dates)} to {max(self.dates)}")
        if self.period:
            since, until, outside, undated = self.period
            lines.append(f"  the period {since or '…'} to {until or '…'} left out {outside} articles dated outside "
                         f"it and {undated} undated")
        for s in self.skipped:
            lines.append(f"  skipped {s}")
        for source, count in self.undecoded.items():
            lines.append(f"  read {source} with � for {count} undecodable character{'s' * (count > 1)}")
        for old, new in self.renamed:
            lines.append(f"  id {old} was already taken: that article is {new}")
        by_type = ", ".join(f"{t} {self.mentions[t]}" for t in ("PER", "ORG", "LOC", "PROJECT"))
        lines.append(f"mentions: {sum(self.mentions.values())} ({by_type})")
        if self.unnamed:
            lines.append(f"  {self.unnamed} of them name no entity "
                         "(a bare surname, a number, a common word, a bare body such as 党支部, "
                         "中国 of 中国特色社会主义)")
        if self.aliases:
            unused = ", ".join(self.unused_aliases[:10]) + (" …" if len(self.unused_aliases) > 10 else "")
            lines.append(f"  {sum(self.aliased.values())} of them take their entity from {self.aliases} "
                         f"({len(self.aliased)} of its {len(self.aliased) + len(self.unused_aliases)} aliases"
                         + (f"; in no article: {unused})" if unused else ")"))
        if self.cache:
            lines.append(f"  {self.cached} of the {self.articles} articles recognised in an earlier run, "
                         f"taken from {self.cache}")
        if self.ocr_cached is not None:
            lines.append(f"  {self.ocr_cached} page images and scans read by OCR in an earlier run, taken from "
                         f"{self.cache}")
        lines.append(f"graph: {self.nodes} nodes, {self.edges} edges")
        for article, entities in self.crowded:
            lines.append(f"  {article} names {entities} entities, more than {MAX_ARTICLE_ENTITIES}: they are linked "
                         "only where they share a sentence that names no more (an index page, a roll of honour?)")
        if self.roles and self.roles[1]:
            persons, with_role, links = self.roles
            lines.append(f"  {with_role} of its {persons} persons have a role (区委书记, 记者 …); {links} links say which "
                         "post a person holds at their other end")
        for name, count in self.filtered.items():
            what = "edges" if name == "min_weight" else "nodes"
            lines.append(f"  filter {name} removed {count} {what}")
        if self.largest:
            article, entities, edges = self.largest
            lines.append(f"  {edges} of its {self.edges} edges join the {entities} entities of one article, {article} "
                         "(so graph.html links by shared sentences to start with)")
        if self.outputs:
            where = Path(next(iter(self.outputs.values()))).parent
            lines.append(f"wrote {', '.join(self.outputs)} to {where}")
            if self.shown_nodes < self.nodes:
                first = ", ".join(n for ids in self.focus.values() for n in ids)
                lines.append(f"  graph.html shows {self.shown_nodes} of the {self.nodes} entities: "
                             + (f"{first} and their neighbours first, then " if first else "")
                             + "those in most articles")
            missing = [name for name, ids in self.focus.items() if not ids]
            if missing:
                lines.append(f"  --focus: no entity is named {', '.join(missing)}")
        lines.append(f"{self.seconds:.1f} s")
        return "\n".join(lines)


_NO_ARTICLE = "no article in it (no paragraph: only lines read as headlines, dates or page furniture)"


def _articles(paths: Sequence[str | Path], report: Report, keep_copies: bool = False, ocr: Any = False
              ) -> list[Article]:
    missing = [str(p) for p in paths if not Path(p).exists()]
    if missing:
        raise InputError(f"no such file or folder: {', '.join(missing)}")
    articles: list[Article] = []
    sources = set()
    others, outputs = passed_over(paths, bool(ocr))
    report.other_kinds = Counter(Path(name).suffix.lower() or "(no suffix)" for name in others)
    report.output_folders = sorted({Path(name).parent.as_posix() for name in outputs})
    for item in read_paths(paths, ocr):
        if isinstance(item, Skipped):
            report.skipped.append(item)
            if item.line is None:
                sources.add(item.source)
            continue
        sources.add(item.source)
        if undecoded := item.text.count("\ufffd"):  # bytes of a damaged file, a lone surrogate of a JSON escape
            report.undecoded[item.source] += undecoded
        its_articles = [a for a in segment(item) if a.text.strip()]
        if not its_articles:  # a page of furniture alone, a headline with no text, text in another script
            report.skipped.append(Skipped(item.source, _NO_ARTICLE, item.line if item.meta else None))
        articles.extend(its_articles)
    read = len(articles)
    articles = join_continuations(articles)
    report.joined = read - len(articles)
    taken: set[str] = set()
    for article in articles:  # one id, one article: two exports that both number their records from 1
        if article.id in taken:
            new, n = f"{article.source}:{article.lines[0]}", 1
            while new in taken:
                new, n = f"{article.source}:{article.lines[0]}~{n + 1}", n + 1
            report.renamed.append((article.id, new))
            article.id = new
        taken.add(article.id)
    if not keep_copies:
        found = len(articles)
        articles = drop_copies(articles)
        report.copies = found - len(articles)
    report.files = len(sources)
    if not sources:
        print(f"warning: no {', '.join(FORMATS)} files in {', '.join(map(str, paths))}", file=sys.stderr)
    return articles


def _attach(article: Article, spans: Iterable[tuple[int, int, str]]) -> list[Mention]:
    """Set ``article.mentions`` from (start, end, label) spans, bracketed other names and places in set phrases
    marked; returns them.
    An article in traditional characters names its mentions in simplified ones, so that 臺州 is 台州's alias."""
    fold = to_simplified if is_traditional(article.text) else str
    article.mentions = [Mention(article.id, s, e, label, fold(article.text[s:e])) for s, e, label in spans]
    mark_bracketed_names(article.text, article.mentions)
    mark_set_phrases(article.text, article.mentions)
    return article.mentions


def recognise_articles(nlp: Language, articles: Sequence[Article], *, batch_size: int = 32,
                       progress: Callable[[int, int], None] | None = None) -> list[Mention]:
    """Run ``nlp`` over the articles' texts (``nlp.pipe``), attach the mentions to each article and return them all."""
    mentions: list[Mention] = []
    pairs = ((a.text, a) for a in articles)
    for n, (doc, article) in enumerate(nlp.pipe(pairs, as_tuples=True, batch_size=batch_size), 1):
        mentions.extend(_attach(article, [(e.start_char, e.end_char, e.label_) for e in doc.ents]))
        if progress:
            progress(n, len(articles))
    return mentions


class MentionCache:
    """The spans one recogniser found in each text, kept in a SQLite file, so that a rerun (another filter, a new
    day's pages) recognises only the texts it has not seen. Texts are keyed by their SHA-256, the recogniser by
    :func:`~kg.recognise.recogniser_fingerprint`, which changes with the model and with kg's rules.

    A text recognised alone or beside others can differ by an entity or two (the int8 tagger scales a batch's
    activations together), so a run that takes some articles from the cache can differ that much from one that
    recognises them all afresh; a rerun of the same pages gives the same mentions.
    """

    def __init__(self, path: str | Path, recogniser: str):
        self.path, self.recogniser = Path(path), recogniser
        self.db = _cache_db(self.path, "spans (recogniser TEXT, text TEXT, spans TEXT, PRIMARY KEY (recogniser, text))",
                            "the mention cache")

    @staticmethod
    def _key(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def lookup(self, texts: Sequence[str]) -> list[list[tuple[int, int, str]] | None]:
        """The spans kept for each text, None where the cache has none."""
        keys = [self._key(t) for t in texts]
        found: dict[str, str] = {}
        for at in range(0, len(keys), 500):  # SQLite limits a query's parameters
            chunk = keys[at:at + 500]
            rows = self.db.execute(f"SELECT text, spans FROM spans WHERE recogniser = ? AND text IN "
                                   f"({','.join('?' * len(chunk))})", [self.recogniser, *chunk])
            found.update(rows.fetchall())
        return [[tuple(span) for span in json.loads(found[k])] if k in found else None for k in keys]  # type: ignore[misc]

    def store(self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int, str]]]) -> None:
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO spans VALUES (?, ?, ?)",
                                [(self.recogniser, self._key(t), json.dumps([list(s) for s in found]))
                                 for t, found in zip(texts, spans)])

    def close(self) -> None:
        self.db.close()


class OCRCache:
    """The text OCR read from each page image or scan, kept in a SQLite file (the build's cache, beside the mention
    cache; ``:memory:`` for a build without one), so that a rerun of ``kg build --ocr`` reads again only the files
    it has not seen: OCR takes seconds a page. Files are keyed by their SHA-256, the reading by RapidOCR's version
    and kg's code that lays the lines out (kg/ocr.py and kg/read.py). A file OCR finds no text in is kept too, with
    the reason, and reported again. :func:`kg.read.read_paths` reads through :meth:`text` when given it as ``ocr``;
    :meth:`read_ahead` OCRs a build's page images in worker processes first.

    >>> import tempfile
    >>> path, calls = Path(tempfile.mkdtemp()) / "cache.sqlite", []
    >>> read = lambda data: calls.append(data) or "台州" * 20
    >>> first = OCRCache(path)
    >>> first.text(b"page", read) == first.text(b"page", read), len(calls), first.taken
    (True, 1, 0)
    >>> first.close(); rerun = OCRCache(path)
    >>> rerun.text(b"page", read)[:2], len(calls), rerun.taken
    ('台州', 1, 1)
    """

    def __init__(self, path: str | Path = ":memory:", progress: Callable[[int, int], None] | None = None):
        self.path, self.taken = Path(path), 0  # taken: files whose text an earlier run read
        self.progress, self.finished, self.expected = progress, 0, 0  # OCR'd by this run, and how many it will
        self._new: set[str] = set()  # files this run read
        digest = hashlib.sha256(metadata.version("rapidocr-onnxruntime").encode("utf-8"))
        for name in ("ocr.py", "read.py"):
            digest.update((Path(__file__).parent / name).read_bytes())
        self.reader = digest.hexdigest()
        self.db = _cache_db(self.path, "ocr_pages (reader TEXT, file TEXT, text TEXT, error TEXT, "
                                       "PRIMARY KEY (reader, file))", "the OCR cache")

    def _row(self, key: str) -> tuple[str | None, str | None] | None:
        return self.db.execute("SELECT text, error FROM ocr_pages WHERE reader = ? AND file = ?",
                               (self.reader, key)).fetchone()

    def _keep(self, key: str, text: str | None, error: str | None) -> None:
        with self.db:
            self.db.execute("INSERT OR REPLACE INTO ocr_pages VALUES (?, ?, ?, ?)", (self.reader, key, text, error))
        self._new.add(key)

    def text(self, data: bytes, read: Callable[[bytes], str]) -> str:
        """``read(data)``, or what it gave for these bytes before (ValueError again where it raised one)."""
        key = hashlib.sha256(data).hexdigest()
        row = self._row(key)
        if row is None:
            row = _read_page(read, data)
            self._keep(key, *row)
            self._done()
        elif key not in self._new:
            self.taken += 1
        if row[1] is not None:
            raise ValueError(row[1])
        return str(row[0])

    def read_ahead(self, files: Sequence[Path], processes: int) -> None:
        """OCR the page images and scanned PDFs among ``files`` that it lacks in ``processes`` worker processes (one
        thread each, a file each), so that reading the pages then takes their text from here. A PDF is taken for a
        scan where pdfium finds no character on any of its pages (:func:`kg.ocr.is_scan`); one whose fonts map no
        glyph to a character is found only as it is read, and read by OCR then, in the main process."""
        todo = self.pending(files)
        if not todo:
            return
        with get_context("spawn").Pool(min(processes, len(todo))) as pool:
            for key, text, error in pool.imap(_ocr_file, [str(file) for file in todo]):
                self._keep(key, text, error)
                self._done()

    def pending(self, files: Sequence[Path]) -> list[Path]:
        """The page images and scanned PDFs among ``files`` whose text it lacks (counted as the files this run
        will OCR, for its progress display)."""
        from .ocr import is_scan

        todo = []
        for file in files:
            data = file.read_bytes()
            if self._row(hashlib.sha256(data).hexdigest()) is None and (
                    file.suffix.lower() in IMAGES or is_scan(data)):
                todo.append(file)
        self.expected = len(todo)
        return todo

    def _done(self) -> None:
        self.finished += 1
        if self.progress is not None:
            self.progress(self.finished, max(self.expected, self.finished))

    def close(self) -> None:
        self.db.close()


def _read_page(read: Callable[[bytes], str], data: bytes) -> tuple[str | None, str | None]:
    """(text, None) as ``read`` gives it, or (None, why) where it raises ValueError: what the cache keeps."""
    try:
        return read(data), None
    except ValueError as error:
        return None, str(error)


def _ocr_file(path: str) -> tuple[str, str | None, str | None]:
    """A worker's task: a page image's or scanned PDF's SHA-256, and its text or why OCR read none."""
    from .ocr import reader_for

    data = Path(path).read_bytes()
    return (hashlib.sha256(data).hexdigest(), *_read_page(reader_for(Path(path).suffix.lower()), data))


def _cache_db(path: Path, table: str, what: str) -> sqlite3.Connection:
    """The cache file at ``path``, with ``table`` (its name and columns) made if it has none; InputError, naming
    the file, where it is no SQLite file kg can use."""
    try:
        db = sqlite3.connect(path)
        db.execute(f"CREATE TABLE IF NOT EXISTS {table}")
    except sqlite3.Error as error:
        raise InputError(f"{path}: cannot use it as {what} ({error}); remove it or pass --no-cache") from None
    return db


_worker_nlp: Language | None = None
_worker_error: Exception | None = None


def _load_worker(ner: str | None) -> None:
    # An initializer that raises makes the pool start the worker again and again: keep the error for the first task.
    global _worker_nlp, _worker_error
    try:
        _worker_nlp = load_pipeline(ner)
    except Exception as error:  # re-raised in the main process by _worker_spans
        _worker_error = error


def _worker_spans(texts: list[str]) -> list[list[tuple[int, int, str]]]:
    if _worker_nlp is None:
        raise _worker_error or RuntimeError("the worker has no pipeline")
    return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in _worker_nlp.pipe(texts)]


def recognise_in_processes(ner: str | None, articles: Sequence[Article], processes: int, *,
                           progress: Callable[[int, int], None] | None = None) -> list[Mention]:
    """:func:`recognise_articles` in ``processes`` worker processes, each loading the ``ner`` pipeline once (a few
    seconds) and running one thread; the same mentions, in the same order: each worker's task is one group of the
    tagger's (its config's ``group_chars``: :func:`~kg.recognise.group_chars_of`), which it batches as one process
    would. Only spans travel between processes (spaCy's own ``n_process`` sends whole Docs back, which for
    one-character tokens costs more than it saves)."""
    chunks = list(groups_by_chars(articles, lambda article: len(article.text), group_chars_of(ner)))
    mentions: list[Mention] = []
    done = 0
    with get_context("spawn").Pool(processes, initializer=_load_worker, initargs=(ner,)) as pool:
        for part, spans in zip(chunks, pool.imap(_worker_spans, [[a.text for a in c] for c in chunks])):
            for article, found in zip(part, spans):
                mentions.extend(_attach(article, found))
            done += len(part)
            if progress:
                progress(done, len(articles))
    return mentions


def build(paths: Iterable[str | Path], *, ner: str | None = None, nlp: Language | None = None,
          report: Report | None = None, progress: Callable[[int, int], None] | None = None, processes: int = 1,
          cache: str | Path | None = None, period: tuple[str | None, str | None] = (None, None),
          aliases: dict[str, str] | None = None, keep_copies: bool = False, ocr: bool = False
          ) -> tuple[nx.Graph, list[Article]]:
    """Read, segment, recognise, normalise and link: the graph and the articles (each with its mentions).

    paths: files or folders of pages, documents, web pages and exports (the kinds of :data:`kg.read.FORMATS`, read
        by :func:`kg.read.read_paths`).
    ner (str | None): recogniser, as for ``--ner`` (None: the shipped model).
    nlp (Language | None): an already loaded pipeline, to reuse across calls.
    processes (int): recognise in this many processes (``ner`` is loaded in each; ``nlp`` is then not used), and
        with ``ocr`` read the page images by OCR in as many first.
    cache (path | None): a :class:`MentionCache` file of the ``ner`` recogniser's spans, read and added to (not
        with ``nlp``, whose recogniser it cannot name).
    period ((since, until)): keep only the articles dated from ``since`` to ``until`` (ISO dates; None: open).
    aliases (dict | None): the user's table of aliases (:func:`kg.normalise.read_aliases`), over the rules.
    keep_copies (bool): read an article that copies another (:func:`kg.segment.drop_copies`) as an article of its
        own, not as the one it copies.
    ocr (bool): read page images and scanned PDFs by OCR (:mod:`kg.ocr`).
    """
    graph, articles, _ = _build(paths, ner=ner, nlp=nlp, report=report, progress=progress, processes=processes,
                                cache=None if cache is None or nlp is not None else Path(cache), period=period,
                                aliases=aliases, keep_copies=keep_copies, ocr=ocr)
    return graph, articles


def in_period(articles: Sequence[Article], since: str | None, until: str | None, report: Report) -> list[Article]:
    """The articles dated from ``since`` to ``until`` (ISO dates, either None for open); the report says how
    many were left out, dated outside the period or undated."""
    if not since and not until:
        return list(articles)
    kept = [a for a in articles if a.date and (not since or a.date >= since) and (not until or a.date <= until)]
    undated = sum(1 for a in articles if not a.date)
    report.period = (since or "", until or "", len(articles) - len(kept) - undated, undated)
    return kept


def _build(paths, *, ner, nlp, report, progress, processes=1, cache: Path | None = None,
           period: tuple[str | None, str | None] = (None, None), aliases: dict[str, str] | None = None,
           keep_copies: bool = False, ocr: bool = False, ocr_progress: Callable[[int, int], None] | None = None
           ) -> tuple[nx.Graph, list[Article], dict[str, Entity]]:
    started = time.time()
    report = report if report is not None else Report()
    if ocr:  # what OCR reads is kept beside the mentions (in memory without a cache file)
        pages = OCRCache(cache if cache is not None else ":memory:", ocr_progress)
        try:
            if processes > 1:
                pages.read_ahead(ocr_candidates(paths), processes)
            elif ocr_progress is not None:  # how many files OCR will read, for the progress display
                pages.pending(ocr_candidates(paths))
            articles = _articles(list(paths), report, keep_copies, pages.text)
        finally:
            pages.close()
        report.ocr_cached = pages.taken if cache is not None else None
    else:
        articles = _articles(list(paths), report, keep_copies)
    articles = in_period(articles, *period, report)
    store = MentionCache(cache, recogniser_fingerprint(ner)) if cache is not None else None
    try:
        kept = store.lookup([a.text for a in articles]) if store else [None] * len(articles)
        for article, spans in zip(articles, kept):
            if spans is not None:
                _attach(article, spans)
        todo = [a for a, spans in zip(articles, kept) if spans is None]
        if todo and processes > 1:
            recognise_in_processes(ner, todo, processes, progress=progress)
        elif todo:
            recognise_articles(nlp or load_pipeline(ner), todo, progress=progress)
        if store:
            store.store([a.text for a in todo], [[(m.start, m.end, m.label) for m in a.mentions] for a in todo])
            report.cache, report.cached = str(cache), len(articles) - len(todo)
    finally:
        if store:
            store.close()
    mentions = [m for a in articles for m in a.mentions]
    entities = resolve(mentions)
    if aliases:
        entities = apply_aliases(mentions, entities, aliases)
        surfaces = Counter(clean_name(m.text, m.label) for m in mentions)
        report.aliased = Counter({a: surfaces[a] for a in aliases if surfaces[a]})
        report.unused_aliases = [a for a in aliases if not surfaces[a]]
    graph = add_measures(build_graph(articles, mentions, entities))
    report.articles = len(articles)
    report.dates = [a.date for a in articles if a.date]
    report.mentions = Counter(m.label for m in mentions)
    report.unnamed = sum(1 for m in mentions if not m.entity)
    report.nodes, report.edges = graph.number_of_nodes(), graph.number_of_edges()
    report.crowded = crowded_articles(articles)
    report.seconds = time.time() - started
    return graph, articles, entities


def run(paths: Sequence[str | Path], out: Path, *, ner: str | None = None, max_nodes: int = 1500,
        progress: Callable[[int, int], None] | None = None, filters: dict | None = None, processes: int = 1,
        cache: bool = True, period: tuple[str | None, str | None] = (None, None),
        aliases: str | Path | None = None, focus: Sequence[str] = (), keep_copies: bool = False,
        ocr: bool = False, ocr_progress: Callable[[int, int], None] | None = None) -> Report:
    """``kg build``: build the graph (recognising in ``processes`` processes, taking what an earlier run into
    ``out`` recognised from its cache, :data:`CACHE_NAME`, unless ``cache`` is False) of the articles dated in
    ``period`` ((since, until), ISO dates or None; all articles when both are None), apply ``filters`` (keywords
    of :func:`kg.link.filter_graph`; none by default), give the mentions the entities that the user's table of
    ``aliases`` (a CSV file: :func:`kg.normalise.read_aliases`) names, and write every output into ``out``, the
    explorer drawing the entities ``focus`` names (:func:`kg.link.find_entities`) and their neighbours first;
    with ``ocr``, page images and scanned PDFs are read by OCR (:mod:`kg.ocr`), ``ocr_progress(done, total)`` told
    after each file OCR reads (``progress`` likewise of the articles recognised)."""
    from .export import write_outputs
    from .normalise import read_aliases

    table = read_aliases(aliases) if aliases is not None else None  # a bad table fails now, not after recognition
    if ocr:
        from .ocr import check_installed

        check_installed()

    try:  # before the work, so that a path that cannot hold the outputs fails now, not after recognition
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InputError(f"{out}: cannot write the outputs there ({error.strerror or error})") from None
    started = time.time()
    report = Report(aliases=str(aliases) if aliases is not None else "")
    graph, articles, entities = _build(paths, ner=ner, nlp=None, report=report, progress=progress,
                                       processes=processes, cache=out / CACHE_NAME if cache else None, period=period,
                                       aliases=table, keep_copies=keep_copies, ocr=ocr, ocr_progress=ocr_progress)
    if filters:
        graph, report.filtered = filter_graph(graph, **filters)
        entities = {k: e for k, e in entities.items() if k in graph}
        report.nodes, report.edges = graph.number_of_nodes(), graph.number_of_edges()
    report.largest = dominant_article(graph, articles) or ()
    persons = [d.get("roles", "") for _, d in graph.nodes(data=True) if d["type"] == "PER"]
    report.roles = (len(persons), sum(1 for r in persons if r),
                    sum(1 for *_, d in graph.edges(data=True) if "role" in d))
    report.focus = {name: find_entities(graph, name) for name in focus}
    mentions = [m for a in articles for m in a.mentions]
    report.outputs = write_outputs(out, graph, articles, mentions, entities, max_nodes=max_nodes,
                                   focus=[n for ids in report.focus.values() for n in ids])
    report.shown_nodes = min(max_nodes, report.nodes)
    report.seconds = time.time() - started
    return report
