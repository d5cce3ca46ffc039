--[[
  Checks a sign-in code typed on the desk against the one waiting. A right code is used up at once
  (single use); a wrong one counts, and the waiting code is gone after the tries allowed.

  Input:
    KEYS[1] the waiting code (hash: code = hash of the code, officer = officer id or '', tries)

    ARGV[1] hash of the code typed
    ARGV[2] wrong tries allowed

  Output:
    {'ok', officer id or ''} | {'wrong', officer id or ''} | {'gone', ''}
]]
local code = redis.call('HGET', KEYS[1], 'code')
if not code then return {'gone', ''} end
local officer = redis.call('HGET', KEYS[1], 'officer') or ''
if code == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return {'ok', officer}
end
local tries = redis.call('HINCRBY', KEYS[1], 'tries', 1)
if tries >= tonumber(ARGV[2]) then redis.call('DEL', KEYS[1]) end
return {'wrong', officer}
