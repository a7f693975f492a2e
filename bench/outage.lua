-- wrk script of bench/outage.sh: asynchronous CreateMessage (Basic auth Automize) of one message type, or two in
-- turn, with spread correlation ids or one hot id, optionally paced and optionally stopping after a number of 202s.
--   wrk ... -s bench/outage.lua URL -- KIND KEYS PREFIX [DELAY_MS [QUOTA_PER_THREAD]]
-- KIND:  ticketing (Inbound Automize Incident), superoffice (SuperOffice Message), webex (Webex Connect Event),
--        mixed (ticketing and superoffice in turn), all (ticketing, superoffice and webex in turn)
-- KEYS:  spread (1,000 correlation ids, as bench/create-message.lua) or hot (one correlation id)
-- PREFIX: the correlation ids start with PREFIX-<kind letter>- (t, s, w), so that the store tells the phases apart
-- DELAY_MS: a pause before each request on a connection, for bench/outage-paced.lua only (wrk decides whether a
-- script paces when it loads it, before the arguments); QUOTA_PER_THREAD: the thread stops after that many 202s (0: at
-- the end of -d)
-- Prints accepted_202=N and other=N (answers other than 202) summed over the threads.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Basic QXV0b21pemU6YXV0b21pemUtc2VjcmV0"

local templates = {
  t = '{"payload":{"short_description":"Printer is not working","urgency":3,"impact":3,"number":"INC00001001"},' ..
      '"integrationmode":"asynchronous","integrationPartner":"Automize","correlation_id":"%s",' ..
      '"external_action":"update","external_reference":"INC00001001","message_type":"Inbound Automize Incident"}',
  s = '{"payload":{"To":"agent@example.com","From":"partner@example.com","Content":"Printer is not working",' ..
      '"Format":"text/plain"},"integrationmode":"asynchronous","integrationPartner":"Automize",' ..
      '"correlation_id":"%s","external_action":"update","external_reference":"INC00001001",' ..
      '"message_type":"SuperOffice Message"}',
  w = '{"payload":{"evtid":"1234","short_description":"Printer is not working","urgency":"3"},' ..
      '"integrationmode":"asynchronous","integrationPartner":"Automize","correlation_id":"%s",' ..
      '"external_action":"update","external_reference":"INC00001001","message_type":"Webex Connect Event"}'
}
local letters = { ticketing = "t", superoffice = "s", webex = "w" }

local threads = {}
local counter = 0
accepted = 0
other = 0
local kinds, hot, prefix, quota
pause = 0 -- global: bench/outage-paced.lua reads it

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  local kind = args[1] or "ticketing"
  if kind == "mixed" then kinds = { "t", "s" } elseif kind == "all" then kinds = { "t", "s", "w" }
  else kinds = { letters[kind] } end
  assert(kinds[1], "unknown kind " .. kind)
  hot = (args[2] == "hot")
  prefix = args[3] or "bench"
  pause = tonumber(args[4] or "0")
  quota = tonumber(args[5] or "0")
end

function request()
  counter = counter + 1
  local letter = kinds[(counter % #kinds) + 1]
  local key
  if hot then
    key = prefix .. "-" .. letter .. "-hot"
  else
    key = string.format("%s-%s-%d", prefix, letter, (counter * 7 + id * 3) % 1000)
  end
  return wrk.format(nil, nil, nil, string.format(templates[letter], key))
end

function response(status, headers, body)
  if status == 202 then
    accepted = accepted + 1
    if quota > 0 and accepted >= quota then
      wrk.thread:stop()
    end
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local total, others = 0, 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("accepted")
    others = others + thread:get("other")
  end
  io.write(string.format("accepted_202=%d\nother=%d\n", total, others))
end
