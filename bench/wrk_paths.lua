-- wrk script for bench/http_bench.py's long tail: bench/wrk_report.lua's counts and report,
-- and each request for another path from the file named after "--" (one per line). Each
-- thread walks its own share of them, so no path is asked for twice while paths are left.
-- (A separate script because defining request() makes wrk build every request in Lua,
-- which would slow the other runs, the nginx reference among them.)

local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
dofile(here .. "wrk_report.lua")

local report_setup, report_init = setup, init
local thread_count = 0

function setup(thread)
  report_setup(thread)
  thread_count = thread_count + 1
  thread:set("number", thread_count)
end

function init(args)
  report_init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if line ~= "" then table.insert(paths, line) end
  end
  step = tonumber(args[2])
  position = number  -- threads start at 1, 2, … and step over each other's paths
end

function request()
  local path = paths[((position - 1) % #paths) + 1]
  position = position + step
  return wrk.format(nil, path)
end
