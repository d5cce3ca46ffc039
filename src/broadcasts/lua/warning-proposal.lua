--[[
  A village officer's warning proposal: stored and listed as waiting in its district, within the
  officer's limit (proposals count as warnings), or rejected by a district officer while it waits.
  Every outcome, a refusal too, is appended to the audit stream.

  Input:
    KEYS[1] the proposal (hash: def, state `pending` / `approve` / `reject`, by, at)
    KEYS[2] the proposals waiting in its district (sorted set: id → time in ms)
    KEYS[3] the proposing officer's warnings of the last 24 hours (sorted set: id → time in ms)
    KEYS[4] the audit stream

    ARGV[1] what to do: `propose` or `reject`
    ARGV[2] the proposal's id
    ARGV[3] now, in ms
    ARGV[4] propose: the proposal as JSON; reject: the rejecting officer's name
    ARGV[5] propose: the officer's limit (unused by reject)
    ARGV[6] the audit entry: a JSON object of string fields (the outcome is added here)

  Output:
    propose: 'proposed', 'exists' (stored before: nothing changed) or 'limit' (nothing stored)
    reject: 'rejected', 'decided' (decided before: nothing changed) or 'not-found'
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
  redis.call('XADD', KEYS[4], 'MAXLEN', '~', 100000, '*', unpack(fields))
  return outcome
end

if ARGV[1] == 'propose' then
  if redis.call('HEXISTS', KEYS[1], 'def') == 1 then return 'exists' end
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - DAY)
  if redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[5]) then return audit('limit') end
  redis.call('HSET', KEYS[1], 'def', ARGV[4], 'state', 'pending')
  redis.call('ZADD', KEYS[2], now, ARGV[2])
  redis.call('ZADD', KEYS[3], now, ARGV[2])
  redis.call('PEXPIRE', KEYS[3], DAY + 3600000)
  return audit('proposed')
end

local state = redis.call('HGET', KEYS[1], 'state')
if not state then return 'not-found' end
if state ~= 'pending' then return audit('decided') end
redis.call('HSET', KEYS[1], 'state', 'reject', 'by', ARGV[4], 'at', now)
redis.call('ZREM', KEYS[2], ARGV[2])
return audit('rejected')
