"""The frame of a document: where each section's figures are, when, and from which date.

The headline, the title, the dateline and the lead decide whether a section reports on one
place (its main place) or on the whole country, which period its headline names, and the
date relative expressions are resolved against.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from nlp.document.reads import SentenceReads
from nlp.document.sections import Section, Sentence
from nlp.document.state import NO_SOURCE, SectionState, Source
from nlp.lang import script_of
from nlp.lookahead import skipping
from nlp.periods.dates import RefDate
from nlp.periods.grammar import find_periods
from nlp.periods.model import Period, year_period
from nlp.places.references import PlaceRef, is_list, national_cue
from nlp.places.scope import Scope, find_cues
from nlp.settings import SETTINGS
from nlp.spans import ByPosition

_PRESS = skipping(re.compile(
    r"国新办|国务院新闻办|新闻发布会|(?i:information\s+office|press\s+conference)"))


# "新华社北京5月11日电", "本报长沙讯", "BEIJING, March 4 (Xinhua) --": where the report was
# filed, not what its figures are about.
_DATELINE_AFTER = re.compile(r"\s*(?:\d{1,2}月\d{1,2}日)?(?:电|讯)"
                             r"|(?:,\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)*,\s+[A-Z][a-z]{2,8}\.?\s+"
                             r"\d{1,2}\s*\(")


def dateline_place(text: str, ref: PlaceRef) -> bool:
    """Whether the place opens a dateline (新华社北京5月11日电): where the report was filed."""
    return bool(_DATELINE_AFTER.match(text, ref.end))


def _main_place(section: Section, sentences: list[Sentence], refs: ByPosition[PlaceRef],
                title_refs: list[PlaceRef], title: str | None, scope: Scope,
                receivers: frozenset[str] = frozenset()) -> tuple[PlaceRef | None, Source]:
    """The place a section reports on (``sentences``: the section's), and how it was found."""
    headline = section.headline
    inside = [r for s in sentences for r in refs.within(s.start, s.end)]
    if headline is not None:
        own = refs.within(headline.start, headline.end)
        if own:
            best = max(own, key=lambda r: (r.rank, r.start))
            return best, Source("frame", f"headline: {best.text}")
        if national_cue(headline.text):
            return None, Source("national", "the headline")
    if title_refs and section.index == 0:
        best = max(title_refs, key=lambda r: (r.rank, r.start))
        return best, Source("frame", f"title: {best.text}")
    heading = headline.text if headline is not None else (title if section.index == 0 else None)
    if _national_lead(sentences, inside, heading):
        return None, Source("national", "the lead")
    own_cue = _headline_cue_place(heading, inside, scope)
    if own_cue is not None:
        # 我州召开…: the document's own prefecture
        return own_cue, Source("frame", f"headline: {own_cue.cue} → {own_cue.text}")
    # a list of provinces (a national report's examples) is never what a report is about
    inside = [r for r in inside if not (is_list(r) and r.level == "province")]
    counts = Counter((r.code or r.text) for r in inside if r.level != "region")
    if not counts:
        return None, NO_SOURCE
    key, n = counts.most_common(1)[0]
    if n < SETTINGS.document.min_main_place_mentions:
        return None, NO_SOURCE
    first = {}
    for r in inside:
        first.setdefault(r.code or r.text, r)
    # the most specific of the places named again and again: a feature about a county names
    # its province too, but tells of the county
    often = [first[k] for k, c in counts.items() if c >= max(2, 0.6 * n)] or [first[key]]
    # of a helper and the place it helps ("Lianjiang provided funds for Rongshui"), the one
    # helped is what the report is about
    often = [r for r in often if (r.code or r.text) in receivers] or often
    best = max(often, key=lambda r: (r.rank, counts[r.code or r.text], -r.start))
    return best, Source("frame", f"most named: {best.text}")


def _national_lead(sentences: list[Sentence], inside: list[PlaceRef],
                   heading: str | None) -> bool:
    """A national title or lead (国新办发布会, "nationwide", a ministry's totals) with no place
    in the opening sentences: a place named later (an example province) is not the subject."""
    lead = [s for s in sentences if not s.headline][:2]
    if not lead or any(r.start < lead[-1].end for r in inside):
        return False
    return bool(heading and (national_cue(heading) or _PRESS.search(heading))) or any(
        national_cue(s.text) or _PRESS.search(s.text) for s in lead)


def _headline_cue_place(heading: str | None, inside: list[PlaceRef],
                        scope: Scope) -> PlaceRef | None:
    cues = [c for c in find_cues(heading or "") if not c.anaphor]
    if not cues:
        return None
    found = scope.resolve(cues[0], inside, (heading or "")[cues[0].start:cues[0].end])
    return found if found is None else found.shifted(-found.start)


def frame_sections(sections: list[Section], sentences: list[Sentence], refs: list[PlaceRef],
                   title_refs: list[PlaceRef], title: str | None, scope: Scope,
                   given: RefDate | None,
                   receivers: frozenset[str] = frozenset(),
                   reads: SentenceReads | None = None) -> list[SectionState]:
    """Each section's reference date, main place and headline (or title) period.

    ``refs`` are the document's places that may be a main place; ``given`` is the caller's
    publication date (the first section's date, else each section's own dateline); ``reads``
    keeps what the headlines and openings hold for the reader."""
    reads = reads or SentenceReads()
    placed = ByPosition(refs)
    by_section: dict[int, list[Sentence]] = defaultdict(list)
    for sentence in sentences:
        by_section[sentence.section].append(sentence)
    states = []
    for s in sections:
        place, source = _main_place(s, by_section[s.index], placed, title_refs, title, scope,
                                    receivers)
        states.append(SectionState(given if (s.index == 0 and given) else (s.date or given),
                                   place, source))
    for section, state in zip(sections, states, strict=True):
        if section.headline is not None:
            state.title_period, state.title_words = first_period(section.headline.text,
                                                                 state.ref, reads)
    if title and sections[0].headline is None:
        states[0].title_period, states[0].title_words = first_period(title, states[0].ref,
                                                                     reads)
    for section, state in zip(sections, states, strict=True):
        if state.title_period is None:
            state.title_period, state.title_words = _opening_period(
                [s for s in by_section[section.index] if not s.headline], state.ref, reads)
    return states


def _opening_period(body: list[Sentence], ref: RefDate | None,
                    reads: SentenceReads) -> tuple[Period | None, str | None]:
    """The period the opening of a report frames: its lead's (with no publication date to
    compare with, even a lead holding figures), else that of a figureless sentence among the
    next ones ("The NDRC said that over the past year, ..." after a January release's lead)."""
    for i, sentence in enumerate(body[:SETTINGS.document.opening_sentences]):
        period, words = _lead_period(sentence.text, ref, reads)
        if period is not None and ((i == 0 and ref is None)
                                   or not _holds_figures(sentence.text, reads)):
            return period, words
        if i == 0 and ref is None:
            break
    return None, None


def _holds_figures(text: str, reads: SentenceReads) -> bool:
    return bool(reads.quantities(text, script_of(text)))


def _lead_period(text: str, ref: RefDate | None,
                 reads: SentenceReads) -> tuple[Period | None, str | None]:
    """The period an opening sentence with no figure of its own says the whole report is
    about (a date attached to one figure of the lead frames nothing else): the publication year,
    the year before it in a report of the first half (an annual review), or a plan period
    ending in either ("“十三五”时期…" in December 2020); an earlier span is background. With
    no publication date to compare with, the lead's period frames the report."""
    period, words = first_period(text, ref, reads)
    if ref is None:
        return period, words
    if period is None:
        return None, None
    last = period.end_year
    early = ref.month is not None and ref.month <= SETTINGS.periods.recent_cutoff_month
    if early and int(period.start[:4]) == ref.year - 1 and last == ref.year:
        return year_period(ref.year - 1), words  # 去年以来 in February: last year's results
    if last == ref.year or (early and last == ref.year - 1):
        return period, words
    return None, None


def first_period(text: str | None, ref: RefDate | None,
                 reads: SentenceReads | None = None) -> tuple[Period | None, str | None]:
    """The first period ``text`` states, and its words."""
    if not text:
        return None, None
    lang = script_of(text)
    for m in reads.periods(text, ref, lang) if reads else find_periods(text, ref, lang):
        if m.role == "period" and m.period is not None:
            return m.period, m.text
    return None, None


# 该批, 本批, "this batch", "the projects": a sentence that speaks of the batch or project the
# headline names.
_BACK_TO_BATCH = skipping(re.compile(r"[该本这此]批|[该本此]项目|这些项目|该工程|本工程"
                                     r"|(?i:\b(?:this|the|that)\s+(?:batch|project|programme|program)s?\b)"))


def frames_sentence(state: SectionState, text: str) -> Period | None:
    """The headline's period where it frames this sentence. A period after the publication
    year is a plan or batch label (2025年提前批 in a report of November 2024): it frames only
    sentences that speak of that batch; the rest report on the present."""
    period = state.title_period
    if period is None or state.ref is None or period.end_year <= state.ref.year:
        return period
    return period if _BACK_TO_BATCH.search(text) else None


def strong_frame(place: PlaceRef | None, source: Source) -> PlaceRef | None:
    """The frame place when a headline or title names it (a place merely named
    most often frames too weakly to overrule what a sentence says)."""
    if not (source.words or "").startswith("most named"):
        return place
    return None
