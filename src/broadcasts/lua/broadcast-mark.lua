--[[
  One recipient's mark in a broadcast: claimed before the message is handed to its channel and
  finished after, so a repeat run never sends it twice. A claim still `sending` when its job runs
  again belongs to a worker that died mid-send: the message may or may not have gone out, so it is
  sent again with a notice saying so (the caller's choice; `resent` counts those).

  Input:
    KEYS[1] the broadcast's marks (hash: hashed recipient → state)
    KEYS[2] the broadcast (hash; its counters are fields named by the final states)

    ARGV[1] the recipient's field
    ARGV[2] what to do: `claim`; `release` (the channel refused: nothing went out, may be tried
            again); or a final state `sent`, `blocked`, `skipped`, `deferred`, `failed` (the job's
            last try failed: given up)
    ARGV[3] with a final state: `resent` when the message was sent again after an uncertain claim
            (counted in the `resent` field too), else ''

  Output:
    claim: 'ok' when claimed, else the state already there
    release: 1 when released, 0 otherwise
    a final state: 1 when recorded (and counted), 0 when the recipient already had a final state
]]
local state = redis.call('HGET', KEYS[1], ARGV[1])
if ARGV[2] == 'claim' then
  if state then return state end
  redis.call('HSET', KEYS[1], ARGV[1], 'sending')
  return 'ok'
end
if ARGV[2] == 'release' then
  if state ~= 'sending' then return 0 end
  redis.call('HDEL', KEYS[1], ARGV[1])
  return 1
end
if state and state ~= 'sending' then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
if ARGV[3] == 'resent' then redis.call('HINCRBY', KEYS[2], 'resent', 1) end
return 1
