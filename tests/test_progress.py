"""The shared progress reporter: plain lines off a terminal, a live table on one, quiet."""

from __future__ import annotations

import io
import time

import pytest

from reliefwatch.progress import ProgressReporter, ProgressRow, format_seconds, resolve_mode


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_auto_mode_follows_the_stream():
    assert resolve_mode("auto", io.StringIO()) == "plain"
    assert resolve_mode("auto", _Terminal()) == "live"
    assert resolve_mode("quiet", _Terminal()) == "quiet"
    with pytest.raises(ValueError):
        resolve_mode("loud", io.StringIO())


def test_plain_mode_prints_periodic_lines_per_task():
    out = io.StringIO()
    with ProgressReporter("plain", out, interval=0.05) as progress:
        progress.add("xxz-gov")
        progress.update("xxz-gov", completed=12, new=3, errors=1)
        progress.add("extract", "extraction", total=10, unit="documents")
        progress.advance("extract", 4, facts=9)
        time.sleep(0.3)
    text = out.getvalue()
    assert "progress xxz-gov: 12 pages, 3 new, 1 errors" in text
    assert "progress extraction: 4/10 documents" in text and "9 facts" in text


def test_live_mode_draws_a_table_and_quiet_draws_nothing():
    terminal = _Terminal()
    with ProgressReporter("auto", terminal) as progress:
        progress.update("hechi-gov", completed=7, new=2, errors=0)
        time.sleep(0.4)
    assert "hechi-gov" in terminal.getvalue() and "7 pages" in terminal.getvalue()
    silent = io.StringIO()
    with ProgressReporter("quiet", silent, interval=0.01) as progress:
        progress.update("x", completed=1)
        time.sleep(0.05)
    assert silent.getvalue() == ""


def test_rate_and_eta():
    row = ProgressRow("extraction", "documents", total=100, completed=25,
                      started=time.monotonic() - 10)
    assert row.rate() == pytest.approx(2.5, rel=0.05)
    assert row.eta() == pytest.approx(30, rel=0.05)
    assert "ETA 30s" in row.describe() or "ETA 29s" in row.describe()
    assert format_seconds(185) == "3m05s" and format_seconds(7440) == "2h04m"
