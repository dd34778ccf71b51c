"""A crawl shared through Redis: this process is the one writer, workers fetch.

``reliefwatch crawl --redis URL --workers N`` opens the run in SQLite, publishes what workers
need in Redis (sources, options, the URLs already known), starts N worker processes
(:mod:`crawlers.remote`; more can join from other machines with ``reliefwatch worker``), and
then stores what they send, in order, through the same :class:`RunState` and
:class:`StorePipeline` code a single-process crawl uses: one writer, one SQLite transaction
stream, no lock contention. It watches the workers: the open units of work of one that died
go back to the queue. The run ends when no unit is open and every local worker has exited.
"""

from __future__ import annotations

import json
import logging
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import redis

from crawlers.api import CrawlSummary, _default_archive, select_sources
from crawlers.documents import StoreResult
from crawlers.followups import attachments_to_fetch
from crawlers.items import CapturedDocument
from crawlers.pipelines import StorePipeline
from crawlers.remote import Keys, new_unit
from crawlers.runner import DatabaseUnwritable, open_run
from crawlers.runstate import RunState

logger = logging.getLogger(__name__)
_STOP = (signal.SIGINT, signal.SIGTERM)


class _WriterSpider:
    """The part of the spider the store pipeline calls, for the writer process."""

    def __init__(self, state: RunState, followup: Any) -> None:
        self.state, self.followup = state, followup
        self.scheduled: set[str] = set()

    def article_stored(self, item: CapturedDocument, result: StoreResult) -> None:
        """Ask the workers for the article's attachments (units opened here)."""
        fetch = attachments_to_fetch(self.state, item.source_id, result, self.scheduled)
        for url, _canonical in fetch:
            self.followup({"url": url, "source_id": item.source_id, "kind": "attachment",
                           "parent": item.canonical_url, "parent_id": result.document_id,
                           "relevant": result.relevant})
        waiting = [canonical for _url, canonical in fetch]
        self.state.article_stored(item.canonical_url, result.document_id, result.sha256,
                                  waiting)


class SharedCrawl:
    """The writer of one shared run."""

    def __init__(self, server: redis.Redis, db_path: Path, run_id: int, sources: list,
                 full: bool, progress: Any = None) -> None:
        self.server, self.keys = server, Keys(run_id)
        self.state = RunState.open(db_path, sources, run_id=run_id, full=full)
        self.state.progress = progress
        self.spider = _WriterSpider(self.state, self.followup)
        self.store = StorePipeline(SimpleNamespace(spider=self.spider))
        self.requests = 0
        self.per_worker: dict[str, int] = {}
        self.stopping = False

    def publish(self, config: dict) -> None:
        keys, server = self.keys, self.server
        server.delete(*keys.all())
        config["resume"] = sorted(self.state.resume)
        server.set(keys.config, json.dumps(config, ensure_ascii=False))
        for name, urls in ((keys.known, self.state.known), (keys.attempted,
                                                            self.state.attempted)):
            batch = list(urls)
            for start in range(0, len(batch), 5000):
                server.sadd(name, *batch[start:start + 5000])
        for source in self.state.sources.values():  # the start pages, as open units of work
            for url in source.start_urls:
                self.followup({"url": url, "source_id": source.id, "kind": "list"})
        server.set(keys.current, self.keys.run_id)

    def followup(self, request: dict) -> None:
        """Open a unit of work for a request the workers should make, and hand it over."""
        request["unit"] = unit = new_unit()
        data = json.dumps(request, ensure_ascii=False)
        self.server.hset(self.keys.open, unit, b"F" + data.encode())
        self.server.rpush(self.keys.followups, data)

    def handle(self, event: dict) -> None:
        state, kind = self.state, event["type"]
        if kind == "item":
            item: CapturedDocument = event["item"]
            try:
                self.store.process_item(item)
            except Exception:  # noqa: BLE001 - DropItem: recorded by the pipeline
                pass
            self.done(event.get("unit"))
        elif kind == "done":
            self.done(event["unit"])
        elif kind == "page":
            state.page(event["source_id"])
        elif kind == "start_ok":
            state.start_ok(event["source_id"])
        elif kind == "error":
            state.error(event["url"], event["kind"], event["message"], event["status"],
                        event["source_id"])
        elif kind == "failed":
            state.failed(event["url"], event["status"])
        elif kind == "not_modified":
            state.not_modified(event["url"])
        elif kind == "attachment_done":
            state.attachment_done(event["parent"], event["url"])
        elif kind == "worker_closed":
            self.requests += int(event.get("requests") or 0)
            self.per_worker[event["worker"]] = int(event.get("requests") or 0)

    def done(self, unit: str | None) -> None:
        if unit:
            self.server.hdel(self.keys.open, unit)
            self.server.hdel(self.keys.owner, unit)

    def requeue(self, worker: str) -> int:
        """Put the open units of a worker that died back in the queue."""
        count = 0
        for unit, owner in self.server.hgetall(self.keys.owner).items():
            if owner.decode() != worker:
                continue
            data = self.server.hget(self.keys.open, unit)
            self.server.hdel(self.keys.owner, unit)
            if data is None:
                continue
            if data.startswith(b"F"):
                self.server.rpush(self.keys.followups, data[1:])
            else:
                request = pickle.loads(data)
                self.server.zadd(self.keys.queue, {data: -int(request.get("priority", 0))})
            count += 1
        self.server.srem(self.keys.workers, worker)
        if count:
            logger.warning("worker %s stopped; %d of its requests queued again", worker, count)
        return count

    def open_units(self) -> int:
        return int(self.server.hlen(self.keys.open)) + int(self.server.llen(self.keys.events))

    def loop(self, procs: dict[str, subprocess.Popen]) -> str:
        """Store events until the work is done; returns the crawl's end reason."""
        last_check = 0.0
        while True:
            popped = self.server.blpop([self.keys.events], timeout=0.5)
            if popped is not None:
                self.handle(pickle.loads(popped[1]))
                self.state.stored()
            if time.monotonic() - last_check < 0.5 and popped is not None:
                continue
            last_check = time.monotonic()
            self.state.commit()
            if self.state.fatal is not None:
                return "database_error"
            self._watch(procs)
            running = [p for p in procs.values() if p.poll() is None]
            if self.open_units() == 0 and not self.server.llen(self.keys.followups):
                self.server.set(self.keys.done, 1)
                if not running:
                    return "shutdown" if self.stopping else "finished"
            elif not running:  # every local worker is gone with work left
                return "shutdown"

    def _watch(self, procs: dict[str, subprocess.Popen]) -> None:
        """Requeue the work of workers whose process ended or who stopped saying they live."""
        for worker in [m.decode() for m in self.server.smembers(self.keys.workers)]:
            proc = procs.get(worker)
            exited = proc is not None and proc.poll() is not None
            if exited or not self.server.exists(self.keys.alive(worker)):
                self.requeue(worker)


def _start_worker(redis_url: str, run_id: int, worker: str, log: Path) -> subprocess.Popen:
    handle = open(log, "a", encoding="utf-8")  # noqa: SIM115 - the child keeps it
    return subprocess.Popen([sys.executable, "-m", "crawlers.remote", redis_url, str(run_id),
                             worker], stdout=handle, stderr=subprocess.STDOUT)


def crawl_with_redis(db_path: str | Path, redis_url: str, workers: int = 2,
                     sources: list[str] | None = None, start_urls: list[str] | None = None,
                     archive_dir: str | Path | None = None, full: bool = False,
                     settings: dict | None = None, max_pages: int | None = None,
                     progress: Any = None) -> CrawlSummary:
    """Crawl with ``workers`` local worker processes sharing the Redis queue at ``redis_url``."""
    db_path = Path(db_path)
    source_list = select_sources(sources, start_urls)
    server = redis.Redis.from_url(redis_url)
    try:
        server.ping()
    except redis.RedisError as exc:
        raise RuntimeError(f"cannot reach Redis at {redis_url}: {exc}") from exc
    db, run_id = open_run(str(db_path), source_list, {"full": full, "redis": True})
    db.close()
    try:
        crawl = SharedCrawl(server, db_path, run_id, source_list, full, progress)
    except Exception as exc:
        raise DatabaseUnwritable(f"cannot write {db_path}: {exc}") from exc
    archive = _default_archive(db_path, archive_dir)
    archive.mkdir(parents=True, exist_ok=True)
    crawl.publish({"sources": [s.to_dict() for s in source_list], "full": full,
                   "archive_dir": str(archive), "settings": dict(settings or {}),
                   "max_pages": max_pages})
    previous = {s: signal.getsignal(s) for s in _STOP}

    def stop(signum: int, _frame: Any) -> None:
        crawl.stopping = True
        for proc in procs.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)

    log = db_path.with_suffix(".workers.log")
    procs = {f"w{i}": _start_worker(redis_url, run_id, f"w{i}", log) for i in range(workers)}
    for sig in _STOP:
        signal.signal(sig, stop)
    try:
        reason = crawl.loop(procs)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for proc in procs.values():
            if proc.poll() is None:
                proc.terminate()
            proc.wait()
    while (raw := server.lpop(crawl.keys.events)) is not None:  # the last words of workers
        crawl.handle(pickle.loads(raw))
    status = crawl.state.finish(reason, crawl.state.pages, crawl.requests)
    try:  # requests made by each worker, for the record
        row = crawl.state.db.table("crawl_runs").get(run_id)
        options = {**json.loads(row.get("options") or "{}"), "workers": crawl.per_worker}
        crawl.state.db.table("crawl_runs").update(run_id, {"options": json.dumps(options)})
    except Exception:  # noqa: BLE001 - bookkeeping only
        logger.exception("could not record the workers of run %s", run_id)
    if reason == "finished":
        server.delete(*crawl.keys.all())
        if int(server.get(crawl.keys.current) or 0) == run_id:
            server.delete(crawl.keys.current)
    counts = crawl.state.run_counts()
    fatal = crawl.state.fatal
    return CrawlSummary(
        run_id=run_id, pages_fetched=counts["pages_fetched"],
        documents_new=counts["documents_new"], documents_updated=counts["documents_updated"],
        errors=counts["errors"], status=status, requests=crawl.requests,
        sources=crawl.state.summary(),
        fatal=f"cannot write {db_path}: {fatal}" if fatal is not None else None,
        signal=signal.SIGTERM if crawl.stopping else None)

