-- The highest sequence number of one persistence id, read only from the storage the reader knows.
-- KEYS[1] highest sequence number key of the persistence id
-- KEYS[2] the storage epoch's copy in this persistence id's slot
-- ARGV[1] the storage epoch the reader holds
-- Returns {1, highest or '0'}, or {-1, epoch found or ''} when the storage is not the one the reader
-- knows: a recovery must never start from an empty history that was really lost.
local epoch = redis.call('GET', KEYS[2]) or ''
if epoch ~= ARGV[1] then
  return {-1, epoch}
end
return {1, redis.call('GET', KEYS[1]) or '0'}
