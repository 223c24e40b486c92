-- Saves (or overwrites) the snapshot at one sequence number, index and payload together.
-- KEYS[1] index sorted set (score = sequence number, member = sequence number)
-- KEYS[2] hash: sequence number -> serialised snapshot
-- KEYS[3] hash: sequence number -> timestamp ticks, zero-padded to 19 digits
-- ARGV[1] sequence number, ARGV[2] padded ticks, ARGV[3] serialised snapshot
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
return 1
