--[[
  A guarded change of a report. Reports waiting for an officer (routed, escalated) are in the waiting
  index from the time they reached their level (each escalation starts the wait again); taking,
  resolving or failing a report takes it out.

  Input:
    KEYS[1] report hash
    KEYS[2] history list
    KEYS[3] waiting index (sorted set)
    KEYS[4] the report side's change counter
    KEYS[5] changed reports (sorted set: code → the counter at its last change)
    KEYS[6..] the mark key, only when ARGV[8] is not '' (so the call passes the number of keys)

    ARGV[1] allowed statuses ('*' or a comma list)
    ARGV[2] new status ('' = the same)
    ARGV[3] fields to set, as "name=value" lines
    ARGV[4] history entry appended when the change applies ('' = the change is refused)
    ARGV[5] now (ISO)
    ARGV[6] code
    ARGV[7] entry appended in any case ('')
    ARGV[8] mark time to live (s; '' = no mark)
    ARGV[9] now (ms)
    ARGV[10] level the report must be at ('' = any)
    ARGV[11] status index key prefix (the status is appended, as BullMQ builds its keys)
    ARGV[12] officer the report must be open to ('' = anyone; else no owner or this one)

  Output:
    {1 applied | 0 not, status before ('' = no such report)}
]]
local state = redis.call('HMGET', KEYS[1], 'status', 'level', 'owner')
local cur = state[1]
if not cur then return {0, ''} end
if ARGV[8] ~= '' then redis.call('SET', KEYS[6], 'sent', 'EX', ARGV[8]) end
-- Every change of the report is logged: readers that keep reports in memory re-read this one.
local function changed() redis.call('ZADD', KEYS[5], redis.call('INCR', KEYS[4]), ARGV[6]) end
local allowed = ARGV[1] == '*' or string.find(',' .. ARGV[1] .. ',', ',' .. cur .. ',', 1, true)
local owner = state[3]
local open = ARGV[12] == '' or not owner or owner == '' or owner == ARGV[12]
if ARGV[4] == '' or not allowed or not open or (ARGV[10] ~= '' and state[2] ~= ARGV[10]) then
  if ARGV[7] ~= '' then
    redis.call('RPUSH', KEYS[2], ARGV[7])
    redis.call('HSET', KEYS[1], 'updatedAt', ARGV[5])
    changed()
  end
  return {0, cur}
end
local to = ARGV[2]
local set = {'updatedAt', ARGV[5]}
if to ~= '' and to ~= cur then
  local from, into = ARGV[11] .. cur, ARGV[11] .. to
  local score = redis.call('ZSCORE', from, ARGV[6]) or 0
  redis.call('ZREM', from, ARGV[6])
  redis.call('ZADD', into, score, ARGV[6])
  set[#set + 1] = 'status'
  set[#set + 1] = to
end
-- Reaching a level starts its wait, also from one escalated level to the next (escalated again).
if to == 'routed' or to == 'escalated' then
  redis.call('ZADD', KEYS[3], ARGV[9], ARGV[6])
elseif to == 'acknowledged' or to == 'resolved' or to == 'failed' then
  redis.call('ZREM', KEYS[3], ARGV[6])
end
for line in string.gmatch(ARGV[3], '[^\n]+') do
  local eq = string.find(line, '=', 1, true)
  set[#set + 1] = string.sub(line, 1, eq - 1)
  set[#set + 1] = string.sub(line, eq + 1)
end
redis.call('HSET', KEYS[1], unpack(set))
-- The entry appended in any case comes first (both in one command).
if ARGV[7] ~= '' then redis.call('RPUSH', KEYS[2], ARGV[7], ARGV[4]) else redis.call('RPUSH', KEYS[2], ARGV[4]) end
changed()
return {1, cur}
