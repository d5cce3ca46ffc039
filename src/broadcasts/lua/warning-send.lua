--[[
  Records an officer's warning as a broadcast, within the limits, in one step. The officer's and the
  area's warnings of the last 24 hours are counted (older ones dropped); when both are under their
  limits the broadcast is stored and counted in both. Approving a proposal, the proposal must still be
  waiting: it is marked approved and leaves the district's waiting list. Every outcome, a refusal too,
  is appended to the audit stream.

  Input:
    KEYS[1] the broadcast (hash; its `def` is set here)
    KEYS[2] broadcasts by time (sorted set)
    KEYS[3] the officer's warnings of the last 24 hours (sorted set: id → time in ms)
    KEYS[4] the area's warnings of the last 24 hours (sorted set: id → time in ms)
    KEYS[5] the audit stream
    KEYS[6] the proposal being approved (hash), or any key of the tag when none
    KEYS[7] the proposals waiting in its district (sorted set), or any key of the tag when none

    ARGV[1] the broadcast id
    ARGV[2] the broadcast as JSON
    ARGV[3] now, in ms
    ARGV[4] the officer's limit
    ARGV[5] the area's limit
    ARGV[6] the audit entry: a JSON object of string fields (the outcome is added here)
    ARGV[7] the proposal's id, or '' when the officer writes the warning themselves
    ARGV[8] the approving officer's name (kept with the decision)

  Output:
    'sent'; 'exists' (stored before: nothing changed); 'limit' (nothing stored);
    'decided' (the proposal is no longer waiting: nothing stored)
]]
local DAY = 86400000
local now = tonumber(ARGV[3])

local function audit(outcome)
  local fields = {}
  for k, v in pairs(cjson.decode(ARGV[6])) do
    fields[#fields + 1] = k
    fields[#fields + 1] = tostring(v)
  end
  fields[#fields + 1] = 'outcome'
  fields[#fields + 1] = outcome
  redis.call('XADD', KEYS[5], 'MAXLEN', '~', 100000, '*', unpack(fields))
  return outcome
end

if redis.call('HEXISTS', KEYS[1], 'def') == 1 then return 'exists' end
if ARGV[7] ~= '' and redis.call('HGET', KEYS[6], 'state') ~= 'pending' then return audit('decided') end
for _, key in ipairs({KEYS[3], KEYS[4]}) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - DAY)
end
if redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[4]) or redis.call('ZCARD', KEYS[4]) >= tonumber(ARGV[5]) then
  return audit('limit')
end
redis.call('HSET', KEYS[1], 'def', ARGV[2])
redis.call('ZADD', KEYS[2], now, ARGV[1])
for _, key in ipairs({KEYS[3], KEYS[4]}) do
  redis.call('ZADD', key, now, ARGV[1])
  redis.call('PEXPIRE', key, DAY + 3600000)
end
if ARGV[7] ~= '' then
  redis.call('HSET', KEYS[6], 'state', 'approve', 'by', ARGV[8], 'at', now, 'broadcast', ARGV[1])
  redis.call('ZREM', KEYS[7], ARGV[7])
end
return audit('sent')
