--[[
  Releases a lease if this owner holds it.

  Input:
    KEYS[1] lease key

    ARGV[1] owner id

  Output:
    1 when this owner's lease was deleted, 0 when it was not held by this owner (nothing deleted)
]]
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
