"""Whole-document extraction: sections, carry-over of periods and places, headlines."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from nlp.context import SentenceContext
from nlp.document.sections import Section, Sentence, split_document
from nlp.fact import Fact
from nlp.lang import script_of
from nlp.periods.carry import carries_over
from nlp.periods.dates import RefDate, parse_published
from nlp.periods.grammar import find_periods
from nlp.periods.model import Period
from nlp.pipeline import run_sentence
from nlp.places import link_places
from nlp.places.bystanders import persons, quoted
from nlp.places.references import PlaceRef, group_places, national_cue, short_forms
from nlp.places.roles import examples, helpers
from nlp.places.scope import Scope, cue_refs, find_cues, publisher_place
from nlp.quantities import find_quantities

# A sentence without a digit or Chinese numeral holds no fact: it skips the pipeline.
NUMERIC = re.compile(r"[0-9０-９一二三四五六七八九十百千万亿两〇零]|\b(?:one|two|three|four|five|"
                     r"six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|"
                     r"seventy|eighty|ninety|hundred|thousand|million|billion|dozen|dozens|half|"
                     r"thirds?|quarters?|fifths?|tenths?)\b",
                     re.I)
MIN_MAIN_PLACE_MENTIONS = 1
_PRESS = re.compile(r"国新办|国务院新闻办|新闻发布会|(?i:information\s+office|press\s+conference)")


@dataclass
class _SectionState:
    ref: RefDate | None
    main_place: PlaceRef | None
    first_period: Period | None = None
    title_period: Period | None = None


# "新华社北京5月11日电", "本报长沙讯", "BEIJING, March 4 (Xinhua) --": where the report was
# filed, not what its figures are about.
_DATELINE_AFTER = re.compile(r"\s*(?:\d{1,2}月\d{1,2}日)?(?:电|讯)"
                             r"|,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*\(")


def _dateline_place(text: str, ref: PlaceRef) -> bool:
    return bool(_DATELINE_AFTER.match(text, ref.end))


def _refs_in(refs: list[PlaceRef], start: int, end: int) -> list[PlaceRef]:
    return [r.shifted(-start) for r in refs if start <= r.start and r.end <= end]


def _main_place(section: Section, sentences: list[Sentence], refs: list[PlaceRef],
                title_refs: list[PlaceRef], title: str | None, scope: Scope) -> PlaceRef | None:
    headline = section.headline
    inside = [r for s in sentences if s.section == section.index for r in refs
              if s.start <= r.start and r.end <= s.end]
    if headline is not None:
        own = [r for r in refs if headline.start <= r.start and r.end <= headline.end]
        if own:
            return max(own, key=lambda r: (r.rank, r.start))
        if national_cue(headline.text):
            return None
    if title_refs and section.index == 0:
        return max(title_refs, key=lambda r: (r.rank, r.start))
    heading = headline.text if headline is not None else (title if section.index == 0 else None)
    if _national_lead(section, sentences, inside, heading):
        return None
    own_cue = _headline_cue_place(heading, inside, scope)
    if own_cue is not None:
        return own_cue  # 我州召开…: the document's own prefecture
    counts = Counter((r.code or r.text) for r in inside)
    if not counts:
        return scope.publisher
    key, n = counts.most_common(1)[0]
    if n < MIN_MAIN_PLACE_MENTIONS:
        return None
    return next(r for r in inside if (r.code or r.text) == key)


def _national_lead(section: Section, sentences: list[Sentence], inside: list[PlaceRef],
                   heading: str | None) -> bool:
    """A national title or lead (国新办发布会, "nationwide", a ministry's totals) with no place
    in the opening sentences: a place named later (an example province) is not the subject."""
    lead = [s for s in sentences if s.section == section.index and not s.headline][:2]
    if not lead or any(r.start < lead[-1].end for r in inside):
        return False
    return bool(heading and (national_cue(heading) or _PRESS.search(heading))) or any(
        national_cue(s.text) or _PRESS.search(s.text) for s in lead)


def _headline_cue_place(heading: str | None, inside: list[PlaceRef],
                        scope: Scope) -> PlaceRef | None:
    cues = [c for c in find_cues(heading or "") if not c.anaphor]
    if not cues:
        return None
    found = scope.resolve(cues[0], inside)
    return found if found is None else found.shifted(-found.start)


def _sentence_place(refs: list[PlaceRef]) -> PlaceRef | None:
    return max(refs, key=lambda r: (r.rank, r.start)) if refs else None


def extract_document(text: str, lang: str | None = None, published: str | None = None,
                     title: str | None = None, publisher: str | None = None) -> list[Fact]:
    """Facts of a whole document, in text order."""
    sections, sentences = split_document(text, title)
    scope = Scope(publisher_place(publisher), lang if lang in ("zh", "en") else script_of(text))
    refs = [r for r in group_places(text, link_places(text, lang)) if not _dateline_place(text, r)]
    refs = short_forms(text, refs)
    aside = set(persons(text, refs))
    refs = [r for r in refs if r not in aside]
    quoting = set(quoted(text, refs))
    helping = set(helpers(text, refs)) | set(examples(text, refs)) | quoting
    title_refs = []
    if title and not any(s.headline for s in sentences):
        title_refs = group_places(title, link_places(title, lang))
    given = parse_published(published)
    states = [
        _SectionState(given if (s.index == 0 and given) else (s.date or given),
                      _main_place(s, sentences, [r for r in refs if r not in helping], title_refs,
                                  title, scope))
        for s in sections
    ]
    for section, state in zip(sections, states, strict=True):
        if section.headline is not None:
            state.title_period = _first_period(section.headline.text, state.ref)
    if title and sections[0].headline is None:
        states[0].title_period = _first_period(title, states[0].ref)
    facts: list[Fact] = []
    section_of: dict[int, int] = {}
    headline_facts: list[tuple[int, Fact]] = []
    carry: Period | None = None
    anaphor = local = None
    previous: list = []
    paragraph = section = -1
    para_texts: list[str] = []  # the sentences of the current paragraph
    para_headline = False
    for sentence in sentences:
        if sentence.section != section:
            section, anaphor, carry, para_texts = sentence.section, None, None, []
            scope.reset()
        if sentence.paragraph != paragraph:
            kept = carry if not para_headline and carries_over(
                carry, " ".join(para_texts), len(para_texts), sentence.text) else None
            paragraph, carry, local, previous = sentence.paragraph, kept, None, []
            para_texts, para_headline = [], sentence.headline
        para_texts.append(sentence.text)
        state = states[section]
        named = _refs_in(refs, sentence.start, sentence.end)
        antecedents = [r for r in named if r.shifted(sentence.start) not in helping]
        local_refs = sorted(named + cue_refs(sentence.text, antecedents, scope),
                            key=lambda r: r.start)
        s_lang = script_of(sentence.text)
        # Only a sentence with a quantity can hold a fact: the rest skip the pipeline.
        quantities = find_quantities(sentence.text, s_lang) if NUMERIC.search(
            sentence.text) else None
        if quantities:
            ctx = SentenceContext(s_lang, sentence.start, state.ref, local_refs, carry, anaphor,
                                  state.main_place, sentence.headline, local, previous,
                                  quantities=quantities)
            doc = run_sentence(sentence.text, ctx)
            mentions, found = doc._.periods, doc._.facts
            stock = ctx.notes.get("stock", ())
            previous = doc._.candidates or previous
        else:
            mentions, found, stock = find_periods(sentence.text, state.ref, s_lang), [], ()
        stated = [m.period for m in mentions
                  if m.role in ("period", "to_date") and m.period is not None]
        if any(m.role == "period" for m in mentions) or stated:
            carry = stated[-1] if stated else None
        if stated and not sentence.headline and state.first_period is None:
            state.first_period = stated[0]
        anaphor = _sentence_place([r for r in local_refs if r not in named
                                   or r.shifted(sentence.start) not in quoting]) or anaphor
        scope.observe([r for r in local_refs if r not in named or r in antecedents])
        local = max((r for r in local_refs if r.rank >= 4), key=lambda r: (r.rank, r.start),
                    default=local)
        if sentence.headline:
            headline_facts += [(section, f) for f in found]
        else:
            _default_period([f for f in found if id(f) not in stock], state.title_period)
        facts.extend(found)
        section_of.update((id(f), section) for f in found)
    body = [(section_of[id(f)], f) for f in facts]
    _complete_headlines(headline_facts, body, states)
    return facts


def _first_period(text: str | None, ref: RefDate | None) -> Period | None:
    if not text:
        return None
    for m in find_periods(text, ref, script_of(text)):
        if m.role == "period" and m.period is not None:
            return m.period
    return None


def _default_period(facts: list[Fact], period: Period | None) -> None:
    """Figures the text gives no period take the headline's ("...县2023年工作总结")."""
    for fact in facts:
        if fact.year is None and period is not None:
            fact.year, fact.period_start, fact.period_end = period.label, period.start, period.end


def _complete_headlines(headline_facts: list[tuple[int, Fact]], facts: list[tuple[int, Fact]],
                        states: list[_SectionState]) -> None:
    """A headline figure without a period takes the body's period for the same figure, else
    the first period the article states."""
    for section, fact in headline_facts:
        if fact.year is not None:
            continue
        twin = next((f for n, f in facts if n == section and f is not fact and f.start > fact.end
                     and f.unit == fact.unit and f.value == fact.value), None)
        if twin is not None and twin.year:
            fact.year, fact.period_start, fact.period_end = (
                twin.year, twin.period_start, twin.period_end)
            continue
        period = states[section].first_period
        if period is not None:
            fact.year, fact.period_start, fact.period_end = period.label, period.start, period.end
