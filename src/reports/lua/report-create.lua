--[[
  Creates a report with everything that must exist together: record, reporter, first history entry,
  indexes, the draft and phone links, the daily count. Checks the draft, the phone links, the daily
  limit and the code first, so a crash never leaves half a report.

  Input:
    KEYS[1] report hash
    KEYS[2] reporter hash
    KEYS[3] history list
    KEYS[4] draft key (draft → code)
    KEYS[5] the reporter's count of reports today
    KEYS[6] status index of 'submitted' (sorted set of codes)
    KEYS[7] reporter index
    KEYS[8] the report side's change counter
    KEYS[9] changed reports (sorted set: code → the counter at its last change)
    KEYS[10..] the area indexes (ARGV[13] of them), then the phone links (phone → code)

    ARGV[1] code
    ARGV[2] details (JSON)
    ARGV[3] now (ISO)
    ARGV[4] now (ms, the index score)
    ARGV[5] level
    ARGV[6] area
    ARGV[7] contact consent
    ARGV[8] reporter address
    ARGV[9] reporter locale
    ARGV[10] status updates wanted
    ARGV[11] first history entry (JSON)
    ARGV[12] reports allowed per day
    ARGV[13] number of area indexes among the keys
    ARGV[14] phone link time to live (s)
    ARGV[15] draft time to live (s)

  Output:
    {'created', code} | {'existing', code of the same draft} | {'linked', code reported with the same
    phone today} | {'limit', ''} | {'collision', ''} (the code is taken: draw another)
]]
local existing = redis.call('GET', KEYS[4])
if existing then return {'existing', existing} end
local firstPhone = 10 + tonumber(ARGV[13])
for i = firstPhone, #KEYS do
  local linked = redis.call('GET', KEYS[i])
  if linked then return {'linked', linked} end
end
if tonumber(redis.call('GET', KEYS[5]) or '0') >= tonumber(ARGV[12]) then return {'limit', ''} end
if redis.call('EXISTS', KEYS[1]) == 1 then return {'collision', ''} end
redis.call('HSET', KEYS[1], 'doc', ARGV[2], 'status', 'submitted', 'level', ARGV[5], 'area', ARGV[6],
  'createdAt', ARGV[3], 'updatedAt', ARGV[3], 'contact', ARGV[7], 'updates', ARGV[10])
redis.call('HSET', KEYS[2], 'address', ARGV[8], 'locale', ARGV[9], 'contact', ARGV[7], 'updates', ARGV[10])
redis.call('RPUSH', KEYS[3], ARGV[11])
redis.call('SET', KEYS[4], ARGV[1], 'EX', ARGV[15])
-- The day's count outlives its day; set once, by the day's first report.
if redis.call('INCR', KEYS[5]) == 1 then redis.call('EXPIRE', KEYS[5], 172800) end
redis.call('ZADD', KEYS[6], ARGV[4], ARGV[1])
redis.call('ZADD', KEYS[7], ARGV[4], ARGV[1])
for i = 10, firstPhone - 1 do redis.call('ZADD', KEYS[i], ARGV[4], ARGV[1]) end
redis.call('ZADD', KEYS[9], redis.call('INCR', KEYS[8]), ARGV[1])
for i = firstPhone, #KEYS do redis.call('SET', KEYS[i], ARGV[1], 'EX', ARGV[14]) end
return {'created', ARGV[1]}
