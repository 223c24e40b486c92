-- Finds the newest snapshot matching the selection criteria.
-- KEYS as in snapshot-save.lua.
-- ARGV[1] min sequence number, ARGV[2] max sequence number,
-- ARGV[3] min ticks, ARGV[4] max ticks (both zero-padded to 19 digits, so string order is time order:
--         ticks do not fit a Lua double exactly).
-- Returns {sequence number, padded ticks, serialised snapshot} or an empty array.
local candidates = redis.call('ZREVRANGEBYSCORE', KEYS[1], ARGV[2], ARGV[1])
for _, seq in ipairs(candidates) do
  local ticks = redis.call('HGET', KEYS[3], seq)
  if ticks and ticks >= ARGV[3] and ticks <= ARGV[4] then
    return {seq, ticks, redis.call('HGET', KEYS[2], seq)}
  end
end
return {}
