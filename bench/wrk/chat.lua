-- wrk script: POST one chat completion per request. Arguments after `--`: "stream" for an SSE
-- reply (else "plain"), then optionally "unique" to make every request body different (a cache
-- miss each time). Without "unique" the request is fixed, so wrk builds it once (no per-request
-- Lua). done() prints one JSON line that bench/analyze.py reads.

local prefix = '{"model":"gpt-4o-mini","messages":['
  .. '{"role":"system","content":"You are a helpful assistant."},'
  .. '{"role":"user","content":"Summarise the plot of Hamlet in two sentences.'
local suffix = '"}]'
local threads = 0
local unique = false
local counter = 0
local id = ""
local tail = "}"

function setup(thread)
  threads = threads + 1
  thread:set("tag", tostring(threads))
end

function init(args)
  unique = args[2] == "unique"
  tail = (args[1] == "stream" and ',"stream":true}' or '}')
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer sk-bench-client"
  wrk.body = prefix .. suffix .. tail
  if unique then
    -- Distinct across runs of one bench as well: the time this wrk started, then a counter.
    -- `tag` is the global setup() gave this thread.
    math.randomseed(os.time() * 1000 + tonumber(tag or "1"))
    id = tostring(tag or "1") .. "-" .. tostring(os.time()) .. "-" .. tostring(math.random(1, 1000000000))
    request = function()
      counter = counter + 1
      return wrk.format(nil, nil, nil, prefix .. " #" .. id .. "-" .. counter .. suffix .. tail)
    end
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d,"mean":%.1f}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.max, latency.mean))
end
