"""Crawl speed and incremental cost, run by hand: ``python bench/bench_crawl.py [pages] [rounds]``.

Generates a loopback TRS-style site (list pages with createPageHTML pagination + articles,
2,000 pages by default), then in the same run:
1. a bare Scrapy spider that only fetches the same URLs (baseline),
2. the full ReliefWatch crawl (extract, archive, store) with politeness off,
3. a no-change re-run of the same crawl.
Prints pages/s for 1 and 2 and their ratio (target >= 70 %), and the re-run's requests as a share
of the first run's (target <= 5 %). Each crawl runs in its own process (one reactor each).
Both clocks start after the modules are imported and before the crawler is set up, and stop
when the crawl has closed. The machine's load moves the ratio a lot: take the median of runs.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Settings of both crawls. CONCURRENT_ITEMS is the project's value (crawlers/settings.py): an
# engine setting, not pipeline work, so the baseline gets it too (it is faster with it).
FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS": 32,
        "CONCURRENT_REQUESTS_PER_DOMAIN": 32, "LOG_LEVEL": "WARNING",
        "RELIEFWATCH_MAX_LIST_PAGES": 100000, "CONCURRENT_ITEMS": 4}
PER_LIST = 19
ARTICLE = ("<html><head><meta charset='utf-8'><title>示范县以工代赈项目进展（{i}）</title></head>"
           "<body><div class='nav'><a href='/'>首页</a></div><h1>示范县以工代赈项目进展（{i}）</h1>"
           "<div class='info'>发布时间：2024-01-{d:02d} 来源：示范县发展和改革局</div>"
           "<div class='TRS_Editor'>{body}</div></body></html>")
LIST = ("<html><head><meta charset='utf-8'><title>工作动态</title></head><body><ul>{items}</ul>"
        "<script>createPageHTML({count}, {cur}, \"index\", \"html\");</script></body></html>")


def make_site(root: Path, pages: int) -> list[str]:
    lists = max(1, pages // (PER_LIST + 1))
    col = root / "col"
    (col / "202401").mkdir(parents=True)
    paths = []
    n = 0
    for page in range(lists):
        items = []
        for _ in range(PER_LIST):
            name = f"t202401{n % 28 + 1:02d}_{n}.html"
            body = "".join(f"<p>今年第{k}批项目吸纳脱贫群众{n + k}人务工，"
                           f"发放劳务报酬{k * 3}万元。</p>" for k in range(1, 9))
            (col / "202401" / name).write_text(ARTICLE.format(i=n, d=n % 28 + 1, body=body),
                                               "utf-8")
            items.append(f"<li><a href='./202401/{name}'>第{n}条</a><span>2024-01-01</span></li>")
            paths.append(f"/col/202401/{name}")
            n += 1
        name = "index.html" if page == 0 else f"index_{page}.html"
        (col / name).write_text(LIST.format(items="".join(items), count=lists, cur=page), "utf-8")
        paths.append(f"/col/{name}")
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", "utf-8")
    return paths


def bare(base: str, paths: list[str]) -> dict:
    """Fetch ``paths`` with a spider that does nothing else."""
    import scrapy
    from scrapy.crawler import CrawlerProcess

    class Bare(scrapy.Spider):
        name = "bare"

        async def start(self):
            for path in paths:
                yield scrapy.Request(base + path, callback=self.parse)

        def parse(self, response):
            return None

    # The clock covers setting up the crawler and engine, as full()'s covers crawl()'s set-up.
    started = time.perf_counter()
    process = CrawlerProcess({**FAST, "ROBOTSTXT_OBEY": True, "TELNETCONSOLE_ENABLED": False})
    crawler = process.create_crawler(Bare)
    process.crawl(crawler)
    process.start()
    elapsed = time.perf_counter() - started
    return {"seconds": elapsed,
            "responses": crawler.stats.get_value("response_received_count", 0)}


def full(base: str, db: str) -> dict:
    # Import the project's crawl modules before the clock starts, as bare() imports Scrapy:
    # module loading is start-up cost, not pages/s.
    import crawlers.archive
    import crawlers.middlewares
    import crawlers.pipelines
    import crawlers.runner  # noqa: F401 - pulls in Scrapy, the spider, extract, the db
    from crawlers.api import crawl

    started = time.perf_counter()
    summary = crawl(db, start_urls=[base + "/col/"], settings=FAST)
    return {"seconds": time.perf_counter() - started, "responses": summary.pages_fetched,
            "requests": summary.requests, "new": summary.documents_new}


def child(mode: str, *args: str) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", mode, *args],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main(pages: int, rounds: int) -> None:
    """Alternate bare and full crawls ``rounds`` times (fresh database each round); report the
    median ratio, since one pair of runs swings with whatever else the machine is doing."""
    import statistics

    from reliefwatch.sitehost import serve_site

    ratios, pairs = [], []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "site"
        paths = make_site(root, pages)
        with serve_site(root) as server:
            for n in range(rounds):
                db = str(Path(tmp) / f"db{n}" / "rw.db")
                base_run = child("bare", server.base_url, json.dumps(paths))
                first = child("full", server.base_url, db)
                pairs.append((base_run, first))
                ratios.append((first["responses"] / first["seconds"])
                              / (base_run["responses"] / base_run["seconds"]))
            again = child("full", server.base_url, db)
    print(f"site: {len(paths)} pages, {rounds} rounds")
    for n, (base_run, first) in enumerate(pairs, 1):
        base_rate = base_run["responses"] / base_run["seconds"]
        rate = first["responses"] / first["seconds"]
        print(f"round {n}: bare Scrapy {base_rate:.0f} pages/s, full pipeline {rate:.0f} pages/s "
              f"({first['new']} documents) = {rate / base_rate:.0%}")
    print(f"ratio (median)    : {statistics.median(ratios):.0%} (target >= 70%); "
          f"range {min(ratios):.0%}-{max(ratios):.0%}")
    print(f"no-change re-run  : {again['requests']} requests vs {first['requests']} "
          f"= {again['requests'] / first['requests']:.1%} (target <= 5%), {again['new']} new")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        mode, *rest = sys.argv[2:]
        result = bare(rest[0], json.loads(rest[1])) if mode == "bare" else full(*rest)
        print(json.dumps(result))
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000,
             int(sys.argv[2]) if len(sys.argv) > 2 else 5)
