--[[
  Keeps the claim of the inbox entries a process holds: each entry still pending with this consumer
  gets its idle time reset, so no other process takes it over. An entry another consumer has taken
  meanwhile is left to it.

  Input:
    KEYS[1] the inbox stream

    ARGV[1] the consumer group
    ARGV[2] this process's consumer name
    ARGV[3..] the entry ids

  Output:
    the number of entries renewed
]]
local renewed = 0
for i = 3, #ARGV do
  local p = redis.call('XPENDING', KEYS[1], ARGV[1], ARGV[i], ARGV[i], 1)
  if p[1] and p[1][2] == ARGV[2] then
    redis.call('XCLAIM', KEYS[1], ARGV[1], ARGV[2], 0, ARGV[i], 'JUSTID')
    renewed = renewed + 1
  end
end
return renewed
