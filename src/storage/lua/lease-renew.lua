--[[
  Extends a lease while this owner holds it.

  Input:
    KEYS[1] lease key

    ARGV[1] owner id
    ARGV[2] time to live (ms)

  Output:
    1 when the lease is still this owner's and was extended, 0 when someone else holds it or it expired
]]
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
