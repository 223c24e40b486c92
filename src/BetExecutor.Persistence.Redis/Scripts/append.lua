-- Fenced, all-or-nothing append of one AtomicWrite.
-- KEYS[1] events sorted set (score = sequence number, member = serialised event)
-- KEYS[2] highest sequence number written for this persistence id
-- KEYS[3] the storage epoch's copy in this persistence id's slot (see README.md): a random id written once, when
--         the storage was first used, into every cluster slot
-- ARGV[1] the storage epoch the writer holds
-- ARGV[2] the highest sequence number the writer believes is stored (its first sequence number - 1)
-- ARGV[3] the highest sequence number of this AtomicWrite
-- ARGV[4..] pairs of (sequence number, serialised event); none for a rejected AtomicWrite, which
--           only reserves its sequence numbers so the writer's next batch still passes the fence.
-- Returns {1, new highest} when written; {0, stored highest} when the stored highest is not the
-- expected one (higher: another writer got there first; lower: history went backwards); {-1, epoch
-- found or ''} when the storage is not the one the writer knows (flushed, or replaced). Nothing is
-- written unless it returns 1. Sequence numbers are compared as decimal strings: Lua numbers are doubles.
local epoch = redis.call('GET', KEYS[3]) or ''
if epoch ~= ARGV[1] then
  return {-1, epoch}
end
local stored = redis.call('GET', KEYS[2]) or '0'
if stored ~= ARGV[2] then
  return {0, stored}
end
for i = 4, #ARGV, 2 do
  redis.call('ZADD', KEYS[1], ARGV[i], ARGV[i + 1])
end
redis.call('SET', KEYS[2], ARGV[3])
return {1, ARGV[3]}
