--[[
  Stores (or deletes) one subscriber and moves its index entries in one step: entries the old record
  had and the new one has not are removed, the new ones added. The index keys are built from the
  prefixes (they share the record's hash tag).

  Input:
    KEYS[1] the subscriber's hash (doc: the record as JSON, idx: its index entries as JSON)
    KEYS[2] the set of every subscribed address

    ARGV[1] prefix of the jobs index keys (`…si:jobs:`)
    ARGV[2] prefix of the warnings index keys (`…si:warn:`)
    ARGV[3] the address (the index members)
    ARGV[4] the new record as JSON, or '' to delete it
    ARGV[5] the new index entries as JSON: {"jobs":[country or "*"],"warnings":[district]}

  Output:
    1
]]
local function entries(raw)
  if not raw then return {jobs = {}, warnings = {}} end
  local e = cjson.decode(raw)
  return {jobs = e.jobs or {}, warnings = e.warnings or {}}
end
local function has(list, v)
  for _, x in ipairs(list) do if x == v then return true end end
  return false
end
local old = entries(redis.call('HGET', KEYS[1], 'idx'))
local new = entries(ARGV[5])
for _, kind in ipairs({'jobs', 'warnings'}) do
  local prefix = kind == 'jobs' and ARGV[1] or ARGV[2]
  for _, v in ipairs(old[kind]) do
    if not has(new[kind], v) then redis.call('SREM', prefix .. v, ARGV[3]) end
  end
  for _, v in ipairs(new[kind]) do redis.call('SADD', prefix .. v, ARGV[3]) end
end
if #new.jobs + #new.warnings > 0 then
  redis.call('SADD', KEYS[2], ARGV[3])
else
  redis.call('SREM', KEYS[2], ARGV[3])
end
if ARGV[4] == '' then
  redis.call('DEL', KEYS[1])
else
  redis.call('HSET', KEYS[1], 'doc', ARGV[4], 'idx', ARGV[5])
end
return 1
