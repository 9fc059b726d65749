-- wrk script for bench/http_bench.py: counts non-2xx responses and the page cache's
-- X-Vestnik-Cache values per thread, then prints one JSON line with the totals and
-- latency percentiles (microseconds) when the run is done.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx, hit, miss, stale, bypass, absent = 0, 0, 0, 0, 0, 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
  local value = headers["X-Vestnik-Cache"] or headers["x-vestnik-cache"]
  if value == "hit" then
    hit = hit + 1
  elseif value == "miss" then
    miss = miss + 1
  elseif value == "stale" then
    stale = stale + 1
  elseif value == "bypass" then
    bypass = bypass + 1
  else
    absent = absent + 1
  end
end

function done(summary, latency, requests)
  local total = {non2xx = 0, hit = 0, miss = 0, stale = 0, bypass = 0, absent = 0}
  for _, thread in ipairs(threads) do
    for name, _ in pairs(total) do
      total[name] = total[name] + (thread:get(name) or 0)
    end
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, '
      .. '"max_us": %d, "mean_us": %.1f, "non2xx": %d, "connect_errors": %d, "read_errors": %d, '
      .. '"write_errors": %d, "timeouts": %d, "cache": {"hit": %d, "miss": %d, "stale": %d, '
      .. '"bypass": %d, "absent": %d}}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, latency.mean, total.non2xx, e.connect, e.read, e.write,
    e.timeout, total.hit, total.miss, total.stale, total.bypass, total.absent))
end
