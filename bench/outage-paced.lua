-- bench/outage.lua with a pause of DELAY_MS before each request on a connection: a paced load. wrk paces a script
-- only if it defines delay() when loaded, so the pause lives in a script of its own. Run from the repository root.
dofile("bench/outage.lua")

function delay()
  return pause
end
