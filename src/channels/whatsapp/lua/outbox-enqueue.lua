--[[
  Appends messages for one address and lists the address as ready unless it already is.

  Input:
    KEYS[1] queue of the address
    KEYS[2] ready list
    KEYS[3] pending set

    ARGV[1] address
    ARGV[2..] messages (JSON)

  Output:
    the length of the address's queue
]]
redis.call('RPUSH', KEYS[1], unpack(ARGV, 2))
if redis.call('SADD', KEYS[3], ARGV[1]) == 1 then
  redis.call('RPUSH', KEYS[2], ARGV[1])
end
return redis.call('LLEN', KEYS[1])
