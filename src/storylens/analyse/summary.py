"""An extractive multi-document summary of the story, every sentence citing the spans it comes from.

:func:`summarize` picks sentences from the dossier's articles:

1. **Units**: each article's sentences (the dossier's ranges, else the parsed doc's, else a regex split),
   cut again at line breaks (a headline glued to the first paragraph is two units) and trimmed of
   whitespace and of an opening dateline ("WASHINGTON (AP) — ", "THE HAGUE, Nov 7 (Reuters) - ";
   :mod:`storylens.parse.dateline`), so a unit's text is exactly
   ``article.text[start:end]``; a unit that is only a dateline is dropped.
2. **Score**: a logistic model over story-relative features (:data:`FEATURES`): centrality (cosine of the
   unit's content lemmas to the story centroid, where a lemma weighs as many sources as use it),
   cross-source support (best cosine to a sentence of each other article), coverage of the story's main
   entities, position in its article, length, form (quotes, a leading pronoun, first person, a question)
   and its article's centrality.  The weights (``data/summary_weights.toml``) were fitted offline by
   ``eval/train_summary.py`` on NeuS train stories, the label being whether a greedy ROUGE-L oracle
   keeps the unit; ``weights`` overrides some of them.
3. **Pick**: greedy maximal marginal relevance (``lambda_ * score - (1 - lambda_) * max cosine to the
   picked``, ``lambda_`` 1 by default: the score alone); a unit that is a near-duplicate of a picked one
   (:func:`near_duplicate`) is never picked: when it comes from another source it is cited by the picked
   sentence instead, so a statement carried by three outlets is said once with three citations.
4. **Conflicts**: each claim group across two sources or more whose relation is ``conflict``,
   ``different-time`` or ``different-scope`` (and holds no vague amount) becomes one statement in plain
   words (one of each wording: two pairs that read alike are said once), built from the group's ``reason``
   with article ids replaced by outlet
   names ("article <id>" when the outlet is unknown), citing the sentence holding each claim (at most
   ``max_conflicts``, and at most half of ``max_sentences``; they count toward it).
5. **Check**: every citation is verified (:func:`check_citations`): the text is at those offsets, and it
   supports the sentence (an extracted sentence *is* its first citation's text, further citations are
   near-duplicates of it; a conflict statement contains the text of a claim lying inside each cited
   span).  A failing citation is dropped; a sentence left without citations (a conflict statement left
   with fewer than two) is dropped.

Output order is article by article, each article's sentences in their order in it: first the article of
the best-scored pick, then the next (a roundup follows one report's thread, then adds what others say);
a conflict statement follows the sentence that holds its first claim.
"""

from __future__ import annotations

import contextlib
import logging
import math
import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from spacy.tokens import Doc

from ..models import ArticleInfo, Claim, ClaimGroup, Dossier, Span, SummarySentence
from ..parse.dateline import dateline_at, only_dateline
from ..parse.pipeline import doc_text

logger = logging.getLogger(__name__)

#: Dice coefficient of content words at or above which two sentences say the same thing.
DUPLICATE_DICE = 0.5
#: How the summary opens the statement of a claim group whose figures do not line up, by its relation.
STATEMENT_PREFIX = {
    "conflict": "The sources disagree on a figure: ",
    "different-time": "The sources give figures of different times: ",
    "different-scope": "The sources give figures that look alike but differ in scope: ",
}

_WORD = re.compile(r"\w+", re.UNICODE)
_SENT_SPLIT = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])")


def _stop_words() -> frozenset[str]:
    try:
        from spacy.lang.en.stop_words import STOP_WORDS
    except Exception:  # spaCy is a dependency; this only guards an odd install
        return frozenset()
    return frozenset(STOP_WORDS)


_STOP = _stop_words()


@lru_cache(maxsize=8192)
def _content_word_set(text: str) -> frozenset[str]:
    return frozenset(w for w in (m.group().casefold() for m in _WORD.finditer(text)) if w not in _STOP)


def content_words(text: str) -> set[str]:
    """Lower-cased word tokens of ``text`` without stop words (the unit of :func:`near_duplicate`)."""
    return set(_content_word_set(text or ""))


def dice(a: str, b: str) -> float:
    """Dice coefficient of the content words of two texts (0 when either has none)."""
    # each sentence is compared with many others: its words are read once (cached), not per comparison
    wa, wb = _content_word_set(a or ""), _content_word_set(b or "")
    if not wa or not wb:
        return 0.0
    return 2 * len(wa & wb) / (len(wa) + len(wb))


def near_duplicate(a: str, b: str, threshold: float = DUPLICATE_DICE) -> bool:
    """Whether two sentences say the same thing (Dice of content words at least ``threshold``)."""
    return dice(a, b) >= threshold


@dataclass
class _Unit:
    article_index: int
    article_id: str
    position: int
    start: int
    end: int
    text: str
    terms: list[str] = field(default_factory=list)
    n_words: int = 0


# ---------------------------------------------------------------------------------------------- units


def _text_of(doc) -> str | None:
    """A doc's text: a spaCy doc's built once (:func:`doc_text`), else its ``text`` attribute if any."""
    if isinstance(doc, Doc):
        return doc_text(doc)
    return getattr(doc, "text", None)


def _sentence_ranges(info: ArticleInfo, doc) -> list[tuple[int, int]]:
    n = len(info.text)
    ranges = [(s, e) for s, e in (info.sentences or []) if 0 <= s < e <= n]
    if not ranges and doc is not None and _text_of(doc) == info.text:
        try:
            ranges = [(s.start_char, s.end_char) for s in doc.sents]
        except Exception:  # a doc without sentence boundaries
            ranges = []
    if not ranges and info.text.strip():
        ranges, start = [], 0
        for match in _SENT_SPLIT.finditer(info.text):
            ranges.append((start, match.start()))
            start = match.end()
        ranges.append((start, n))
    return ranges


def _pieces(text: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """``[start, end)`` cut at line breaks and trimmed of whitespace."""
    pos = start
    for line in re.split(r"(\n)", text[start:end]):
        s, e = pos, pos + len(line)
        pos = e
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            yield s, e


def _terms(doc, start: int, end: int, text: str) -> list[str]:
    if doc is not None:
        try:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                return [
                    (t.lemma_ or t.text).casefold()
                    for t in span
                    if not (t.is_stop or t.is_punct or t.is_space) and _WORD.search(t.text)
                ]
        except Exception:  # fall back to plain words
            pass
    return [w for w in (m.group().casefold() for m in _WORD.finditer(text)) if w not in _STOP]


def _units(dossier: Dossier, docs: Mapping[str, object]) -> list[_Unit]:
    units: list[_Unit] = []
    for index, info in enumerate(dossier.articles):
        doc = docs.get(info.id) if isinstance(docs, Mapping) else None
        if doc is not None and _text_of(doc) != info.text:
            logger.warning("the doc given for article %s is not its text: ignored", info.id)
            doc = None
        position = 0
        for s, e in _sentence_ranges(info, doc):
            for ps, pe in _pieces(info.text, s, e):
                # an opening dateline ("THE HAGUE, Nov 7 (Reuters) - ") is left out of the unit, which stays an
                # exact span of the text, starting after it; a unit that is only a dateline is no unit
                if only_dateline(info.text, ps, pe):
                    continue
                dateline = dateline_at(info.text, ps, pe)
                if dateline and len(_WORD.findall(info.text, dateline.end, pe)) >= 4:
                    ps = dateline.end
                text = info.text[ps:pe]
                n_words = len(_WORD.findall(text))
                if n_words == 0:
                    continue
                units.append(_Unit(index, info.id, position, ps, pe, text, _terms(doc, ps, pe, text), n_words))
                position += 1
    return units


# ---------------------------------------------------------------------------------------------- scoring


def _matrix(units: list[_Unit], n_articles: int) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors (rows, L2-normalised, binary terms weighted by log idf over units) and the centroid."""
    vocab: dict[str, int] = {}
    for unit in units:
        for term in unit.terms:
            vocab.setdefault(term, len(vocab))
    x = np.zeros((len(units), max(1, len(vocab))))
    sources = np.zeros(max(1, len(vocab)))
    seen: dict[int, set[int]] = {}
    for row, unit in enumerate(units):
        for term in set(unit.terms):
            col = vocab[term]
            x[row, col] = 1.0
            seen.setdefault(col, set()).add(unit.article_index)
    for col, arts in seen.items():
        sources[col] = len(arts)
    df = x.sum(axis=0)
    idf = np.log((1 + len(units)) / (1 + df)) + 1.0
    x = x * idf
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    x = np.divide(x, norms, out=np.zeros_like(x), where=norms > 0)
    # the story's centroid: a lemma weighs as many sources as use it (shared words are the story)
    centroid = (sources ** 2) * idf if n_articles > 1 else df * idf
    norm = np.linalg.norm(centroid)
    return x, (centroid / norm if norm > 0 else centroid)


def _scaled(values: np.ndarray) -> np.ndarray:
    top = values.max() if values.size else 0.0
    return values / top if top > 0 else np.zeros_like(values)


def _main_entities(dossier: Dossier, docs: Mapping[str, object]) -> list[list[tuple[str, int, int]]]:
    """The story's main entities, each as its mentions (article id, start, end)."""
    entities = [e for e in dossier.entities if e.mentions]
    if entities:
        shared = [e for e in entities if len({m.article_id for m in e.mentions}) >= 2]
        chosen = shared or sorted(entities, key=lambda e: -len(e.mentions))[:5]
        return [[(m.article_id, m.start, m.end) for m in e.mentions] for e in chosen]
    by_name: dict[str, list[tuple[str, int, int]]] = {}
    for article_id, doc in docs.items() if isinstance(docs, Mapping) else ():
        for ent in getattr(doc, "ents", ()):
            if ent.label_ in {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW"}:
                by_name.setdefault(ent.text.casefold(), []).append((article_id, ent.start_char, ent.end_char))
    shared = [m for m in by_name.values() if len({a for a, _, _ in m}) >= 2]
    return shared or sorted(by_name.values(), key=len, reverse=True)[:5]


def _entity_coverage(units: list[_Unit], entities: list[list[tuple[str, int, int]]]) -> np.ndarray:
    cover = np.zeros(len(units))
    if not entities:
        return cover
    # each entity's mention starts per article, sorted: a unit holds a mention when one starts in it
    starts: list[dict[str, list[int]]] = []
    for mentions in entities:
        by_article: dict[str, list[int]] = {}
        for a, s, _ in mentions:
            by_article.setdefault(a, []).append(s)
        starts.append({a: sorted(found) for a, found in by_article.items()})
    for row, unit in enumerate(units):
        held = 0
        for by_article in starts:
            found = by_article.get(unit.article_id)
            if found:
                k = bisect_left(found, unit.start)
                held += k < len(found) and found[k] < unit.end
        cover[row] = held / len(entities)
    return cover


#: The unit features the sentence scorer weighs, in this order (see :func:`_features`).
FEATURES = (
    "central", "support", "support_max", "entities", "inv_position", "first", "second", "relative_position",
    "length", "short8", "short15", "quote", "pronoun_start", "first_person", "question", "digit", "said",
    "no_final_punct", "article_central", "single_unit_article", "article_units", "central_first", "support_first",
)
_PRONOUN_START = frozenset({"he", "she", "it", "they", "this", "that", "these", "those", "his", "her", "their", "its"})
_FIRST_PERSON = frozenset({"i", "we", "my", "our", "me", "us"})
_QUOTES = ('"', "\u201c", "\u201d")
_FINAL = (".", "!", "?", '"', "\u201d", "'")


@lru_cache(maxsize=1)
def sentence_model() -> tuple[dict[str, float], float]:
    """The learned sentence scorer: a weight per feature and an intercept (``data/summary_weights.toml``)."""
    from ..resources import _load

    table = _load("summary_weights.toml")
    weights = {name: float(table["weights"].get(name, 0.0)) for name in FEATURES}
    return weights, float(table.get("intercept", 0.0))


def _features(units: list[_Unit], x: np.ndarray, centroid: np.ndarray, coverage: np.ndarray,
              n_articles: int, sims: np.ndarray | None = None) -> np.ndarray:
    """One row per unit, the columns of :data:`FEATURES` (story-relative scores, position, form).

    ``sims`` is ``x @ x.T`` when the caller has it already (the product is the costly part)."""
    if sims is None:
        sims = x @ x.T
    central = _scaled(np.clip(x @ centroid, 0, None))
    article = np.array([u.article_index for u in units])
    support = np.zeros(len(units))
    support_max = np.zeros(len(units))
    if n_articles > 1:
        others = set(article.tolist())
        # the best cosine of each unit to each article's units: one column per article
        best_in = {other: sims[:, article == other].max(axis=1).tolist() for other in others}
        for row, own in enumerate(article.tolist()):
            best = [best_in[other][row] for other in others if other != own]
            support[row] = sum(best) / (n_articles - 1) if best else 0.0
            support_max[row] = max(best) if best else 0.0
    support = _scaled(support)
    coverage = _scaled(coverage)
    per_article: dict[int, int] = {}
    for unit in units:
        per_article[unit.article_index] = per_article.get(unit.article_index, 0) + 1
    article_central = {a: float(central[article == a].mean()) for a in per_article}
    rows = []
    for i, unit in enumerate(units):
        words = [m.group().casefold() for m in _WORD.finditer(unit.text)]
        n, count = len(words), per_article[unit.article_index]
        rows.append([
            central[i], support[i], support_max[i], coverage[i],
            1.0 / (1 + unit.position), float(unit.position == 0), float(unit.position == 1),
            unit.position / (count - 1) if count > 1 else 0.0,
            min(n, 60) / 60, float(n < 8), float(n < 15),
            float(any(q in unit.text for q in _QUOTES)), float(bool(words) and words[0] in _PRONOUN_START),
            float(any(w in _FIRST_PERSON for w in words)), float("?" in unit.text),
            float(bool(re.search(r"\d", unit.text))), float(" said" in unit.text or " says" in unit.text),
            float(not unit.text.rstrip().endswith(_FINAL)),
            article_central[unit.article_index], float(count == 1), min(count, 10) / 10,
            central[i] * (unit.position == 0), support[i] * (unit.position == 0),
        ])
    return np.array(rows, dtype=float).reshape(len(units), len(FEATURES))


def _scores(features: np.ndarray, weights: Mapping[str, float], intercept: float) -> np.ndarray:
    """Each unit's probability of belonging in the summary under the learned logistic model."""
    w = np.array([weights.get(name, 0.0) for name in FEATURES])
    return 1.0 / (1.0 + np.exp(-(features @ w + intercept)))


# ---------------------------------------------------------------------------------------------- checks


def _span_of(dossier: Dossier, article_id: str, start: int, end: int) -> Span:
    return Span(article_id=article_id, start=start, end=end, text=dossier.article(article_id).text[start:end])


def _claims_within(dossier: Dossier, citation: Span) -> list[Claim]:
    return [
        c for c in dossier.claims
        if c.span.article_id == citation.article_id and citation.start <= c.span.start and c.span.end <= citation.end
    ]


def _citation_problem(sentence: SummarySentence, index: int, dossier: Dossier, texts: Mapping[str, str]) -> str | None:
    citation = sentence.citations[index]
    where = f"citation {index} ({citation.article_id} {citation.start}:{citation.end})"
    text = texts.get(citation.article_id)
    if text is None:
        return f"{where}: no such article"
    if not (0 <= citation.start < citation.end <= len(text)):
        return f"{where}: offsets outside the article's text"
    if text[citation.start:citation.end] != citation.text:
        return f"{where}: the cited text is not the article's text at those offsets"
    if citation.text == sentence.text:
        return None
    if index > 0 and sentence.citations[0].text == sentence.text and near_duplicate(sentence.text, citation.text):
        return None
    claims = _claims_within(dossier, citation)
    if claims and any(c.span.text and c.span.text in sentence.text for c in claims):
        if not any(sentence.text in t for t in texts.values()):
            return None
    return f"{where}: the cited text does not support the sentence"


def check_citations(summary: list[SummarySentence], dossier: Dossier) -> list[str]:
    """The problems of ``summary``'s citations (empty when every one checks).

    A citation checks when its article exists, its text is the article's text at its offsets, and it
    supports its sentence: the sentence is the cited text, or (after a first citation that is the
    sentence) a near-duplicate of it in another source, or (a statement written by storylens, not
    found in any article) a claim lying inside the cited span has its text in the sentence.
    """
    problems: list[str] = []
    try:
        texts = {a.id: a.text for a in dossier.articles}
        for n, sentence in enumerate(summary):
            if not sentence.citations:
                problems.append(f"sentence {n}: no citation")
            for i in range(len(sentence.citations)):
                problem = _citation_problem(sentence, i, dossier, texts)
                if problem:
                    problems.append(f"sentence {n}: {problem}")
    except Exception as exc:  # a malformed summary is a problem to report, not a crash
        problems.append(f"the check failed: {type(exc).__name__}: {exc}")
    return problems


def _checked(sentence: SummarySentence, dossier: Dossier, texts: Mapping[str, str], minimum: int) -> SummarySentence | None:
    kept = []
    for i in range(len(sentence.citations)):
        problem = _citation_problem(sentence, i, dossier, texts)
        if problem:
            logger.warning("summary citation dropped: %s", problem)
        else:
            kept.append(sentence.citations[i])
    if len(kept) < minimum:
        return None
    return SummarySentence(text=sentence.text, citations=kept)


# ---------------------------------------------------------------------------------------------- statements


def _outlet_names(dossier: Dossier) -> dict[str, str]:
    names: dict[str, str] = {}
    for info in dossier.articles:
        name = (info.outlet or "").strip()
        names[info.id] = f"{name}, article {info.id}" if not name or name in names.values() else name
        if not name:
            names[info.id] = f"article {info.id}"
    return names


def _statement(group: ClaimGroup, dossier: Dossier, units: list[_Unit]) -> tuple[SummarySentence, list[int]] | None:
    claims = {c.id: c for c in dossier.claims}
    members = [claims[i] for i in group.claim_ids if i in claims]
    if len(members) < 2 or not group.reason.strip():
        return None
    names = _outlet_names(dossier)
    reason = group.reason.strip()
    for article_id in {c.article_id for c in members}:
        reason = reason.replace(f"({article_id})", f"({names.get(article_id, article_id)})")
    text = STATEMENT_PREFIX.get(group.relation, "") + reason
    citations, holders = [], []
    for claim in members:
        index = next(
            (i for i, u in enumerate(units) if u.article_id == claim.article_id and u.start <= claim.span.start
             and claim.span.end <= u.end),
            None,
        )
        if index is None:
            return None
        unit = units[index]
        span = _span_of(dossier, unit.article_id, unit.start, unit.end)
        if span not in citations:
            citations.append(span)
            holders.append(index)
    return SummarySentence(text=text, citations=citations), holders


# ---------------------------------------------------------------------------------------------- summary


def summarize(
    dossier: Dossier,
    docs: Mapping[str, object] | None = None,
    *,
    max_sentences: int = 8,
    max_conflicts: int = 3,
    max_words: int | None = None,
    lambda_: float = 1.0,
    weights: Mapping[str, float] | None = None,
) -> list[SummarySentence]:
    """An extractive summary of ``dossier``'s articles, at most ``max_sentences`` sentences, all cited.

    ``docs`` maps article ids to their parsed spaCy ``Doc`` (lemmas, stop words, entities); an article
    without one is read with plain words.  ``max_words``, when given, also stops the picking once the
    summary has that many words (the sentence that reaches it is kept whole).  Never raises: odd input
    gives a shorter (or empty) summary.
    """
    try:
        with _one_blas_thread():
            return _summarize(dossier, docs or {}, max_sentences, max_conflicts, max_words, lambda_, weights)
    except Exception:
        logger.exception("the summary failed; no summary is given")
        return []


@lru_cache(maxsize=1)
def _blas_controller():
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:  # optional: without it the products run as numpy's BLAS is set up
        return None
    return ThreadpoolController()


def _one_blas_thread():
    """A context in which numpy's BLAS runs on one thread (through ``threadpoolctl`` when installed).

    The summary's products are small (a few hundred units by a few thousand lemmas): waking BLAS threads
    costs more than it saves, measured at 5-7 times the CPU seconds of one thread on a 2-core machine with
    other work running.  Each product's entries are computed the same way on one thread or several (BLAS
    splits the output, not the sums), so the figures are the same.
    """
    controller = _blas_controller()
    if controller is None:
        return contextlib.nullcontext()
    return controller.limit(limits=1, user_api="blas")


def _summarize(dossier: Dossier, docs: Mapping[str, object], max_sentences: int, max_conflicts: int,
               max_words: int | None, lambda_: float, weights: Mapping[str, float] | None) -> list[SummarySentence]:
    if max_sentences < 1 or not dossier.articles:
        return []
    units = _units(dossier, docs)
    if not units:
        return []
    texts = {a.id: a.text for a in dossier.articles}
    n_articles = len({u.article_index for u in units})

    claim_article = {c.id: c.article_id for c in dossier.claims}
    vague = {c.id for c in dossier.claims if c.approx == "vague"}
    statements: list[tuple[SummarySentence, list[int]]] = []
    budget = min(max(0, max_conflicts), max_sentences // 2)
    for group in dossier.claim_groups:
        if len(statements) >= budget:
            break
        if (group.relation not in STATEMENT_PREFIX or len({claim_article[i] for i in group.claim_ids}) < 2
                or any(i in vague for i in group.claim_ids)):
            continue  # one source's own figures, or a vague "thousands", are not the sources disagreeing
        made = _statement(group, dossier, units)
        if made is None or any(near_duplicate(made[0].text, said.text) for said, _ in statements):
            continue  # two pairs of one kind of disagreement read alike: the first one says it
        checked = _checked(made[0], dossier, texts, minimum=2)
        if checked is not None:
            statements.append((checked, made[1]))

    x, centroid = _matrix(units, n_articles)
    coverage = _entity_coverage(units, _main_entities(dossier, docs))
    model_weights, intercept = sentence_model()
    if weights is not None:
        model_weights, intercept = {**model_weights, **weights}, float(weights.get("intercept", intercept))
    sims = x @ x.T  # one product for the features and the picking
    score = _scores(_features(units, x, centroid, coverage, n_articles, sims), model_weights, intercept)

    picked: list[tuple[SummarySentence, int]] = []
    chosen: list[int] = []
    used: set[int] = set()
    want = max_sentences - len(statements)
    words = sum(len(s.text.split()) for s, _ in statements)
    redundancy = np.zeros(len(units))  # each unit's greatest cosine to a chosen unit (0 before the first)
    open_ = np.ones(len(units), dtype=bool)  # not yet used
    while len(picked) < want and (max_words is None or words < max_words):
        if not open_.any():
            break
        values = lambda_ * score - (1 - lambda_) * redundancy
        best = int(np.flatnonzero(open_)[np.argmax(values[open_])])  # the first of the best, as a scan would
        used.add(best)
        open_[best] = False
        unit = units[best]
        if any(near_duplicate(unit.text, units[j].text) for j in chosen):
            continue
        redundancy = sims[:, best].copy() if not chosen else np.maximum(redundancy, sims[:, best])
        chosen.append(best)
        citations = [_span_of(dossier, unit.article_id, unit.start, unit.end)]
        cited_articles = {unit.article_id}
        for j, other in enumerate(units):
            if j in used or not near_duplicate(unit.text, other.text):
                continue
            used.add(j)  # said once: a near-duplicate is cited, never picked again
            open_[j] = False
            if other.article_id in cited_articles:
                continue
            cited_articles.add(other.article_id)
            citations.append(_span_of(dossier, other.article_id, other.start, other.end))
        checked = _checked(SummarySentence(text=unit.text, citations=citations), dossier, texts, minimum=1)
        if checked is not None and checked.citations[0].text == unit.text:
            picked.append((checked, best))
            words += len(unit.text.split())

    # article by article (the article of the best-scored pick first), each in its own order: a roundup
    # follows one report's thread before the next; a conflict statement follows its first claim's sentence
    best_score: dict[int, float] = {}
    for _, i in picked:
        a = units[i].article_index
        best_score[a] = max(best_score.get(a, -math.inf), float(score[i]))
    rank = {a: r for r, a in enumerate(sorted(best_score, key=lambda a: (-best_score[a], a)))}

    def key(i: int, kind: int) -> tuple:
        unit = units[i]
        return rank.get(unit.article_index, len(rank) + unit.article_index), unit.position, kind

    keyed = [(s, key(i, 0)) for s, i in picked] + [(s, min(key(i, 1) for i in holders)) for s, holders in statements]
    ordered = [s for s, _ in sorted(keyed, key=lambda item: item[1])][:max_sentences]
    return [s for s in ordered if not check_citations([s], dossier)]
