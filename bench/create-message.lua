-- wrk: seed 000's JSON example, asynchronous, Basic auth, a correlation_id out of 1,000 per request.
-- Counts 202s per thread and prints their sum, for the receipts-versus-rows check.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Basic QXV0b21pemU6YXV0b21pemUtc2VjcmV0"

local template = '{"payload":{"short_description":"Printer is not working","urgency":3,"impact":3,' ..
  '"number":"INC00001001"},"integrationmode":"asynchronous","integrationPartner":"Automize",' ..
  '"correlation_id":"bench-%d","external_action":"update","external_reference":"INC00001001",' ..
  '"message_type":"Inbound Automize Incident"}'
local threads = {}
local counter = 0
accepted = 0

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function request()
  counter = counter + 1
  return wrk.format(nil, nil, nil, string.format(template, (counter * 7 + id * 3) % 1000))
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
