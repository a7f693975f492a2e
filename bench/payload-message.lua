-- wrk: seed 000's example through the second generation's path: the payload alone, the rest in the query, a
-- correlation_id out of 1,000 per request (the same keys as create-message.lua). Counts 202s like it.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Basic QXV0b21pemU6YXV0b21pemUtc2VjcmV0"

local body = '{"short_description":"Printer is not working","urgency":3,"impact":3,"number":"INC00001001"}'
dofile("bench/count-202.lua")
local counter = 0

function request()
  counter = counter + 1
  local path = string.format("%s?correlation_id=bench-%d&external_action=update&external_reference=INC00001001",
    wrk.path, (counter * 7 + id * 3) % 1000)
  return wrk.format(nil, path, nil, body)
end
