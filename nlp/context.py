"""What the document tells a sentence's pipeline: offsets, dates, places and carry-over."""

from __future__ import annotations

from dataclasses import dataclass, field

from nlp.periods.dates import RefDate
from nlp.periods.model import Period
from nlp.places.references import PlaceRef


@dataclass
class SentenceContext:
    """Set on ``doc._.rw_context`` before the components run.

    ``place_refs`` are the document's places inside the sentence (sentence offsets); None
    makes the place linker link the sentence by itself. ``offset`` maps sentence offsets
    back to the document.
    """

    lang: str = "en"
    offset: int = 0
    ref: RefDate | None = None
    place_refs: list[PlaceRef] | None = None
    carry_period: Period | None = None
    anaphor_place: PlaceRef | None = None
    main_place: PlaceRef | None = None
    headline: bool = False
    paragraph_place: PlaceRef | None = None  # the last town/village named in the paragraph
    previous: list = field(default_factory=list)  # candidates of the paragraph's last sentence
    notes: dict[str, object] = field(default_factory=dict)
    text: str | None = None  # the sentence itself (spaCy rebuilds doc.text on each access)
    quantities: list | None = None  # find_quantities of the sentence, when already run
