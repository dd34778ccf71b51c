"""Worker side of a crawl shared through Redis (scrapy-redis); the writer is
:mod:`crawlers.scaleout`.

A worker runs the usual spider with scrapy-redis's scheduler and duplicate filter, so every
worker takes requests from one queue and a URL is requested once across all of them. It has no
database: what the spider would write (documents, errors, counts, seen URLs) goes to the
writer as events on a Redis list, and the writer stores it in SQLite.

Nothing is lost when a worker dies: every request is a *unit of work* recorded in the ``open``
hash (with the request, encoded) from the moment it is queued until its outcome has been
handled (a list page's links queued, a document stored by the writer, an error recorded); the
worker that takes a request becomes its ``owner``. When a worker stops answering (its
``alive`` key expires, or its process is gone), the writer puts its open units back in the
queue. The crawl is over when no unit is open.

Run one by hand with ``reliefwatch worker --redis URL`` (on any machine that reaches Redis and
the sites); ``reliefwatch crawl --redis URL`` starts ``--workers`` of them itself.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import socket
import sys
import uuid
from typing import Any

import redis
from scrapy import Request
from scrapy.exceptions import DontCloseSpider
from scrapy_redis.scheduler import Scheduler

from crawlers.sources import Source

logger = logging.getLogger(__name__)
ALIVE_SECONDS = 6  # a worker that has not said so for this long is taken for dead


class Keys:
    """Redis key names of one shared run."""

    def __init__(self, run_id: int, prefix: str = "reliefwatch") -> None:
        base = f"{prefix}:run:{run_id}"
        self.run_id = run_id
        self.config, self.queue, self.dupefilter = f"{base}:config", f"{base}:queue", \
            f"{base}:dupefilter"
        self.open, self.owner, self.events = f"{base}:open", f"{base}:owner", f"{base}:events"
        self.followups, self.known, self.attempted = f"{base}:followups", f"{base}:known", \
            f"{base}:attempted"
        self.workers, self.seeded, self.done = f"{base}:workers", f"{base}:seeded", \
            f"{base}:done"
        self.current = f"{prefix}:current"

    def alive(self, worker: str) -> str:
        return f"reliefwatch:run:{self.run_id}:alive:{worker}"

    def all(self) -> list[str]:
        return [self.config, self.queue, self.dupefilter, self.open, self.owner, self.events,
                self.followups, self.known, self.attempted, self.workers, self.seeded,
                self.done]


def new_unit() -> str:
    return uuid.uuid4().hex


class SharedScheduler(Scheduler):
    """scrapy-redis's scheduler, keeping every request's unit of work open until it is done."""

    def enqueue_request(self, request: Request) -> bool:
        keys: Keys = self.spider.state.keys
        unit = request.meta.get("rw_unit")
        known = self.server.hget(keys.open, unit) if unit is not None else None
        if known is not None and known.startswith(b"F"):  # a request the writer asked for
            self.df.request_seen(request)  # its URL counts as seen from now on
        elif known is None:  # new (not a redirect or retry of an open unit)
            if not request.dont_filter and self.df.request_seen(request):
                return False
            request.meta["rw_unit"] = unit = new_unit()
        data = self.queue._encode_request(request)
        pipe = self.server.pipeline()
        pipe.hset(keys.open, unit, data)
        pipe.hdel(keys.owner, unit)
        pipe.zadd(keys.queue, {data: -request.priority})
        pipe.execute()
        return True

    def next_request(self) -> Request | None:
        request = self.queue.pop(self.idle_before_close)
        if request is not None and self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        if request is not None and request.meta.get("rw_unit"):
            state = self.spider.state
            self.server.hset(state.keys.owner, request.meta["rw_unit"], state.worker)
        return request


class SharedRunState:
    """What the spider calls :class:`crawlers.runstate.RunState` for, sent to the writer."""

    shared = True

    def __init__(self, server: redis.Redis, keys: Keys, worker: str, config: dict) -> None:
        self.server, self.keys, self.worker = server, keys, worker
        self.run_id = keys.run_id
        self.sources = {s["id"]: Source.from_dict(s) for s in config["sources"]}
        self.full = config["full"]
        self.resume = set(config["resume"])
        self.known = {m.decode() for m in server.smembers(keys.known)}
        self.attempted = {m.decode() for m in server.smembers(keys.attempted)}
        self.before_commit: list = []
        self.progress = self.on_fatal = self.fatal = None
        self.commit_seconds = 0.5
        self.spider: Any = None

    def _send(self, event: dict) -> None:
        self.server.rpush(self.keys.events, pickle.dumps(event, protocol=4))

    # -- the RunState interface used by the spider ---------------------------------------
    def is_known(self, canonical_url: str) -> bool:
        return canonical_url in self.known

    def is_fresh(self, canonical_url: str) -> bool:
        return canonical_url not in self.attempted

    def paginate_fully(self, source_id: str) -> bool:
        return self.full or source_id in self.resume

    def conditional_headers(self, canonical_url: str) -> dict[str, str]:
        return {}  # shared crawls fetch without validators

    def fetched(self, canonical_url: str, headers: dict[str, str]) -> None:
        pass

    def not_modified(self, canonical_url: str) -> None:
        self._send({"type": "not_modified", "url": canonical_url})

    def failed(self, canonical_url: str, status: int) -> None:
        self._send({"type": "failed", "url": canonical_url, "status": status})

    def error(self, url: str, kind: str, message: str, status: int | None = None,
              source_id: str | None = None) -> None:
        logger.warning("%s error on %s: %s", kind, url, message)
        self._send({"type": "error", "url": url, "kind": kind, "message": message,
                    "status": status, "source_id": source_id})

    def page(self, source_id: str | None) -> None:
        self._send({"type": "page", "source_id": source_id})

    def start_ok(self, source_id: str) -> None:
        self._send({"type": "start_ok", "source_id": source_id})

    def attachment_done(self, parent_url: str | None, canonical_url: str,
                        document_id: int | None = None, sha256: str | None = None) -> None:
        self._send({"type": "attachment_done", "parent": parent_url, "url": canonical_url})

    def unit_done(self, request: Request | str | None) -> None:
        """The request's outcome is handled here (list page, error, 304, a dropped item):
        close its unit (a request, or the unit id an item carries)."""
        unit = request.meta.get("rw_unit") if isinstance(request, Request) else request
        if unit:
            self._send({"type": "done", "unit": unit})

    def commit(self) -> None:
        for hook in self.before_commit:
            hook()
        self.server.set(self.keys.alive(self.worker), os.getpid(), ex=ALIVE_SECONDS)
        self._take_followups()
        if self.server.zcard(self.keys.queue) and self.spider is not None:
            slot = getattr(self.spider.crawler.engine, "_slot", None)
            if slot is not None:
                slot.nextcall.schedule()  # wake an idle engine: requests are waiting

    def _take_followups(self) -> None:
        """Requests the writer asks for (an article's attachments)."""
        while self.spider is not None and (raw := self.server.lpop(self.keys.followups)):
            item = json.loads(raw)
            spider = self.spider
            if item["kind"] == "list":  # a start page
                request = spider._request(item["url"], "list", item["source_id"],
                                          spider.parse_list, rw_start=item["url"],
                                          rw_is_start=True, rw_unit=item["unit"])
            else:
                request = spider._request(
                    item["url"], "attachment", item["source_id"], spider.parse_attachment,
                    rw_parent=item["parent"], rw_parent_id=item["parent_id"],
                    rw_parent_relevant=item["relevant"], rw_unit=item["unit"])
            spider.crawler.engine.crawl(request)

    def idle(self) -> None:
        """Keep the worker while any unit of work is open anywhere."""
        self.commit()
        if self.server.exists(self.keys.done):
            return
        if self.server.hlen(self.keys.open) or self.server.llen(self.keys.followups):
            raise DontCloseSpider

    def finish(self, reason: str, pages_fetched: int, requests: int) -> str:
        for hook in self.before_commit:
            hook()
        self._send({"type": "worker_closed", "worker": self.worker, "reason": reason,
                    "requests": requests})
        self.server.delete(self.keys.alive(self.worker))
        return reason


class HandoffPipeline:
    """Hand each captured document to the writer (after the archive is flushed)."""

    def __init__(self, crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def process_item(self, item):
        state = self.crawler.spider.state
        for hook in state.before_commit:
            hook()  # the document will point into the archive: its bytes must be written
        unit = item.extra.pop("rw_unit", None)
        state._send({"type": "item", "item": item, "unit": unit})
        return item


def worker_settings(config: dict, keys: Keys, redis_url: str, worker: str) -> dict[str, Any]:
    """Scrapy settings of a worker: scrapy-redis scheduler and filter, the hand-off."""
    from crawlers.archive import warc_name

    archive = config["archive_dir"]
    return {
        **config.get("settings", {}),
        "SCHEDULER": "crawlers.remote.SharedScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",
        "SCHEDULER_QUEUE_KEY": keys.queue, "SCHEDULER_DUPEFILTER_KEY": keys.dupefilter,
        "SCHEDULER_PERSIST": True, "REDIS_URL": redis_url,
        "ITEM_PIPELINES": {"crawlers.pipelines.ValidatePipeline": 100,
                           "crawlers.remote.HandoffPipeline": 500},
        "RELIEFWATCH_SHARED": True,
        "RELIEFWATCH_WARC_PATH": os.path.join(
            archive, warc_name(keys.run_id).replace(".warc.gz", f"-{worker}.warc.gz")),
        "LOG_LEVEL": config.get("settings", {}).get("LOG_LEVEL", "INFO"),
    }


def run_worker(redis_url: str, run_id: int | None = None, worker: str | None = None) -> int:
    """Join the shared run ``run_id`` (default: the current one) and crawl until it is done."""
    from scrapy.crawler import CrawlerProcess

    from crawlers.spiders.generic import SourcesSpider

    server = redis.Redis.from_url(redis_url)
    if run_id is None:
        current = server.get(Keys(0).current)
        if current is None:
            logger.error("no shared crawl is running on %s", redis_url)
            return 1
        run_id = int(current)
    keys = Keys(run_id)
    raw = server.get(keys.config)
    if raw is None:
        logger.error("run %s is not shared on %s", run_id, redis_url)
        return 1
    config = json.loads(raw)
    worker = worker or f"{socket.gethostname()}-{os.getpid()}"
    server.sadd(keys.workers, worker)
    server.set(keys.alive(worker), os.getpid(), ex=ALIVE_SECONDS)
    state = SharedRunState(server, keys, worker, config)
    settings = worker_settings(config, keys, redis_url, worker)
    settings["LOG_INSTALL_ROOT_HANDLER"] = not logging.getLogger().handlers
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(SourcesSpider)
    process.crawl(crawler, source_list=list(state.sources.values()), full=config["full"],
                  shared_state=state)
    process.start()
    return 0


if __name__ == "__main__":  # python -m crawlers.remote REDIS_URL RUN_ID WORKER
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: "
                        "%(message)s")
    sys.exit(run_worker(sys.argv[1], int(sys.argv[2]), sys.argv[3]))
