--[[
  Replaces a value only if it is still the one read (an officer may be answered meanwhile).

  Input:
    KEYS[1] session key

    ARGV[1] the value read
    ARGV[2] the new value

  Output:
    1 when replaced, 0 when the value changed or is gone
]]
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
return 1
