"""The look-ups that keep a long article's analysis from growing with the square of its length give what the
scans they replaced gave (random cases against the plain scans); speed itself is measured by
bench/long_article.py, not here."""

import random

from storylens.align.speakers import _antecedent, _entity_before, _entity_of_phrase, _Mentions, _SaidByPeople
from storylens.extract.quotes import _near, _Regions
from storylens.extract.ranges import TakenRanges
from storylens.models import Entity, Quote, Span, Speaker


def test_taken_ranges_overlap_as_a_scan_does():
    rng = random.Random(1)
    taken, scanned = TakenRanges(), []
    for _ in range(400):
        start = rng.randrange(0, 2000)
        end = start + rng.choice([0, 1, 3, 10, 40, 200])
        assert taken.overlaps(start, end) == any(s < end and start < e for s, e in scanned)
        if rng.random() < 0.3:
            taken.append((start, end))
            scanned.append((start, end))


def test_regions_near_a_stretch_hold_every_region_that_meets_it():
    rng = random.Random(2)
    regions, at = [], 0
    while at < 5000:
        at += rng.randrange(1, 300)
        end = at + rng.randrange(1, 400)
        regions.append((at, end))
        at = end
    kept = _Regions(regions)
    assert kept == regions and _near(regions, 0, 10) == regions  # a plain list: every region
    for _ in range(300):
        start = rng.randrange(0, 5200)
        end = start + rng.randrange(0, 500)
        near = kept.near(start, end)
        assert [r for r in regions if r in near] == near  # in order
        assert all(r in near for r in regions if r[1] >= start - 1 and r[0] <= end + 1)


def _entity(n: int, kind: str) -> Entity:
    return Entity(id=f"e{n}", name=f"E{n}", type=kind)


def test_mention_look_ups_find_what_a_scan_finds():
    rng = random.Random(3)
    text = "x" * 6000
    pairs = []
    for n in range(300):
        start = rng.randrange(100, 5900)  # a phrase placed at a mention starts in the text
        end = start + rng.randrange(1, 40)
        pairs.append((Span(article_id="a", start=start, end=end, text=text[start:end]),
                       _entity(n, rng.choice(["PERSON", "ORG", "GPE", "NORP"]))))
    pairs.sort(key=lambda item: (item[0].start, item[0].end))
    mentions = _Mentions(pairs)
    for _ in range(200):
        start = rng.randrange(0, 5900)
        span = Span(article_id="a", start=start, end=start + rng.randrange(1, 80), text="he")
        for pronoun in ("he", "they"):
            wanted = {"PERSON"} if pronoun == "he" else {"ORG", "NORP", "GPE"}
            before = [e for m, e in pairs if m.end <= span.start and e.type in wanted]
            assert _antecedent(span, pronoun, mentions) == (before[-1] if before else None)
        inside = [(m, e) for m, e in pairs if span.start <= m.start and m.end <= span.end]
        assert [p for p in mentions.starting_in(span.start, span.end)
                if span.start <= p[0].start and p[0].end <= span.end] == inside
        assert _entity_of_phrase(span, mentions) == _entity_of_phrase(span, _Mentions(inside))
        phrase = "x" * rng.randrange(1, 50)
        assert _entity_before(span, phrase, mentions) == _scanned_entity_before(span, phrase, pairs, mentions)



def test_earlier_speakers_look_ups_find_what_a_scan_of_the_statements_finds():
    # a pronoun speaker's look-up of what people said before it bisected, not a scan of every statement per pronoun
    rng = random.Random(5)
    entities = [_entity(n, rng.choice(["PERSON", "PERSON", "ORG"])) for n in range(12)]
    by_id = {e.id: e for e in entities}
    quotes = []
    for n in range(300):
        source = rng.randrange(0, 9000)
        parts = []
        at = source + rng.choice([-400, -120, 10, 30])
        for _ in range(rng.choice([1, 1, 2])):
            length = rng.choice([5, 40, 150, 600])
            parts.append(Span(article_id="a", start=max(at, 0), end=max(at, 0) + length, text="x"))
            at += length + rng.randrange(1, 30)
        content = Span(article_id="a", start=parts[0].start, end=parts[-1].end, text="x")
        speaker = Speaker(span=None if rng.random() < 0.05 else
                          Span(article_id="a", start=source, end=source + rng.randrange(1, 20), text="x"),
                          entity_id=rng.choice([None, *by_id]))
        quotes.append(Quote(id=f"q{n}", article_id="a", speaker=speaker, content=content, kind="indirect",
                            content_parts=parts if len(parts) > 1 else []))
    said = _SaidByPeople(quotes, by_id)

    def scanned(position):
        return [(q.content_parts or [q.content], by_id[q.speaker.entity_id]) for q in quotes
                if q.speaker.span is not None and q.speaker.span.end <= position and q.speaker.entity_id is not None
                and by_id[q.speaker.entity_id].type == "PERSON"]

    checked = 0
    for _ in range(300):
        position = rng.randrange(0, 10000)
        start = rng.randrange(0, 10000)
        mention = Span(article_id="a", start=start, end=start + rng.randrange(1, 25), text="x")
        earlier = scanned(position)
        assert said.speakers_of(mention, position) == [person for parts, person in earlier if any(
            p.start <= mention.start and mention.end <= p.end for p in parts)]
        assert said.spoke_before(None, position) == bool(earlier)
        for entity in entities:
            assert said.spoke_before(entity.id, position) == (entity.id in {person.id for _, person in earlier})
        checked += len(said.speakers_of(mention, position))
    assert checked > 20  # the case holds mentions inside what people said
    # a speaker found later (a pronoun's) counts once noted
    person = next(e for e in entities if e.type == "PERSON")
    for quote in [q for q in quotes if q.speaker.span is not None and q.speaker.entity_id is None][:30]:
        quote.speaker.entity_id = person.id
        said.note(quote)
    for position in range(0, 10000, 97):
        assert said.spoke_before(person.id, position) == any(person is p for _, p in scanned(position))


def _scanned_entity_before(pronoun, phrase, pairs, mentions):
    """:func:`_entity_before` as it was written, a scan of every mention."""
    for m, _ in reversed(pairs):
        if m.end > pronoun.start or pronoun.start - m.end > 300:
            continue
        at = phrase.rfind(m.text)
        if at != -1:
            start = m.start - at
            return _entity_of_phrase(Span(article_id="a", start=start, end=start + len(phrase), text=phrase), mentions)
    return None


def test_claims_are_paired_with_every_claim_the_comparison_can_accept():
    from storylens.align.claims import ClaimSettings, _Info, _measure_classes, _same_quantity, _sharing
    from storylens.models import Article, Claim

    rng = random.Random(4)
    measures = sorted(_measure_classes())[:6]
    words = ["deaths", "plant", "worker", "blast", "county", "evacuation", "smoke", "fine"]
    heads = [None, "worker", "people", "resident", *measures]
    article = Article(id="a", text="x" * 1000)
    infos = []
    for n in range(120):
        kind = rng.choice(["count", "money", "percent", "fraction", "measure"])
        claim = Claim(id=f"c{n}", article_id="a", span=Span(article_id="a", start=n, end=n + 1, text="x"),
                      value=float(rng.randrange(1, 5)), approx="exact", kind=kind,
                      unit=rng.choice(["USD", "EUR"]) if kind == "money" else "km" if kind == "measure" else None)
        infos.append(_Info(claim=claim, article=article, context=frozenset(rng.sample(words, rng.randrange(0, 3))),
                           head=rng.choice(heads), reference=rng.choice([None, "fine"]), places=frozenset(),
                           sentence=(n, n + 1)))
    settings = ClaimSettings()
    peers = _sharing(infos, settings)
    total = 0
    for i, a in enumerate(infos):
        accepted = [j for j in range(i + 1, len(infos)) if _same_quantity(a, infos[j], settings) is not None]
        assert set(accepted) <= set(peers(i)), i
        total += len(accepted)
    assert total > 50  # the case holds pairs to find
    assert _sharing(infos, ClaimSettings(min_context=0.0)) is None  # no threshold: every claim of a kind
