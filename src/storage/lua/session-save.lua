--[[
  Compare-and-set of a session. The stored value is `<rev>:<json>`.

  Input:
    KEYS[1] session key

    ARGV[1] expected revision (0: none stored)
    ARGV[2] encoded session
    ARGV[3] idle time to live (ms)
    ARGV[4] new revision

  Output:
    the new revision (integer) when saved; on conflict the stored value as a string ('' when none)
]]
local cur = redis.call('GET', KEYS[1])
local rev = 0
if cur then rev = tonumber(string.match(cur, '^(%d+):')) or 0 end
if rev ~= tonumber(ARGV[1]) then return cur or '' end
redis.call('SET', KEYS[1], ARGV[4] .. ':' .. ARGV[2], 'PX', ARGV[3])
return tonumber(ARGV[4])
