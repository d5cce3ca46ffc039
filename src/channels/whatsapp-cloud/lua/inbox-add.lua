--[[
  Stores received webhook events in the inbox stream, each message once: a message whose id was seen
  before is dropped (Meta delivers a notification again until it gets a 200, and may deliver twice).
  The seen marker and the stream entry are written together, so an event is never marked seen
  without being stored.

  Input:
    KEYS[1] the inbox stream
    KEYS[2..] the seen marker of each message, in the order of the message bodies below

    ARGV[1] how long a seen marker lasts (seconds)
    ARGV[2] the number of messages m (the first m bodies); the rest are statuses, stored as they come
    ARGV[3..] the events (JSON)

  Output:
    the number of events stored
]]
local ttl = tonumber(ARGV[1])
local messages = tonumber(ARGV[2])
local stored = 0
for i = 3, #ARGV do
  local n = i - 2
  local new = true
  if n <= messages then
    new = redis.call('SET', KEYS[n + 1], '1', 'EX', ttl, 'NX')
  end
  if new then
    redis.call('XADD', KEYS[1], '*', 'e', ARGV[i])
    stored = stored + 1
  end
end
return stored
