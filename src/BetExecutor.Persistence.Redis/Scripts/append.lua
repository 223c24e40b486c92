-- Fenced, all-or-nothing append of one AtomicWrite.
-- KEYS[1] events sorted set (score = sequence number, member = serialised event)
-- KEYS[2] highest sequence number written for this persistence id
-- ARGV[1] the highest sequence number the writer believes is stored (its first sequence number - 1)
-- ARGV[2] the highest sequence number of this AtomicWrite
-- ARGV[3..] pairs of (sequence number, serialised event); none for a rejected AtomicWrite, which
--           only reserves its sequence numbers so the writer's next batch still passes the fence.
-- Returns {1, new highest} when written, {0, stored highest} when another writer got there first.
-- Sequence numbers are compared as decimal strings: Lua numbers are doubles.
local stored = redis.call('GET', KEYS[2]) or '0'
if stored ~= ARGV[1] then
  return {0, stored}
end
for i = 3, #ARGV, 2 do
  redis.call('ZADD', KEYS[1], ARGV[i], ARGV[i + 1])
end
redis.call('SET', KEYS[2], ARGV[2])
return {1, ARGV[2]}
