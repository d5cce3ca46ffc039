--[[
  Removes a reporter's contact data when it is still the one read ("delete my data").

  Input:
    KEYS[1] reporter hash
    KEYS[2] reporter index
    KEYS[3] history list
    KEYS[4] report hash
    KEYS[5] the report side's change counter
    KEYS[6] changed reports (sorted set: code → the counter at its last change)

    ARGV[1] the reporter's address as read
    ARGV[2] code
    ARGV[3] history entry (JSON)
    ARGV[4] now (ISO)

  Output:
    1 when removed, 0 when already gone or changed
]]
if redis.call('HGET', KEYS[1], 'address') ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[2])
redis.call('RPUSH', KEYS[3], ARGV[3])
redis.call('HSET', KEYS[4], 'updatedAt', ARGV[4])
redis.call('ZADD', KEYS[6], redis.call('INCR', KEYS[5]), ARGV[2])
return 1
