"""The Fact record: one quantified statement found in a text."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass
class Fact:
    """A figure with its metric, place, period and evidence.

    ``start``/``end`` are character offsets of ``span`` in the text given to the extractor;
    ``value`` is normalised (yuan in yuan, people in persons, percentages as numbers).
    """

    metric: str
    value: float
    unit: str
    span: str
    start: int
    end: int
    sentence: str
    approx: bool = False
    low: float | None = None
    high: float | None = None
    place: str | None = None
    place_code: str | None = None
    place_name_zh: str | None = None
    place_name_en: str | None = None
    year: str | None = None
    period_start: str | None = None
    period_end: str | None = None
    origin: str = "text"
    place_source: str | None = None  # own clause, sentence, paragraph, frame, story, ...
    period_source: str | None = None  # own clause, sentence, paragraph, frame, publication date
    metric_why: str | None = None  # what set the metric: a cue word, the unit, a figure before
    place_why: str | None = None  # where the place came from, with the words read
    period_why: str | None = None  # where the period came from, with the words read

    @property
    def why(self) -> str:
        """The evidence of the reading in one line: what set its metric, place and period."""
        return (f"metric: {self.metric_why or '-'}; place: {self.place_why or '-'}; "
                f"period: {self.period_why or '-'}")

    def to_dict(self) -> dict:
        """Plain dict with the field names of the ``facts`` table and the scorer; the three
        ``*_why`` parts become one ``why`` column. (Every field is a plain value, so no deep
        copy as ``dataclasses.asdict`` makes: a tenth of its time, for every fact stored.)"""
        row = {name: getattr(self, name) for name in _COLUMNS}
        row["why"] = self.why
        return row


_COLUMNS = tuple(f.name for f in fields(Fact)
                 if f.name not in ("metric_why", "place_why", "period_why"))
