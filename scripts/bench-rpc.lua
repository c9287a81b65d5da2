-- wrk script of scripts/bench-rpc.mjs: POSTs the JSON-RPC bodies of a file (one a line), in
-- turn, and counts the answers that carry a JSON-RPC error (an HTTP 200 all the same).
--   wrk -t2 -c32 -d10s --latency -s scripts/bench-rpc.lua http://127.0.0.1:PORT -- BODIES
local bodies = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then table.insert(bodies, line) end
  end
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  next_body = 1
  rpc_errors = 0
end

function request()
  local body = bodies[next_body]
  next_body = next_body % #bodies + 1
  return wrk.format(nil, "/", nil, body)
end

function response(status, headers, body)
  if status ~= 200 or string.find(body, '"error"', 1, true) then
    rpc_errors = rpc_errors + 1
  end
end

function done(summary, latency, requests)
  local errors = 0
  for _, thread in ipairs(threads) do
    errors = errors + thread:get("rpc_errors")
  end
  io.write(string.format("RESULT requests=%d seconds=%.3f p50_us=%d p99_us=%d rpc_errors=%d\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99), errors))
end
