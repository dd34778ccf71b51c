"""One pass over a document: frame its sections, then read sentence after sentence, carrying
periods and places from paragraph to paragraph, and complete headline figures at the end."""

from __future__ import annotations

import re
from collections import defaultdict

from nlp.document.frame import dateline_place, frame_sections, frames_sentence, strong_frame
from nlp.document.reads import SentenceReads
from nlp.document.resolver import set_period
from nlp.document.sections import split_document
from nlp.document.sentence import read_sentence
from nlp.document.state import NO_SOURCE, FoundFact, SectionState, SentenceContext, Source
from nlp.fact import Fact
from nlp.lang import script_of
from nlp.lookahead import skipping
from nlp.periods.carry import carries, carries_over
from nlp.periods.dates import parse_published
from nlp.periods.model import Period
from nlp.places import binding, link_places
from nlp.places.bystanders import captions, organisations, persons, quoted, routes, venues
from nlp.places.references import PlaceRef, group_places, is_list, short_forms
from nlp.places.roles import examples, helpers, receives
from nlp.places.scope import Scope, cue_refs
from nlp.spans import ByPosition

# A sentence without a digit, Chinese numeral or number word holds no fact: it is not read for
# facts. The characters are looked for first (re scans for them itself), then the words (with
# nlp.lookahead: the positions where no word can start are skipped).
_NUMERAL = re.compile(r"[0-9０-９一二三四五六七八九十百千万亿两〇零]")
_NUMBER_WORD = skipping(re.compile(
    r"\b(?:one|two|three|four|five|"
    r"six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred|thousand|million|billion|dozen|dozens|half|"
    r"thirds?|quarters?|fifths?|tenths?)\b",
    re.I))


def _holds_number(text: str) -> bool:
    return _NUMERAL.search(text) is not None or _NUMBER_WORD.search(text) is not None


def _caption_only(text: str, refs: list[PlaceRef]) -> set[PlaceRef]:
    """Places a photo caption names and the body does not: they frame nothing (a caption
    that names the body's village again still counts for it)."""
    shown = set(captions(text, refs))
    in_body = {r.code or r.text for r in refs if r not in shown}
    return {r for r in shown if (r.code or r.text) not in in_body}


def _antecedent(text: str, refs: list[PlaceRef]) -> PlaceRef | None:
    """The place a following 该项目/"This ..." sentence continues with: the most specific of
    the sentence's subjects, else of its places, leaving out those a route or coverage verb
    names (途经A村、B村) and a route's ends (起点接张坪村)."""
    if len(refs) < 2:
        return refs[0] if refs else None
    objects = binding.objects(text, refs)
    held = [r for r in refs if r not in objects] or refs
    subjects = [r for r in held if binding.opens_clause(text, r, refs)]
    return max(subjects or held, key=lambda r: (r.rank, r.start))


def extract_document(text: str, lang: str | None = None, published: str | None = None,
                     title: str | None = None) -> list[Fact]:
    """Facts of a whole document, in text order."""
    sections, sentences = split_document(text, title)
    scope = Scope(lang if lang in ("zh", "en") else script_of(text))
    refs = [r for r in group_places(text, link_places(text, lang))
            if not dateline_place(text, r)]
    refs = short_forms(text, refs)
    aside = set(persons(text, refs)) | set(venues(text, refs)) | set(routes(text, refs))
    refs = [r for r in refs if r not in aside]
    quoting = set(quoted(text, refs))
    helping = (set(helpers(text, refs)) | set(examples(text, refs)) | quoting
               | _caption_only(text, refs) | set(organisations(text, refs)))
    title_refs = []
    if title and not any(s.headline for s in sentences):
        title_refs = group_places(title, link_places(title, lang))
    receivers = frozenset((r.code or r.text) for r in refs if receives(text, r))
    reads = SentenceReads()  # the headlines and openings the frame reads, read once
    states = frame_sections(sections, sentences, [r for r in refs if r not in helping],
                            title_refs, title, scope, parse_published(published), receivers,
                            reads)
    placed = ByPosition(refs)
    facts: list[FoundFact] = []
    headline_facts: list[FoundFact] = []
    carry: Period | None = None
    carry_source = NO_SOURCE
    anaphor = local = story = scene = None
    previous: list = []
    paragraph = section = -1
    para_texts: list[str] = []  # the sentences of the current paragraph
    para_headline = False
    for sentence in sentences:
        if sentence.section != section:
            section, anaphor, carry, para_texts = sentence.section, None, None, []
            story = scene = None
            scope.reset()
            scope.frame = strong_frame(states[section].main_place, states[section].main_source)
        if sentence.paragraph != paragraph:
            kept = carry if not para_headline and carries_over(
                carry, " ".join(para_texts), len(para_texts), sentence.text) else None
            paragraph, carry, local, previous = sentence.paragraph, kept, None, []
            carry_source = Source("previous paragraph", carry_source.words)
            para_texts, para_headline = [], sentence.headline
        para_texts.append(sentence.text)
        state = states[section]
        # the places named in the sentence, in its offsets, beside the document's own refs
        in_document = placed.within(sentence.start, sentence.end)
        named = [r.shifted(-sentence.start) for r in in_document]
        antecedents = [r for r, r_doc in zip(named, in_document, strict=True)
                       if r_doc not in helping]
        quoted_here = [r for r, r_doc in zip(named, in_document, strict=True) if r_doc in quoting]
        local_refs = sorted(named + cue_refs(sentence.text, antecedents, scope),
                            key=lambda r: r.start)
        s_lang = script_of(sentence.text)
        # Only a sentence with a quantity can hold a fact: the rest are read for periods only.
        quantities = reads.take_quantities(sentence.text, s_lang) if _holds_number(
            sentence.text) else None
        if quantities:
            frame = None if sentence.headline else frames_sentence(state, sentence.text)
            ctx = SentenceContext(s_lang, sentence.start, state.ref, local_refs, carry,
                                  carry_source, frame, Source("frame", state.title_words),
                                  anaphor, state.main_place,
                                  state.main_source, sentence.headline, local, previous,
                                  section=section, story_place=story, scene_place=scene)
            reading = read_sentence(sentence.text, ctx, quantities,
                                    reads.take_periods(sentence.text, state.ref, s_lang))
            mentions, found = reading.periods, reading.facts
            previous = reading.candidates or previous
        else:
            mentions, found = reads.take_periods(sentence.text, state.ref, s_lang), []
        stated = [m for m in mentions
                  if m.role in ("period", "to_date") and m.period is not None]
        if any(m.role == "period" for m in mentions) or stated:
            going_on = [m for m in stated if carries(sentence.text, m, state.ref)]
            carry = going_on[-1].period if going_on else None
            carry_source = Source("paragraph", going_on[-1].text) if going_on else NO_SOURCE
        if stated and not sentence.headline and state.first_period is None:
            state.first_period, state.first_words = stated[0].period, stated[0].text
        anaphor = _antecedent(sentence.text, [r for r in local_refs if r not in quoted_here]
                              if quoted_here else local_refs) or anaphor
        # every named place is an antecedent unless one only helps (then it is left out)
        scope.observe(local_refs if len(antecedents) == len(named) else
                      [r for r in local_refs if r not in named or r in antecedents])
        local = _paragraph_place(sentence.text, local_refs, found) or local
        story = max((r for r in named if r.rank >= 4 and not is_list(r)), key=lambda r: r.start,
                    default=story)
        scene = _scene(sentence.text, named) or scene
        if sentence.headline:
            headline_facts += found
        facts.extend(found)
    _complete_headlines(headline_facts, facts, states)
    return [f.fact for f in facts]


# 在竹山村, 走进…社区, "in Hemuling village", "moved to Jingling new village": a scene.
_SCENE_INTRO = re.compile(r"(?:在|走进|来到|走访|深入|位于|(?i:\b(?:in|at|to|visit(?:ed|ing)?)"
                          r"\s+(?:the\s+)?))$")


def _scene(text: str, named: list[PlaceRef]) -> PlaceRef | None:
    """The town, village or site a sentence makes its subject or scene; none from a roll of
    several (授牌名单) or from a modifier (用于默戎镇…建设)."""
    specific = [r for r in named if r.rank >= 4]
    if not specific or len(specific) > 2 or any(map(is_list, specific)):
        return None
    last = max(specific, key=lambda r: r.start)
    if binding.opens_clause(text, last, named) or _SCENE_INTRO.search(
            text, max(0, last.start - 12), last.start):
        return last
    return None


def _paragraph_place(text: str, refs: list[PlaceRef], found: list[FoundFact]) -> PlaceRef | None:
    """The town, village or site a sentence makes the topic of its paragraph: the last one
    its figures were read with, else the last one opening a clause."""
    held = [f.place for f in found if f.topic]
    if held:
        return held[-1]
    subjects = [r for r in refs if r.rank >= 4 and binding.opens_clause(text, r)]
    return subjects[-1] if subjects else None


def _complete_headlines(headline_facts: list[FoundFact], facts: list[FoundFact],
                        states: list[SectionState]) -> None:
    """A headline figure without a period (or place) takes the body's for the same figure,
    else the first period the article states."""
    by_section: dict[int, list[FoundFact]] = defaultdict(list)
    for other in facts if headline_facts else ():
        by_section[other.section].append(other)
    for found in headline_facts:
        fact = found.fact
        if fact.year is not None:
            continue
        twin = next((o.fact for o in by_section[found.section]
                     if o.fact is not fact and o.fact.start > fact.end
                     and o.fact.unit == fact.unit and o.fact.value == fact.value), None)
        if twin is not None and fact.place is None and twin.place is not None:
            fact.place, fact.place_code = twin.place, twin.place_code
            fact.place_name_zh, fact.place_name_en = twin.place_name_zh, twin.place_name_en
            fact.place_source = "body"
            fact.place_why = f"body: the same figure '{twin.span}' ({twin.place_why})"
        if twin is not None and twin.year:
            fact.year, fact.period_start, fact.period_end = (
                twin.year, twin.period_start, twin.period_end)
            fact.period_source = "body"
            fact.period_why = f"body: the same figure '{twin.span}' ({twin.period_why})"
            continue
        state = states[found.section]
        if state.first_period is not None:
            set_period(fact, state.first_period, Source("body", state.first_words))
