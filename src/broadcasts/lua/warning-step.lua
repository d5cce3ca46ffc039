--[[
  One step of an officer's warning, within the limits, written to the audit stream with its outcome
  (a refusal too) in the same step:
    send     an officer's own warning: stored as a broadcast and counted for the officer and the area,
             when both are under their limits over the last 24 hours (older entries dropped);
    approve  the same for a village officer's proposal, which must still be waiting: it is marked
             approved and leaves its district's waiting list;
    propose  a village officer's proposal: stored and listed as waiting, counted for the officer;
    reject   a waiting proposal is marked rejected and leaves the waiting list.

  Input:
    KEYS[1] the broadcast (hash; its `def` is set by send and approve)
    KEYS[2] broadcasts by time (sorted set)
    KEYS[3] the officer's warnings of the last 24 hours (sorted set: id → time in ms)
    KEYS[4] the area's warnings of the last 24 hours (sorted set: id → time in ms)
    KEYS[5] the audit stream
    KEYS[6] the proposal (hash: def, state `pending` / `approve` / `reject`, by, at, broadcast)
    KEYS[7] the proposals waiting in its district (sorted set: id → time in ms)
    (keys a step does not use may be any key of the tag)

    ARGV[1] the step: `send`, `approve`, `propose` or `reject`
    ARGV[2] the broadcast's id (send, approve) or the proposal's (propose, reject)
    ARGV[3] now, in ms
    ARGV[4] the broadcast as JSON (send, approve), the proposal as JSON (propose), '' (reject)
    ARGV[5] the officer's limit
    ARGV[6] the area's limit
    ARGV[7] the audit entry: a JSON object of string fields (the outcome is added here)
    ARGV[8] approve: the proposal's id; reject: the same
    ARGV[9] approve, reject: the deciding officer's name

  Output:
    send, approve: 'sent', 'exists' (stored before: nothing changed), 'limit', or 'decided' (the
      proposal is no longer waiting)
    propose: 'proposed', 'exists' or 'limit'
    reject: 'rejected', 'decided' or 'not-found'
]]
local DAY = 86400000
local step = ARGV[1]
local now = tonumber(ARGV[3])

local function audit(outcome)
  local fields = {}
  for k, v in pairs(cjson.decode(ARGV[7])) do
    fields[#fields + 1] = k
    fields[#fields + 1] = tostring(v)
  end
  fields[#fields + 1] = 'outcome'
  fields[#fields + 1] = outcome
  redis.call('XADD', KEYS[5], 'MAXLEN', '~', 100000, '*', unpack(fields))
  return outcome
end

-- The 24-hour windows: entries older than a day are dropped before counting.
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - DAY)
local officerFull = redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[5])

if step == 'reject' then
  local state = redis.call('HGET', KEYS[6], 'state')
  if not state then return 'not-found' end
  if state ~= 'pending' then return audit('decided') end
  redis.call('HSET', KEYS[6], 'state', 'reject', 'by', ARGV[9], 'at', now)
  redis.call('ZREM', KEYS[7], ARGV[8])
  return audit('rejected')
end

if step == 'propose' then
  if redis.call('HEXISTS', KEYS[6], 'def') == 1 then return 'exists' end
  if officerFull then return audit('limit') end
  redis.call('HSET', KEYS[6], 'def', ARGV[4], 'state', 'pending')
  redis.call('ZADD', KEYS[7], now, ARGV[2])
  redis.call('ZADD', KEYS[3], now, ARGV[2])
  redis.call('PEXPIRE', KEYS[3], DAY + 3600000)
  return audit('proposed')
end

if redis.call('HEXISTS', KEYS[1], 'def') == 1 then return 'exists' end
if step == 'approve' and redis.call('HGET', KEYS[6], 'state') ~= 'pending' then return audit('decided') end
redis.call('ZREMRANGEBYSCORE', KEYS[4], '-inf', now - DAY)
if officerFull or redis.call('ZCARD', KEYS[4]) >= tonumber(ARGV[6]) then return audit('limit') end
redis.call('HSET', KEYS[1], 'def', ARGV[4])
redis.call('ZADD', KEYS[2], now, ARGV[2])
redis.call('ZADD', KEYS[3], now, ARGV[2])
redis.call('ZADD', KEYS[4], now, ARGV[2])
redis.call('PEXPIRE', KEYS[3], DAY + 3600000)
redis.call('PEXPIRE', KEYS[4], DAY + 3600000)
if step == 'approve' then
  redis.call('HSET', KEYS[6], 'state', 'approve', 'by', ARGV[9], 'at', now, 'broadcast', ARGV[2])
  redis.call('ZREM', KEYS[7], ARGV[8])
end
return audit('sent')
