--[[
  Moves a failing address behind the others.

  Input:
    KEYS[1] ready list

    ARGV[1] address

  Output:
    1
]]
if redis.call('LINDEX', KEYS[1], 0) == ARGV[1] then redis.call('LMOVE', KEYS[1], KEYS[1], 'LEFT', 'RIGHT') end
return 1
