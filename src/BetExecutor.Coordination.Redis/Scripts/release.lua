-- Compare-and-delete: only the owner that holds the lease can free it.
-- KEYS[1] the lease key; ARGV[1] the owner asking.
-- Returns 1 when deleted, 0 when the key is absent or held by another owner (nothing changed).
-- The token counter is never deleted: the next grant's token must exceed every earlier one.
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
