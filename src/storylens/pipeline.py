"""The one flow every face of storylens calls: ingest, parse once, extract, align, report.

``analyze(inputs) -> Dossier`` is the public entry point; the command line and (later)
the HTTP service are thin layers over it.  A ``Pipeline`` keeps the loaded spaCy model
and the store open between calls.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from . import __version__
from .align.claims import assign_periods, attribute_claims, group_claims
from .align.entities import merge_entities
from .align.speakers import link_speakers
from .align.statements import group_statements
from .align.timeline import build_timeline
from .analyse.coverage import coverage, independent_sources, shared_passages
from .analyse.labels import labels, loaded_terms
from .analyse.summary import summarize
from .analyse.tone import tone
from .analyse.voices import voices
from .errors import NothingToAnalyse
from .extract.mentions import extract_mentions
from .extract.quantities import extract_quantities
from .extract.quotes import extract_quotes
from .extract.timex import extract_time_expressions
from .ingest import Fetcher, load_inputs
from .models import SCHEMA_VERSION, Article, ArticleInfo, Dossier, RunInfo, Skipped, content_hash
from .parse.pipeline import (
    freeze_loaded_objects,
    load_pipeline,
    model_id,
    parse_articles,
    sentence_char_ranges,
    verb_only_words,
    word_classes,
)
from .settings import Settings
from .store import Store

logger = logging.getLogger(__name__)


def story_key(articles: Sequence[Article], model: str, model_version: str, settings: Settings | None = None) -> str:
    """Identifies one analysis: the same texts and metadata, model, storylens code and the settings that shape the
    dossier (the summary's length and embeddings), so a stored analysis is reused only when it would come out the same.
    A text counts character for character, not by its content hash (blind to case and whitespace, for finding
    copies): the spans of a dossier index into the text it analysed, and a stored one of a text written in other
    case or spacing pointed into that other text."""
    h = hashlib.sha256()
    for article in sorted(articles, key=lambda a: a.id):
        meta = ArticleInfo.of(article).model_dump_json(exclude={"text"})
        h.update(article.text.encode("utf-8", "surrogatepass") + b"\0" + meta.encode() + b"\0")
    settings = settings or Settings()
    h.update(f"{model}\0{model_version}\0{__version__}\0{SCHEMA_VERSION}\0{code_fingerprint()}\0"
             f"{settings.summary_sentences}".encode())
    if settings.summary_embeddings:  # the opt-in re-ranking (when off, the key is what it was)
        h.update(f"\0summary_embeddings={settings.summary_embeddings}".encode())
    return h.hexdigest()[:32]


_CODE_SUFFIXES = frozenset({".py", ".toml", ".json", ".txt"})


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of this installation's storylens code and data files: an upgrade, or a change in a working copy
    within one version number, makes the stored analyses stale rather than silently reused."""
    package = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.suffix in _CODE_SUFFIXES and p.is_file()):
        h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


class Pipeline:
    """A loaded pipeline: settings, the spaCy model (loaded on first use) and the store.

    The store is the settings' (``db_url``, else ``db_path``), opened on first use and closed by
    :meth:`close`; a ``store`` given here is used instead and left open (its owner closes it).
    """

    def __init__(self, settings: Settings | None = None, *, fetcher: Fetcher | None = None,
                 store: Store | None = None) -> None:
        self.settings = settings or Settings.load()
        self.fetcher = fetcher
        self._store: Store | None = store
        self._owns_store = store is None
        self._warned_language = False
        self._model_id: tuple[object, tuple[str, str]] | None = None  # (the loaded pipeline, its name and version)

    @property
    def nlp(self):
        nlp = load_pipeline(self.settings.model)
        if self.settings.freeze_loaded_objects:
            freeze_loaded_objects()
        other = sorted(set(self.settings.languages) - {nlp.lang})
        if other and not self._warned_language:
            self._warned_language = True
            logger.warning("articles in %s will be read by the %s pipeline %s: its names, statements and dates "
                           "will be poor; set model to a pipeline for that language", ", ".join(other), nlp.lang,
                           model_id(nlp)[0])
        return nlp

    def _model_id_of(self, nlp) -> tuple[str, str]:
        """:func:`~storylens.parse.pipeline.model_id` of ``nlp``, read once per loaded pipeline (spaCy builds its
        ``meta`` again on each read, every component's labels included)."""
        if self._model_id is None or self._model_id[0] is not nlp:
            self._model_id = (nlp, model_id(nlp))
        return self._model_id[1]

    @property
    def store(self) -> Store | None:
        if self._store is None and self.settings.use_store:
            self._store = Store.open(self.settings)
        return self._store

    def close(self) -> None:
        if self._store is not None and self._owns_store:
            self._store.close()
            self._store = None

    def __enter__(self) -> Pipeline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ingest(self, inputs: Iterable[str | Path | Article]):
        return load_inputs(inputs, self.settings, fetcher=self.fetcher)

    def analyze(self, inputs: Iterable[str | Path | Article]) -> Dossier:
        """Analyse ``inputs`` as one story.  Raises :class:`NothingToAnalyse` if every input was bad."""
        result = self.ingest(inputs)
        if not result.articles:
            raise NothingToAnalyse(_nothing(result.skipped))
        return self.analyze_articles(result.articles, skipped=result.skipped, admitted=True)

    def analyze_articles(self, articles: Sequence[Article], *, skipped: Sequence[Skipped] = (),
                         admitted: bool = False) -> Dossier:
        """Analyse :class:`Article` objects as one story, admitted by ingest's rules first, as :meth:`analyze`
        admits them: a text too short, too long or not in ``languages`` is skipped, a text given twice is
        analysed once (the kept copy takes the metadata it lacks from the other, which is listed in ``skipped``
        as a duplicate) and an id already taken becomes ``ID-2``, with a warning.  The objects given are not
        changed (copies are admitted).

        ``admitted=True`` says the articles come from :func:`~storylens.ingest.load_inputs` (or :meth:`ingest`)
        already, with their ``skipped``: they are analysed as they are."""
        if isinstance(articles, Article):  # one article given alone
            articles = [articles]
        if not admitted:
            copies = [article.model_copy(deep=True) for article in articles]
            for copy in copies:
                copy._ingest_notes.clear()  # what ingest said of an article it read is in the caller's skipped
                copy._note_source = None
                copy.content_hash = content_hash(copy.text)  # of the text as it is now (it may have been changed)
            result = load_inputs(copies, self.settings, fetcher=self.fetcher)
            skipped = [*skipped, *result.skipped]
            articles = result.articles
            if not articles:
                raise NothingToAnalyse(_nothing(skipped))
        nlp = self.nlp
        name, version = self._model_id_of(nlp)
        key = story_key(articles, name, version, self.settings)
        store = self.store
        if store is not None:
            cached = store.load_dossier(key)
            if cached is not None:
                logger.info("reusing the stored analysis of story %s", key)
                # this run's inputs skipped, and what the stored analysis itself could not do (an extractor that
                # failed on an article), which the reused analysis lacks as the first did: said again, not dropped
                cached.skipped = [*skipped, *(s for s in cached.skipped if s.stage in ("parse", "extract"))]
                return cached
        articles = sorted(articles, key=lambda a: (a.published.anchor() if a.published else datetime.max.date(), a.id))
        docs = parse_articles(nlp, articles, batch_size=self.settings.batch_size, progress=self.settings.progress)
        problems: list[Skipped] = []
        pairs = list(zip(articles, docs, strict=True))
        words = word_classes(nlp)
        mentions = [_safely(extract_mentions, article, doc, problems, words=words) for article, doc in pairs]
        entities = merge_entities(articles, mentions, words=words)
        quotes = [q for article, doc in pairs for q in _safely(extract_quotes, article, doc, problems)]
        docs_by_id = {a.id: d for a, d in pairs}
        link_speakers(quotes, entities, {a.id: a.text for a in articles}, docs_by_id)
        statement_groups = group_statements(quotes, docs_by_id)
        claims = [c for article, doc in pairs for c in _safely(extract_quantities, article, doc, problems)]
        times = [t for article, doc in pairs for t in _safely(extract_time_expressions, article, doc, problems)]
        attribute_claims(claims, quotes)
        assign_periods(claims, times, articles, docs_by_id)
        claim_groups = group_claims(claims, articles, docs_by_id)
        timeline = build_timeline(times, docs_by_id)
        dossier = Dossier(
            articles=[
                ArticleInfo.of(a, sentence_char_ranges(doc))
                for a, doc in zip(articles, docs, strict=True)
            ],
            entities=entities,
            quotes=quotes,
            statement_groups=statement_groups,
            claims=claims,
            claim_groups=claim_groups,
            time_expressions=times,
            timeline=timeline,
            skipped=[*skipped, *problems],
            run=RunInfo(
                storylens_version=__version__,
                model=name,
                model_version=version,
                created=datetime.now(UTC).isoformat(timespec="seconds"),
            ),
        )
        _analyse_views(dossier, docs_by_id, verb_only_words(self.nlp))
        dossier.summary = summarize(dossier, docs_by_id, max_sentences=self.settings.summary_sentences,
                                    embeddings=self.settings.summary_embeddings)
        if store is not None:
            store.save_story(key, articles, dossier)
        return dossier


def _nothing(skipped: Sequence[Skipped]) -> str:
    reasons = "; ".join(f"{s.source}: {s.reason}" for s in skipped) or "no input given"
    return f"nothing could be analysed ({reasons})"


def _analyse_views(dossier: Dossier, docs_by_id: dict, verbs: frozenset[str] = frozenset()) -> None:
    """The views derived from the aligned story: voices, labels, loaded terms, tone, coverage, independence."""
    dossier.voices = voices(dossier.quotes, dossier.entities, [a.outlet for a in dossier.articles if a.outlet])
    dossier.labels = labels(dossier.entities, docs_by_id, verb_only=verbs)
    dossier.loaded_terms = loaded_terms(dossier.articles, dossier.quotes)
    dossier.tone = tone(dossier.entities, dossier.quotes, docs_by_id)
    dossier.coverage = coverage(dossier)
    dossier.shared_passages = shared_passages(dossier.articles)
    dossier.independent_sources = independent_sources(dossier.articles, dossier.shared_passages)


def _safely(extractor, article: Article, doc, problems: list[Skipped], **options) -> list:
    """Run one extractor on one article; a failure is reported, and the rest of the analysis goes on."""
    try:
        return extractor(article, doc, **options)
    except Exception as exc:  # one article's odd text must not sink the story
        logger.exception("%s failed on article %s", extractor.__name__, article.id)
        problems.append(Skipped(source=article.source or article.id, stage="extract",
                                reason=f"{extractor.__name__} failed: {type(exc).__name__}: {exc}"))
        return []


def analyze(
    inputs: Iterable[str | Path | Article] | str | Path,
    settings: Settings | None = None,
    **overrides,
) -> Dossier:
    """Analyse files, folders, URLs, feeds or :class:`Article` objects as one story.

    ``overrides`` are settings (``model="en_core_web_md"``, ``use_store=False``...), applied over ``settings`` when
    both are given.
    """
    if isinstance(inputs, (str, Path, Article)):
        inputs = [inputs]
    if settings is None:
        settings = Settings.load(**overrides)
    elif overrides:  # over the given settings, not dropped: analyze(paths, mine, use_store=False) must not store
        settings = settings.with_overrides(**overrides)
    with Pipeline(settings) as pipeline:
        return pipeline.analyze(inputs)
