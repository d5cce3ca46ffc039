--[[
  Redeems an officer invite once (a used invite keeps its time to live); failed attempts are
  counted and limited.

  Input:
    KEYS[1] invite
    KEYS[2] failed attempts of this chat

    ARGV[1] now (ISO)
    ARGV[2] failed attempts allowed
    ARGV[3] failure window (s)

  Output:
    {'ok', invite JSON} | {'limited', ''} | {'invalid', ''} | {'used', ''} | {'expired', ''}
]]
local fails = tonumber(redis.call('GET', KEYS[2]) or '0')
if fails >= tonumber(ARGV[2]) then return {'limited', ''} end
local raw = redis.call('GET', KEYS[1])
if not raw then
  redis.call('INCR', KEYS[2])
  redis.call('EXPIRE', KEYS[2], ARGV[3])
  return {'invalid', ''}
end
local inv = cjson.decode(raw)
if inv.usedAt then return {'used', ''} end
if inv.expiresAt < ARGV[1] then return {'expired', ''} end
inv.usedAt = ARGV[1]
redis.call('SET', KEYS[1], cjson.encode(inv), 'KEEPTTL')
return {'ok', raw}
