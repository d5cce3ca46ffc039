--[[
  Removes the head message of an address (sent, or given up) and moves the address to the back of the
  ready list while it has more, so recipients take turns.

  Input:
    KEYS[1] queue of the address
    KEYS[2] ready list
    KEYS[3] pending set
    KEYS[4] dead list

    ARGV[1] address
    ARGV[2] the message when it is given up (moved to the dead list), or ''

  Output:
    the number of messages left for the address
]]
redis.call('LPOP', KEYS[1])
if ARGV[2] ~= '' then redis.call('RPUSH', KEYS[4], ARGV[2]) end
redis.call('LREM', KEYS[2], 1, ARGV[1])
local left = redis.call('LLEN', KEYS[1])
if left > 0 then redis.call('RPUSH', KEYS[2], ARGV[1]) else redis.call('SREM', KEYS[3], ARGV[1]) end
return left
