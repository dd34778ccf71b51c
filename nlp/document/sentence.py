"""Read one sentence: its quantities, places, metrics and periods, then its facts.

Plain function calls in a fixed order, each on the sentence text and what the steps before
it found; the document passes what it knows in a :class:`SentenceContext`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from nlp.document.resolver import (
    build_fact,
    choose_period,
    choose_place,
    inside_name,
    split_range,
)
from nlp.document.state import FoundFact, SentenceContext, SentenceReading, Source
from nlp.metrics.classifier import Candidate, classify_all
from nlp.metrics.rules import DROPPED_UNITS
from nlp.periods.grammar import PeriodMention, find_periods
from nlp.places import link_places
from nlp.places.references import PlaceRef, group_places, is_list
from nlp.places.roles import helpers, national_rule, whose_figures
from nlp.quantities import Quantity, find_quantities
from nlp.quantities.filters import is_blocked

# An English clause opening with a participle goes on with the clause before it.
_PARTICIPLE = re.compile(r"\s*(?:and\s+)?[a-z]+ing\b")
# 其中最大的安置区X社区…, 例如X村…: an example holds only its own clause
_EXAMPLE_CLAUSE = re.compile(
    r"\s*(?:其中|例如|比如|譬如|如|(?i:for\s+example|for\s+instance|such\s+as))")


def fact_quantities(text: str, found: list[Quantity]) -> list[Quantity]:
    """The quantities that may be facts: no names, codes, foreign money or durations; a
    multiple (扩大到1.9倍) is a percentage (190)."""
    return [as_percent(q) if q.unit == "multiple" and q.noun == "倍" else q for q in found
            if (q.unit not in DROPPED_UNITS or q.noun == "倍") and not is_blocked(text, q)]


def as_percent(q: Quantity) -> Quantity:
    """A multiple written with 倍 as the percentage it states."""
    scale = lambda v: None if v is None else v * 100  # noqa: E731
    return replace(q, unit="percent", value=q.value * 100, low=scale(q.low), high=scale(q.high),
                   noun=None, noun_end=None)


def sentence_places(text: str, ctx: SentenceContext) -> list[PlaceRef]:
    """The places the document found in the sentence, else those it names by itself."""
    if ctx.place_refs is None:
        ctx.place_refs = group_places(text, link_places(text, ctx.lang))
    return list(ctx.place_refs)


def resolve_facts(text: str, ctx: SentenceContext, refs: list[PlaceRef],
                  candidates: list[Candidate], mentions: list[PeriodMention]) -> list[FoundFact]:
    """Each candidate with its place and period, as facts in document offsets (a range
    gives one fact per bound); numbers inside a place name or a period are none."""
    facts: list[FoundFact] = []
    figure_refs = whose_figures(text, refs) if candidates else refs
    helping = helpers(text, figure_refs) if candidates else []
    if helping and (len(helping) < len(figure_refs) or ctx.paragraph_place
                    or ctx.main_place):
        figure_refs = [r for r in figure_refs if r not in helping]
    held: tuple[PlaceRef | None, Source] | None = None  # the place of the clause before
    for c in candidates:
        if inside_name(c, refs, mentions):
            continue
        national = national_rule(text, c.start, refs)
        # a national requirement takes no period from earlier sentences
        period = choose_period(c, mentions, replace(ctx, carry_period=None) if national
                               else ctx, text, candidates)
        place = choose_place(c, text, figure_refs, ctx, national)
        if held is not None and place[1].kind != "own clause" and _PARTICIPLE.match(
                text, c.clause[0]):
            place = held  # "…companies to settle in Dahua and Du'an, employing 3,348 people"
        if place[1].kind == "own clause":
            held = place
        topic = (place[0] is not None and place[0].rank >= 4 and place[1].kind in (
            "own clause", "sentence") and not is_list(place[0])
            and not _EXAMPLE_CLAUSE.match(text, c.clause[0]))
        if topic and place[1].kind == "own clause":
            ctx = replace(ctx, paragraph_place=place[0])  # the topic for the figures after it
        parts = split_range(build_fact(c, text, place, period, ctx.offset), c, text)
        facts.extend(FoundFact(f, ctx.section, place[0], topic) for f in parts)
    return facts


def read_sentence(text: str, ctx: SentenceContext, quantities: list[Quantity] | None = None,
                  mentions: list[PeriodMention] | None = None) -> SentenceReading:
    """Quantities (``quantities`` when the caller already found them), places, candidates,
    periods (``mentions``, likewise) and facts of one sentence."""
    found = quantities if quantities is not None else find_quantities(text, ctx.lang)
    kept = fact_quantities(text, found)
    refs = sentence_places(text, ctx)
    candidates = classify_all(text, kept, ctx.lang, [(r.start, r.end) for r in refs],
                              ctx.previous)
    if mentions is None:
        mentions = find_periods(text, ctx.ref, ctx.lang)
    facts = resolve_facts(text, ctx, refs, candidates, mentions)
    return SentenceReading(kept, refs, candidates, mentions, facts)
