-- wrk: seed 000's JSON example, asynchronous, Basic auth, a correlation_id out of 1,000 per request.
-- Counts 202s per thread and prints their sum, for the receipts-versus-rows check.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Basic QXV0b21pemU6YXV0b21pemUtc2VjcmV0"

local template = '{"payload":{"short_description":"Printer is not working","urgency":3,"impact":3,' ..
  '"number":"INC00001001"},"integrationmode":"asynchronous","integrationPartner":"Automize",' ..
  '"correlation_id":"bench-%d","external_action":"update","external_reference":"INC00001001",' ..
  '"message_type":"Inbound Automize Incident"}'
dofile("bench/count-202.lua")
local counter = 0

function request()
  counter = counter + 1
  return wrk.format(nil, nil, nil, string.format(template, (counter * 7 + id * 3) % 1000))
end
