-- Heartbeat: pushes the lease's expiry out by the TTL, only while the asking owner still holds it.
-- KEYS[1] the lease key; ARGV[1] the owner; ARGV[2] TTL in milliseconds.
-- Returns 1 when renewed, 0 when the key expired or belongs to another owner (the lease is lost).
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
