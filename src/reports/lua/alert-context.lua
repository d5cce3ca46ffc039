--[[
  An alert's context in one round trip: nothing more when it was sent; else the officer, the report
  and, when the reporter agreed to direct contact, the reporter.

  Input:
    KEYS[1] alert mark
    KEYS[2] officer
    KEYS[3] report hash
    KEYS[4] reporter hash

  Output:
    {1} when the alert was sent | {0, officer JSON or '', report hash as a flat list, reporter hash as
    a flat list (empty without consent)}
]]
if redis.call('GET', KEYS[1]) == 'sent' then return {1} end
local report = redis.call('HGETALL', KEYS[3])
local who = {}
for i = 1, #report, 2 do
  if report[i] == 'contact' then
    if report[i + 1] == 'direct' then who = redis.call('HGETALL', KEYS[4]) end
    break
  end
end
return {0, redis.call('GET', KEYS[2]) or '', report, who}
