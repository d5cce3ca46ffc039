--[[
  Routes a report to the officers of one area in one round trip: reads the area's officers and, when
  one is active, moves the report from submitted or unrouted to routed at that level (as
  report-update.lua does: status index, waiting index, history entry naming them).

  Input:
    KEYS[1] report hash
    KEYS[2] history list
    KEYS[3] waiting index (sorted set)
    KEYS[4] officers of the area (hash: officer id → officer JSON)
    KEYS[5] the report side's change counter
    KEYS[6] changed reports (sorted set: code → the counter at its last change)

    ARGV[1] now (ISO)
    ARGV[2] code
    ARGV[3] now (ms, the waiting index score)
    ARGV[4] status index key prefix (the status is appended)
    ARGV[5] level
    ARGV[6] area
    ARGV[7] reason: what came before this level ('' or lines ending in '; ')
    ARGV[8] when the report was filed ('' = any): route only a report created at this time

  Output:
    {'missing'} when no report was filed at ARGV[8] | {'nobody'} when the area has no active officer
    (nothing changed) | {applied 1 or 0, status before ('' = no such report), the active officers'
    JSON in id order...}
]]
local state = redis.call('HMGET', KEYS[1], 'status', 'createdAt')
if ARGV[8] ~= '' and state[2] ~= ARGV[8] then return {'missing'} end
local flat = redis.call('HGETALL', KEYS[4])
local ids, byId = {}, {}
for i = 1, #flat, 2 do
  if cjson.decode(flat[i + 1]).active == true then
    ids[#ids + 1] = flat[i]
    byId[flat[i]] = flat[i + 1]
  end
end
if #ids == 0 then return {'nobody'} end
table.sort(ids)
local officers = {}
for i, id in ipairs(ids) do officers[i] = byId[id] end
local cur = state[1]
if not cur then return {0, ''} end
if cur ~= 'submitted' and cur ~= 'unrouted' then return {0, cur, unpack(officers)} end
local area = ARGV[6] == '' and '-' or ARGV[6]
local entry = cjson.encode({
  at = ARGV[1], type = 'routed', level = ARGV[5], area = ARGV[6], officers = ids,
  reason = ARGV[7] .. ARGV[5] .. ' ' .. area .. ' has ' .. #ids .. ' officer(s)',
})
local from, into = ARGV[4] .. cur, ARGV[4] .. 'routed'
local score = redis.call('ZSCORE', from, ARGV[2]) or 0
redis.call('ZREM', from, ARGV[2])
redis.call('ZADD', into, score, ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[2])
redis.call('HSET', KEYS[1], 'updatedAt', ARGV[1], 'status', 'routed', 'level', ARGV[5], 'area', ARGV[6])
redis.call('RPUSH', KEYS[2], entry)
redis.call('ZADD', KEYS[6], redis.call('INCR', KEYS[5]), ARGV[2])
return {1, cur, unpack(officers)}
