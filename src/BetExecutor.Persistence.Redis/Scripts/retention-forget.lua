-- Forgets a closed persistence id (retention: nothing will ever be written to it again, and every event of it was
-- archived and deleted): its snapshots and its highest sequence number go, so nothing of it is left in Redis.
-- KEYS[1] events (sorted set), KEYS[2] highest sequence number, KEYS[3] snapshot index, KEYS[4] snapshot data,
-- KEYS[5] snapshot timestamps (one hash tag: one cluster slot).
-- ARGV[1] the sequence number of the snapshot that said it was closed.
-- Returns 1 when forgotten; 0 when an event is still stored or anything was written after that snapshot.
if redis.call('ZCARD', KEYS[1]) > 0 then
  return 0
end
local highest = redis.call('GET', KEYS[2])
if highest and tonumber(highest) ~= tonumber(ARGV[1]) then
  return 0
end
local newest = redis.call('ZREVRANGE', KEYS[3], 0, 0)
if newest[1] == nil or tonumber(newest[1]) ~= tonumber(ARGV[1]) then
  return 0
end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5])
return 1
