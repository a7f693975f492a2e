-- wrk: seed 000's example through the second generation's path: the payload alone, the rest in the query, a
-- correlation_id out of 1,000 per request (the same keys as create-message.lua). Counts 202s like it.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Basic QXV0b21pemU6YXV0b21pemUtc2VjcmV0"

local body = '{"short_description":"Printer is not working","urgency":3,"impact":3,"number":"INC00001001"}'
local threads = {}
local counter = 0
accepted = 0

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function request()
  counter = counter + 1
  local path = string.format("%s?correlation_id=bench-%d&external_action=update&external_reference=INC00001001",
    wrk.path, (counter * 7 + id * 3) % 1000)
  return wrk.format(nil, path, nil, body)
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
