--[[
  One channel's broadcast messages of one day, held under a cap (WhatsApp on Baileys): a slot is
  taken before a message is handed to the channel, and given back when nothing went out.

  Input:
    KEYS[1] the channel's count of the day (string; expires after the day)

    ARGV[1] what to do: `take` or `give`
    ARGV[2] the cap (messages a day)
    ARGV[3] seconds the count is kept

  Output:
    take: 1 when a slot was taken, 0 when the day's cap is reached
    give: 1
]]
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if ARGV[1] == 'give' then
  if n > 0 then redis.call('DECR', KEYS[1]) end
  return 1
end
if n >= tonumber(ARGV[2]) then return 0 end
redis.call('INCR', KEYS[1])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
return 1
