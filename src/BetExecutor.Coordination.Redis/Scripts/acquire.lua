-- Grants the lease and hands out its next fencing token, in one server-side step.
-- KEYS[1] the lease key: holds the owner ("system@host:port#incarnation"), expires after the TTL
-- KEYS[2] the lease's fencing-token counter: never expires
-- (both keys carry the same {hash tag}, so the script also runs on Redis Cluster)
-- ARGV[1] the owner asking
-- ARGV[2] TTL in milliseconds (heartbeat-timeout)
-- Returns {1, token} when granted, {0, holder} when another owner holds the lease.
-- A grant is either a free key taken with SET NX PX or the asking owner taking its own
-- unexpired key again (after it had given it up locally); both hand out a new token, so the
-- token changes exactly when a grant happens and never on a renewal.
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  local holder = redis.call('GET', KEYS[1])
  if holder ~= ARGV[1] then
    return {0, holder}
  end
  redis.call('SET', KEYS[1], ARGV[1], 'XX', 'PX', ARGV[2])
end
-- A missing counter (first grant ever, or a Redis that lost its data) starts from the server's
-- clock in microseconds, not from zero: a token handed out before the loss stays smaller than
-- every token after it unless more than one grant per microsecond happened in between.
if redis.call('EXISTS', KEYS[2]) == 0 then
  local now = redis.call('TIME')
  redis.call('SET', KEYS[2], now[1] .. string.format('%06d', tonumber(now[2])))
end
return {1, redis.call('INCR', KEYS[2])}
