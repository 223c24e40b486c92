-- The storage epoch, created when the storage has none yet.
-- KEYS[1] the storage epoch
-- ARGV[1] a new random epoch, written only when none exists
-- Returns {1, epoch} when it created it, {0, epoch} when one was there.
local epoch = redis.call('GET', KEYS[1])
if epoch then
  return {0, epoch}
end
redis.call('SET', KEYS[1], ARGV[1])
return {1, ARGV[1]}
