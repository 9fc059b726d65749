"""Page budget on a phone: weight, requests, Largest Contentful Paint and layout shift per page type.

Loads each public page type of a running demo site (`make demo`) in headless Debian chromium
as a phone on a slow network: a 390 x 844 viewport at device scale 3, "slow 4G" through the
DevTools protocol (Network.emulateNetworkConditions: 150 ms round trip, 1.6 Mbit/s down,
750 kbit/s up) and the CPU slowed four times (Emulation.setCPUThrottlingRate), with the
browser cache off, so every visit is a first visit. The server's own page cache is warmed
first (one unthrottled visit), as it would be for any page a reader finds.

Per page type, the median of ``--runs`` visits: HTML and CSS bytes (uncompressed), every
byte received, the number of requests, the render-blocking ones (the HTML itself counted),
LCP and CLS from PerformanceObserver. The budget (issue #10, docs/design.md): HTML < 60 KB,
CSS < 30 KB, at most 5 requests before the first render, LCP < 1.0 s, CLS < 0.05.

    python bench/page_budget_bench.py [--base http://127.0.0.1:8000] [--runs 3] [--json out.json]

BENCH_BUDGET_URL sets the default base. Says SKIPPED (exit 0) when no site answers there.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import statistics
import sys
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
CPU_SLOWDOWN = 4
PHONE = {"width": 390, "height": 844}
BUDGET = {"html_kb": 60, "css_kb": 30, "blocking": 5, "lcp_ms": 1000, "cls": 0.05}

# Before any page script: what the page paints and shifts, as PerformanceObserver reports it.
OBSERVE = """
window.__lcp = 0; window.__cls = 0;
new PerformanceObserver(list => { for (const e of list.getEntries()) window.__lcp = e.startTime; })
  .observe({type: "largest-contentful-paint", buffered: true});
new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value; })
  .observe({type: "layout-shift", buffered: true});
"""
MEASURE = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const resources = performance.getEntriesByType("resource");
  return {lcp: window.__lcp, cls: window.__cls,
          blocking: resources.filter(r => r.renderBlockingStatus === "blocking").map(r => r.name),
          fcp: (performance.getEntriesByName("first-contentful-paint")[0] || {}).startTime || 0,
          transfer: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0)};
}"""


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode()


def find_pages(base: str) -> dict[str, str]:
    """One address per page type on the demo site (the seed article and its first tag)."""
    rubric = get(base + "/politika/")
    article = re.search(r'href="(/politika/zhena-[^"]+)"', rubric) or re.search(
        r'href="(/politika/[^"/]+/)"', rubric
    )
    if article is None:
        raise SystemExit(f"{base}/politika/ lists no article: is this the demo site (`make demo`)?")
    tag = re.search(r'href="(/tag/[^"]+)"', get(base + "/")) or re.search(r'href="(/tag/[^"]+)"', rubric)
    return {
        "home": "/",
        "rubric": "/politika/",
        "article": article.group(1),
        "author": "/author/anuar-nurpeisov/",
        "tag": tag.group(1) if tag else "/tag/almaty/",
        "search": "/search/?q=%D0%B1%D1%8E%D0%B4%D0%B6%D0%B5%D1%82",  # бюджет
        "404": "/no-such-page/",
    }


def visit(browser, url: str) -> dict:
    """One cold visit as a throttled phone."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=3, is_mobile=True, has_touch=True,
                                  locale="ru-RU")  # fmt: skip
    context.add_init_script(OBSERVE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    bodies: list[tuple[str, str, int]] = []

    def record(response):
        try:
            size = len(response.body())
        except Exception:  # noqa: BLE001 — a redirect or an aborted request has no body
            size = 0
        bodies.append((response.request.resource_type, response.url, size))

    page.on("response", record)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(1500)  # late shifts and the last paint candidates
    measured = page.evaluate(MEASURE)
    context.close()
    html = sum(size for kind, _, size in bodies if kind == "document")
    css = sum(size for kind, _, size in bodies if kind == "stylesheet")
    return {
        "html_bytes": html,
        "css_bytes": css,
        "total_bytes": measured["transfer"],
        "requests": len(bodies),
        "blocking": 1 + len(measured["blocking"]),
        "fcp_ms": round(measured["fcp"]),
        "lcp_ms": round(measured["lcp"]),
        "cls": round(measured["cls"], 4),
        "other_origins": sorted({u for _, u, _ in bodies if urlsplit(u).netloc != urlsplit(url).netloc}),
    }


def run(base: str, runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    pages = find_pages(base)
    rows = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, path in pages.items():
            get_quietly(base + path)  # the server's page cache, warm
            visits = [visit(browser, base + path) for _ in range(runs)]
            rows[name] = {"path": path} | {
                key: (statistics.median(v[key] for v in visits) if key not in ("other_origins",) else
                      sorted({u for v in visits for u in v[key]}))
                for key in visits[0]
            }  # fmt: skip
        browser.close()
    return {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "base": base,
        "profile": {
            "viewport": PHONE,
            "device_scale_factor": 3,
            "network": SLOW_4G,
            "cpu_slowdown": CPU_SLOWDOWN,
        },
        "runs": runs,
        "budget": BUDGET,
        "pages": rows,
    }


def get_quietly(url: str) -> None:
    try:
        get(url)
    except Exception:  # noqa: BLE001 — the 404 page answers 404: warm all the same
        pass


def misses(row: dict) -> list[str]:
    found = []
    if row["html_bytes"] >= BUDGET["html_kb"] * 1024:
        found.append("HTML")
    if row["css_bytes"] >= BUDGET["css_kb"] * 1024:
        found.append("CSS")
    if row["blocking"] > BUDGET["blocking"]:
        found.append("blocking")
    if row["lcp_ms"] >= BUDGET["lcp_ms"]:
        found.append("LCP")
    if row["cls"] >= BUDGET["cls"]:
        found.append("CLS")
    if row["other_origins"]:
        found.append("3rd-party")
    return found


def report(result: dict) -> str:
    lines = [
        f"Page budget on a throttled phone ({result['base']}, median of {result['runs']} cold visits; "
        f"390 px, slow 4G 150 ms / 1.6 Mbit/s, CPU x{CPU_SLOWDOWN})",
        f"budget: HTML < {BUDGET['html_kb']} KB, CSS < {BUDGET['css_kb']} KB, <= {BUDGET['blocking']} "
        f"render-blocking, LCP < {BUDGET['lcp_ms']} ms, CLS < {BUDGET['cls']}",
        f"{'page':<9}{'HTML KB':>9}{'CSS KB':>8}{'total KB':>10}{'requests':>10}{'blocking':>10}"
        f"{'FCP ms':>8}{'LCP ms':>8}{'CLS':>8}  misses",
    ]
    lines.append("-" * (len(lines[-1]) + 8))
    for name, row in result["pages"].items():
        lines.append(
            f"{name:<9}{row['html_bytes'] / 1024:>9.1f}{row['css_bytes'] / 1024:>8.1f}{row['total_bytes'] / 1024:>10.1f}"
            f"{row['requests']:>10.0f}{row['blocking']:>10.0f}{row['fcp_ms']:>8.0f}{row['lcp_ms']:>8.0f}"
            f"{row['cls']:>8.3f}  {', '.join(misses(row)) or '-'}"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default=os.environ.get("BENCH_BUDGET_URL", "http://127.0.0.1:8000"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", help="also write the result here (bench/run.py)")
    args = parser.parse_args()
    base = args.base.rstrip("/")
    try:
        get(base + "/healthz")
    except Exception as error:  # noqa: BLE001 — any failure means "skip, and say why"
        print(
            f"SKIPPED the page budget: no site at {base} ({error}); start `make demo` first", file=sys.stderr
        )
        if args.json:
            Path(args.json).write_text("null")
        return 0
    result = run(base, args.runs)
    RESULTS.mkdir(parents=True, exist_ok=True)
    target = RESULTS / f"{dt.date.today().isoformat()}-budget.json"
    target.write_text(json.dumps(result, ensure_ascii=False, indent=2))
    if args.json:
        Path(args.json).write_text(json.dumps(result, ensure_ascii=False, indent=2))
    print(report(result))
    print(f"\nJSON: {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
