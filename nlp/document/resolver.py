"""Resolve each figure's period and place from the sentence's candidates, the paragraph's
carry-over and the section's frame, and build the fact."""

from __future__ import annotations

import re
from dataclasses import replace

from nlp.document.frame import strong_frame
from nlp.document.state import NO_SOURCE, SentenceContext, Source
from nlp.fact import Fact
from nlp.lookahead import skipping
from nlp.metrics import stock
from nlp.metrics.classifier import Candidate
from nlp.periods.grammar import PeriodMention
from nlp.periods.model import Period, months_period, year_period, years_period
from nlp.places import binding
from nlp.places.bystanders import organisations, outside_quote
from nlp.places.references import PlaceRef, national_cue, starts_with_anaphor
from nlp.places.roles import examples, national_rule, receives
from nlp.places.scope import find_cues, fits
from nlp.settings import SETTINGS

_RANGE_SEP = re.compile(r"(?<=[\d万亿千百十余多])\s*(?:至|到|~|～|-|–|—|\bto\b|\band\b)\s*(?=\S)")


def choose_period(c: Candidate, mentions: list[PeriodMention], ctx: SentenceContext,
                  text: str = "", others: list[Candidate] = ()) -> tuple[Period | None, Source]:
    """The period a careful reader cites the figure with, and where it came from: a time in
    its clause, else elsewhere in its sentence, else carried from earlier in the paragraph,
    else the headline's frame, else the publication year (``null`` for an undated past state).

    Stock figures (:mod:`nlp.metrics.stock`) take only a period of their own clause, and a
    cumulative total none from after it or from an earlier sentence: they fall through to the
    frame and the publication year.
    """
    found = _stated_period(c, mentions, ctx, text, others)
    if found is not None:
        return found
    if text and stock.past_state(text, c.clause[0], c.start):
        return None, Source("none", "an undated past state")
    if ctx.frame_period is not None:
        return ctx.frame_period, ctx.frame_source
    if ctx.ref is not None and not ctx.headline:
        return year_period(ctx.ref.year), Source("publication date", str(ctx.ref.year))
    return None, NO_SOURCE


def _stated_period(c: Candidate, mentions: list[PeriodMention], ctx: SentenceContext,
                   text: str, others: list[Candidate]) -> tuple[Period | None, Source] | None:
    """A period the text states for the figure: in its sentence or carried to it."""
    usable = [m for m in mentions if m.role in ("period", "to_date") and m.period is not None]
    lo, hi = c.clause
    if text and stock.is_standing(c, text) and not _governing(usable, c, text):
        own = [m for m in usable if lo <= m.start and m.end <= hi]
        return (own[0].period, Source("own clause", own[0].text)) if own else None
    reach = SETTINGS.periods.target_reach
    for m in mentions:
        if m.role == "target" and lo <= m.start and m.end <= c.start <= m.end + reach:
            base = usable[-1].period if usable else ctx.carry_period
            year = base.end_year if base else (ctx.ref.year if ctx.ref else None)
            return (year_period(year) if year else None), Source("own clause", m.text)
    in_clause = [m for m in usable if lo <= m.start and m.end <= hi]
    bound = next((m for m in in_clause if m.start >= c.end
                  and _BINDS_AFTER.fullmatch(text, c.end, m.start)), None)
    if bound is not None:  # "to 10,732 yuan (US$1,600) in 2016", "29.7 million by the end of"
        return bound.period, Source("own clause", bound.text)
    if in_clause:
        nearest = min(in_clause, key=lambda m: abs(m.start - c.start))
        done = _done_by(nearest, usable, ctx, text)
        if done is not None:
            return done
        return _end_of_change(text, c, nearest.period), Source("own clause", nearest.text)
    usable = [m for m in usable if not _deadline(m, ctx, text)]  # "by 2020": its clause only
    before = [m for m in usable if m.end <= c.start]
    if before:
        done = _done_by(before[-1], usable, ctx, text)
        if done is not None:
            return done
        return _end_of_change(text, c, before[-1].period), Source("sentence", before[-1].text)
    if text and stock.cumulative(c, text):
        return None  # a running total: no period from after it or from earlier sentences
    after = [m for m in usable if m.start >= c.end]
    if after:
        return after[0].period, Source("sentence", after[0].text)
    carry = ctx.carry_period
    if carry is None or (text and stock.past_state(text, c.clause[0], c.start)):
        return None  # "was once home to 62 counties": no period told before dates it
    if text and stock.present_statement(text) and (
            carry.start[:4] != carry.end[:4]
            or (ctx.ref is not None and carry.end_year < ctx.ref.year)):
        return None  # "He earns 1,000 yuan a month": now, not the year told before
    if ctx.ref is not None and _SINCE_THEN.match(text):
        since = years_period(int(carry.start[:4]), max(ctx.ref.year, carry.end_year))
        return since, Source("paragraph", f"since {ctx.carry_source.words}")
    return carry, ctx.carry_source


# A period written right after an English figure binds it: "from 500 yuan (US$80) in 1997".
_BINDS_AFTER = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?,?\s*(?:in|by|at|as\s+of|during|for)?\s*",
                          re.I)
# 从1527万人增至2973万人 in a span of years: the first figure is the span's start, the second
# its end.
_FROM = re.compile(r"(?:从|由)\s*$")
_TO = re.compile(r"(?:增至|增长至|增长到|增加到|增加至|上升到|上升至|提高到|提高至|降至|下降到|"
                 r"下降至|减少到|减少至|扩大到|扩大至)\s*$")


# "Subsequently, ...", 此后: from the time told before up to the report.
_SINCE_THEN = re.compile(r"\s*(?:(?i:subsequently|since\s+then|thereafter|after\s+that)\b|此后|"
                         r"之后|随后|自此|从此)")


_BY = re.compile(r"(?:(?i:\bby|\buntil|\bbefore)\s+(?:the\s+end\s+of\s+)?|到|至)$")


def _deadline(m: PeriodMention, ctx: SentenceContext, text: str) -> bool:
    """A deadline after the publication year ("by 2020", 到2025年): a plan's, not a figure's
    elsewhere in the sentence."""
    return (ctx.ref is not None and m.period is not None and m.period.end_year > ctx.ref.year
            and bool(_BY.search(text, max(0, m.start - 16), m.start)))


# 2018年度项目, 2016年度搬迁的: a batch label; 已/已经/累计: reported as done
_BATCH_LABEL = re.compile(r"\s*(?:年度|度)")
_DONE = re.compile(r"已经|已|累计")


def _done_by(label: PeriodMention, usable: list[PeriodMention], ctx: SentenceContext,
             text: str) -> tuple[Period | None, Source] | None:
    """A figure reported as done (已, 累计) in a sentence whose period is a batch label
    (2018年度项目): it ends at the sentence's cut-off (截至5月30日), else at the report's date;
    the label governs only figures stated purely as a plan (the shared convention)."""
    if not (label.text.endswith("年度") or _BATCH_LABEL.match(text, label.end)):
        return None
    if not _DONE.search(text, label.end):
        return None
    cut = next((m for m in usable if m is not label and _CUT_OFF.match(m.text)), None)
    if cut is not None:
        return cut.period, Source("sentence", cut.text)
    if ctx.ref is None:
        return None
    return year_period(ctx.ref.year), Source("publication date", f"{ctx.ref.year}: done by then")


def _governing(usable: list[PeriodMention], c: Candidate, text: str) -> bool:
    """Whether a period in an introductory clause governs the sentence ("During a meeting in
    May 1996, ten eastern provinces were paired ..."): it stands before the figure and no
    other figure comes between, or it is a cut-off opening the sentence ("截至2019年底，…",
    "As of May, ..."), which holds for every figure after it."""
    return any(m.end <= c.start and (not re.search(r"\d", text[m.end:c.start]) or (
        _CUT_OFF.match(m.text) and not _OPENING_DELIMITER.search(text, 0, m.start)))
        for m in usable)


_OPENING_DELIMITER = re.compile(r"[，,；;。：:!?！？]")
_CUT_OFF = re.compile(r"截至|截止|(?i:as\s+of\b|by\s+the\s+end\b)")


def _end_of_change(text: str, c: Candidate, period: Period | None) -> Period | None:
    """The start or end year of a span for a figure that a change starts from or goes to."""
    if period is None or period.start[:4] == period.end[:4]:
        return period
    before = text[max(0, c.start - 8):c.start]
    if _FROM.search(before):
        return year_period(int(period.start[:4]))
    if _TO.search(before) and "从" in text[c.clause[0]:c.start]:
        month = int(period.end[5:7])
        return year_period(period.end_year) if month == 12 else months_period(
            period.end_year, 1, period.end_year, month)
    return period


def _most_specific(refs: list[PlaceRef], pos: int) -> PlaceRef:
    return max(refs, key=lambda r: (r.rank, -abs(r.start - pos)))


def _named(ref: PlaceRef, kind: str) -> tuple[PlaceRef, Source]:
    return ref, Source(kind, f"{ref.cue} → {ref.text}" if ref.cue else ref.text)


def choose_place(c: Candidate, text: str, refs: list[PlaceRef], ctx: SentenceContext,
                 national: bool | None = None) -> tuple[PlaceRef | None, Source]:
    """The most specific place the figure is about, and where it came from: a place of its
    own clause, else one opening an earlier clause of the sentence, else the previous
    sentence's for "This ...", else the paragraph's town or village, else the section's
    frame. Places that only illustrate, are covered or lie outside the frame do not count
    (:mod:`nlp.places.binding`)."""
    lo, hi = c.clause
    if national_rule(text, c.start, refs) if national is None else national:
        return None, Source("national", "a national requirement")
    named = refs  # a cue's own places: all the sentence's, quoted or not
    refs = outside_quote(text, refs, c.start)
    if refs and national_cue(text[lo:hi]):
        orgs = organisations(text, refs)
        refs = [r for r in refs if r not in orgs]
    shown = examples(text, refs)
    in_clause = [r for r in refs if lo <= r.start and r.end <= hi]
    if len(in_clause) > 1 and shown:
        in_clause = [r for r in in_clause if r not in shown] or in_clause
    if shown:
        refs = [r for r in refs if r not in shown]
    frame = strong_frame(ctx.main_place, ctx.main_source)
    aside = _not_subjects(c, text, refs, frame)
    in_clause = [r for r in in_clause if r not in aside]
    if in_clause:
        # a place written right before its count binds it (东部8个省市); else the place helped
        # is the subject of a helper's figures ("provided 147 million yuan for Rongshui")
        bound = [r for r in in_clause if 0 <= c.start - r.end <= 1]
        helped = [r for r in in_clause if receives(text, r)]
        return _named(_most_specific(bound or helped or in_clause, c.start), "own clause")
    if national_cue(text[lo:hi]):
        return None, Source("national", "its clause")
    unnamed = _unresolved_cue(text, c.start, hi, named)
    if unnamed is not None:  # 全州: the place the text is about if it is a prefecture, else none
        if ctx.main_place is not None and fits(ctx.main_place, unnamed[1]):
            return ctx.main_place, ctx.main_source
        return None, Source("none", f"'{unnamed[0]}' names no place the text names")
    before, subjects = [], []  # places before the figure; those opening their clause
    for r in refs:
        if r.end <= c.start and r not in aside:
            opens = binding.opens_clause(text, r, refs)
            if opens or r.rank < 4:
                before.append(r)
            if opens:
                subjects.append(r)
    if before:
        if any(receives(text, r) for r in before):
            subjects = []  # 东部…向西部投入资金: the receiver's figures, not the giver's
        best = binding.chain_end(text, _most_specific(subjects or before, c.start), refs)
        topic = ctx.paragraph_place
        if topic is not None and best.code and binding.related(topic.parent_code or "", best.code):
            return _named(topic, "paragraph")  # 乐安县在鳌溪镇安置区建车间9个，吸纳…430余人
        if best.cue or not binding.encloses(best, frame):
            return _named(best, "sentence")
    if national_cue(text[:c.start]):
        return None, Source("national", "its sentence")
    if ctx.anaphor_place is not None and starts_with_anaphor(text):
        return _named(ctx.anaphor_place, "previous sentence")
    if ctx.paragraph_place is not None:
        return _named(ctx.paragraph_place, "paragraph")
    if ctx.story_place is not None and c.unit == "yuan" and _ONE_PERSON.search(text):
        # a named person's pay or income: where the story found them (the shared convention)
        return _named(ctx.story_place, "story")
    if (ctx.scene_place is not None and ctx.main_place is not None
            and strong_frame(ctx.main_place, ctx.main_source) is None
            and binding.encloses(ctx.main_place, ctx.scene_place)):
        # a feature framed only by the place it names most: its figures are where the story
        # has got to (the village or site last made a scene), within that place
        return _named(ctx.scene_place, "scene")
    return ctx.main_place, ctx.main_source


def _unresolved_cue(text: str, pos: int, hi: int,
                    refs: list[PlaceRef]) -> tuple[str, str] | None:
    """The 全州/全县/"the prefecture" governing the figure at ``pos`` (the last one up to the
    end of its clause, ``hi``, with no place named between it and the figure) when no place
    of the text resolved it: its words and level."""
    cues = [cue for cue in find_cues(text) if cue.end <= hi]
    if not cues:
        return None
    cue = cues[-1]
    if cue.anaphor or any(r.start < cue.end and cue.start < r.end for r in refs):
        return None
    if any(cue.end <= r.start < pos for r in refs):
        return None
    return text[cue.start:cue.end], cue.level


_ONE_PERSON = skipping(re.compile(r"(?i:\b(?:I|my|he|she|his|her)\b)|我|他|她"))


def _not_subjects(c: Candidate, text: str, refs: list[PlaceRef],
                  frame: PlaceRef | None) -> set[PlaceRef]:
    """Places the sentence names that cannot hold this figure: objects of coverage verbs,
    example lists, places outside the frame's jurisdiction."""
    code = binding.frame_code(frame)
    return (set(binding.objects(text, refs)) | set(binding.example_lists(text, refs, c.start))
            | {r for r in refs if binding.outside(text, r, code, c.start, refs)})


_SITE = re.compile(r"安置|(?i:resettlement|relocation)")


def _code(place: PlaceRef | None) -> str | None:
    """The place's division code; a resettlement site takes the code of its county."""
    if place is None:
        return None
    if place.code is None and place.level == "village" and _SITE.search(place.text):
        return place.parent_code
    return place.code


def build_fact(c: Candidate, text: str, place: tuple[PlaceRef | None, Source],
               period: tuple[Period | None, Source], offset: int) -> Fact:
    q = c.quantity
    ref, place_source = place
    when, period_source = period
    return Fact(
        metric=c.metric, value=float(q.value), unit=c.unit, span=text[c.start:c.end],
        start=offset + c.start, end=offset + c.end, sentence=text, approx=bool(q.approx),
        low=q.low, high=q.high,
        place=ref.text if ref else None, place_code=_code(ref),
        place_name_zh=ref.name_zh if ref else None,
        place_name_en=ref.name_en if ref else None,
        year=when.label if when else None, period_start=when.start if when else None,
        period_end=when.end if when else None, origin="text",
        place_source=place_source.kind, period_source=period_source.kind,
        metric_why=c.why, place_why=place_source.describe(),
        period_why=period_source.describe(),
    )


def set_period(fact: Fact, period: Period, source: Source) -> None:
    """Give a fact a period found after it was built (a frame or a twin figure)."""
    fact.year, fact.period_start, fact.period_end = period.label, period.start, period.end
    fact.period_source, fact.period_why = source.kind, source.describe()


def inside_name(c: Candidate, refs: list[PlaceRef], mentions: list[PeriodMention]) -> bool:
    """A number inside a place name (十八洞村, 百色市) or a period ("first three quarters")."""
    q = c.quantity
    return any(r.start < q.end and q.start < r.end for r in refs) or any(
        m.start < q.end and q.start < m.end for m in mentions)


def split_range(fact: Fact, c: Candidate, text: str) -> list[Fact]:
    """"3000万-5000万元", "30 to 50 people": one approximate fact per bound."""
    q = c.quantity
    if q.low is None or q.high is None or q.high == q.low:
        return [fact]
    sep = _RANGE_SEP.search(text, q.start, q.end)
    if sep is None:
        return [fact]
    low = replace(fact, value=float(q.low), span=text[c.start:sep.start()], approx=True,
                  end=fact.start + sep.start() - c.start)
    high = replace(fact, value=float(q.high), span=text[sep.end():c.end], approx=True,
                   start=fact.start + sep.end() - c.start)
    return [low, high]
