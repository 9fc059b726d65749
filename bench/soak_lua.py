"""The wrk script of the soak test, written for each run: the readers' URL mix and their
pause between requests.

Each request takes a path at random from a weighted table (bench/soak_bench.py builds it
from the database: thousands of different articles, rubrics, authors, tags, searches,
feeds and sitemaps), so the page cache sees a long tail of misses as a real site does.
With ``think_ms`` > 0 every connection is a reader who waits a random (exponential)
time with that mean before the next request: ``connections / think`` is the offered
rate when the server keeps up. The report counts responses by status class (1xx–5xx),
socket errors and timeouts, and prints one JSON line with the totals.
"""

from __future__ import annotations

import json

TEMPLATE = r"""
local paths = %(paths)s
local think_ms = %(think_ms)d
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
  s2, s3, s4, s5, other = 0, 0, 0, 0, 0
  hit, miss, stale, bypass, absent = 0, 0, 0, 0, 0
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function delay()
  if think_ms == 0 then
    return 0
  end
  return math.floor(-math.log(1 - math.random()) * think_ms)
end

function response(status, headers, body)
  if status >= 500 then s5 = s5 + 1
  elseif status >= 400 then s4 = s4 + 1
  elseif status >= 300 then s3 = s3 + 1
  elseif status >= 200 then s2 = s2 + 1
  else other = other + 1 end
  local cache = headers["X-Vestnik-Cache"] or headers["x-vestnik-cache"]
  if cache == "hit" then hit = hit + 1
  elseif cache == "miss" then miss = miss + 1
  elseif cache == "stale" then stale = stale + 1
  elseif cache == "bypass" then bypass = bypass + 1
  else absent = absent + 1 end
end

function done(summary, latency, requests)
  local totals = {s2 = 0, s3 = 0, s4 = 0, s5 = 0, other = 0, hit = 0, miss = 0, stale = 0, bypass = 0, absent = 0}
  for _, thread in ipairs(threads) do
    for key, _ in pairs(totals) do
      totals[key] = totals[key] + thread:get(key)
    end
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %%d, "duration_us": %%d, "s2": %%d, "s3": %%d, "s4": %%d, "s5": %%d, "other": %%d, ' ..
    '"connect_errors": %%d, "read_errors": %%d, "write_errors": %%d, "timeouts": %%d, ' ..
    '"p50_us": %%d, "p90_us": %%d, "p99_us": %%d, "max_us": %%d, ' ..
    '"cache": {"hit": %%d, "miss": %%d, "stale": %%d, "bypass": %%d, "absent": %%d}}\n',
    summary.requests, summary.duration, totals.s2, totals.s3, totals.s4, totals.s5, totals.other,
    e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    totals.hit, totals.miss, totals.stale, totals.bypass, totals.absent))
end
"""


def lua_string(text: str) -> str:
    """A Lua string literal; json.dumps escapes quotes and backslashes as Lua reads them,
    and the paths are ASCII (percent-encoded) so no \\u escapes appear."""
    if not text.isascii():
        raise ValueError(f"path must be percent-encoded ASCII: {text!r}")
    return json.dumps(text)


def script(weighted: list[tuple[str, int]], think_ms: int) -> str:
    """The Lua source: each path repeated by its weight, so a uniform pick follows the mix."""
    entries = [lua_string(path) for path, weight in weighted for _ in range(weight)]
    return TEMPLATE % {"paths": "{" + ",\n".join(entries) + "}", "think_ms": think_ms}
