-- wrk: counts the 202 answers per thread and prints their sum at the end, for the receipts-versus-rows check.
-- Loaded by the request scripts with dofile; each thread also gets an id, for spreading correlation ids.
local threads = {}
accepted = 0

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function response(status, headers, body)
  if status == 202 then
    accepted = accepted + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("accepted")
  end
  io.write(string.format("accepted_202=%d\n", total))
end
