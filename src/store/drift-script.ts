/**
 * One article's profile outcomes added to its source's window, and the drift
 * state moved with them, in one script: with many workers adding at once,
 * exactly one of them sees (and logs) a field going into or out of drift.
 */
export const DRIFT_SCRIPT = `
-- KEYS[1] window hash (field -> outcomes, newest first: '1' from the profile, '0' a fallback),
-- KEYS[2] drift hash (field -> epoch ms it went into drift).
-- ARGV[1] now (ms), ARGV[2] window size, ARGV[3] minimum sample, ARGV[4] fields the profile covers, comma-joined,
-- ARGV[5..] pairs: field, '1' | '0'.
-- Returns the transitions: {field, 'enter' | 'exit', from the profile, counted, since}.
local size = tonumber(ARGV[2])
local minSample = tonumber(ARGV[3])
local covered = {}
for f in string.gmatch(ARGV[4], '[^,]+') do covered[f] = true end
local out = {}

local function hits(w)
  local _, n = string.gsub(w, '1', '')
  return n
end

-- A field the profile stopped covering (its selectors were removed) has nothing left to drift from:
-- its window is dropped, and a drift it was in ends, said once like any other end.
local stale = {}
for _, f in ipairs(redis.call('HKEYS', KEYS[1])) do if not covered[f] then stale[f] = true end end
for _, f in ipairs(redis.call('HKEYS', KEYS[2])) do if not covered[f] then stale[f] = true end end
for f in pairs(stale) do
  local w = redis.call('HGET', KEYS[1], f) or ''
  local since = redis.call('HGET', KEYS[2], f)
  redis.call('HDEL', KEYS[1], f)
  redis.call('HDEL', KEYS[2], f)
  if since then out[#out + 1] = { f, 'exit', hits(w), #w, since } end
end

for i = 5, #ARGV - 1, 2 do
  local f = ARGV[i]
  local w = string.sub(ARGV[i + 1] .. (redis.call('HGET', KEYS[1], f) or ''), 1, size)
  redis.call('HSET', KEYS[1], f, w)
  local profile = hits(w)
  local counted = #w
  local since = redis.call('HGET', KEYS[2], f)
  if since then
    if profile * 2 >= counted then
      redis.call('HDEL', KEYS[2], f)
      out[#out + 1] = { f, 'exit', profile, counted, since }
    end
  elseif counted >= minSample and profile * 2 < counted then
    redis.call('HSET', KEYS[2], f, ARGV[1])
    out[#out + 1] = { f, 'enter', profile, counted, ARGV[1] }
  end
end
return out
`;
