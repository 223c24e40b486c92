-- Deletes every snapshot matching the criteria (same ARGV as snapshot-load.lua).
-- KEYS as in snapshot-save.lua. Returns the number of snapshots deleted.
local candidates = redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[1], ARGV[2])
local deleted = 0
for _, seq in ipairs(candidates) do
  local ticks = redis.call('HGET', KEYS[3], seq)
  if ticks and ticks >= ARGV[3] and ticks <= ARGV[4] then
    redis.call('ZREM', KEYS[1], seq)
    redis.call('HDEL', KEYS[2], seq)
    redis.call('HDEL', KEYS[3], seq)
    deleted = deleted + 1
  end
end
return deleted
