"""Fixtures shared by the whole suite."""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def run_async(coro: Coroutine[Any, Any, Any]) -> Any:
    """Run a coroutine to completion on a fresh event loop in its own thread.

    A thread keeps it independent of any reactor or loop the test session runs.
    """
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


@pytest.fixture
def shared_dir() -> Path:
    """``../shared`` beside the project; tests that need it skip where it is absent."""
    if not (SHARED / "corpus" / "seeds.jsonl").exists():
        pytest.skip("../shared is not present (a user's clone has none)")
    return SHARED
