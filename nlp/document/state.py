"""The typed state of one reading of a document: what a section frames, what the document
tells each sentence, and each fact found with where it was found."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from nlp.fact import Fact
from nlp.periods.dates import RefDate
from nlp.periods.model import Period
from nlp.places.references import PlaceRef

if TYPE_CHECKING:
    from nlp.metrics.classifier import Candidate
    from nlp.periods.grammar import PeriodMention
    from nlp.quantities import Quantity


@dataclass(frozen=True)
class Source:
    """Where a fact's place or period came from, and the words it was read from.

    Kinds, nearest first: ``own clause``, ``sentence`` (elsewhere in the figure's sentence),
    ``previous sentence``, ``paragraph`` (carried within the paragraph), ``previous paragraph``,
    ``frame`` (the headline, title or lead frames the article), ``body`` (a headline figure
    completed from the text below it), ``publication date``; ``national`` and
    ``none`` explain a missing place or period.
    """

    kind: str
    words: str | None = None

    def describe(self) -> str:
        return f"{self.kind} '{self.words}'" if self.words else self.kind


NO_SOURCE = Source("none")


@dataclass
class SectionState:
    """What a section (an article of the document) frames for its sentences."""

    ref: RefDate | None  # the date "last year"/去年 is resolved against
    main_place: PlaceRef | None
    main_source: Source = NO_SOURCE  # how the main place was found
    first_period: Period | None = None  # the first period the body states
    title_period: Period | None = None  # the period its headline (or the title) names
    title_words: str | None = None  # the words that name it
    first_words: str | None = None


@dataclass
class SentenceContext:
    """What the document tells one sentence: offsets, dates, places and carry-over.

    ``place_refs`` are the document's places inside the sentence (sentence offsets); None
    makes the sentence link its places by itself. ``offset`` maps sentence offsets back to
    the document.
    """

    lang: str = "en"
    offset: int = 0
    ref: RefDate | None = None
    place_refs: list[PlaceRef] | None = None
    carry_period: Period | None = None
    carry_source: Source = NO_SOURCE  # where the carried period was stated
    frame_period: Period | None = None  # the period the headline or title frames
    frame_source: Source = NO_SOURCE
    anaphor_place: PlaceRef | None = None
    main_place: PlaceRef | None = None
    main_source: Source = NO_SOURCE
    headline: bool = False
    paragraph_place: PlaceRef | None = None  # the last town/village named in the paragraph
    previous: list[Candidate] = field(default_factory=list)  # the paragraph's last candidates
    section: int = 0  # the index of the sentence's section
    story_place: PlaceRef | None = None  # the last town, village or site the section named
    scene_place: PlaceRef | None = None  # ... that a sentence made its subject or scene


@dataclass
class FoundFact:
    """A fact with the section it was found in and the place reference it was given."""

    fact: Fact
    section: int
    place: PlaceRef | None = None
    topic: bool = False  # its place may become the paragraph's topic (no list, no example)


@dataclass
class SentenceReading:
    """Everything read from one sentence, in sentence offsets (facts in document offsets)."""

    quantities: list[Quantity]  # kept quantities: names, codes and foreign money dropped
    place_refs: list[PlaceRef]
    candidates: list[Candidate]
    periods: list[PeriodMention]
    facts: list[FoundFact]
