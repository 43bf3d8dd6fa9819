import { RedisScript } from './redis-script.js';

/**
 * Lua twins of memory-rate-limiter.ts / token-buckets.ts (the rules are described in
 * sliding-window.ts). Times come from the caller's clock (ARGV), never Redis's TIME, so tests can
 * inject a clock and every instance reads the window the same way; instances are assumed NTP-synced,
 * and a skew of s ms shifts when an entry leaves the window by at most s.
 *
 * KEYS[1] request log: sorted set, score = admission time (ms), member unique per request
 * KEYS[2] token buckets: hash, field = bucket index (time / bucket length), value = tokens
 */
export const admitScript = new RedisScript(`
local now = tonumber(ARGV[1])
local rpm = tonumber(ARGV[2])
local tpm = tonumber(ARGV[3])
local estimate = tonumber(ARGV[4])
local member = ARGV[5]
local window = tonumber(ARGV[6])
local bucketMs = tonumber(ARGV[7])

local requestsUsed, requestsReset, requestsRetry, requestsFull = 0, 0, -1, 0
if rpm >= 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
  requestsUsed = redis.call('ZCARD', KEYS[1])
  if requestsUsed >= rpm then
    requestsFull = 1
    -- Once the (used - rpm)-th oldest entry leaves, one slot is free.
    local freeing = redis.call('ZRANGE', KEYS[1], requestsUsed - rpm, requestsUsed - rpm, 'WITHSCORES')
    if freeing[2] then requestsRetry = tonumber(freeing[2]) + window - now end
  end
end

local tokensUsed, tokensReset, tokensRetry, tokensFull = 0, 0, -1, 0
if tpm >= 0 then
  local first = math.floor((now - window) / bucketMs)
  local flat = redis.call('HGETALL', KEYS[2])
  local live, stale = {}, {}
  for i = 1, #flat, 2 do
    local bucket = tonumber(flat[i])
    if bucket < first then
      stale[#stale + 1] = flat[i]
    else
      local tokens = tonumber(flat[i + 1])
      tokensUsed = tokensUsed + tokens
      live[#live + 1] = { bucket, tokens }
    end
  end
  if #stale > 0 then redis.call('HDEL', KEYS[2], unpack(stale)) end
  table.sort(live, function(a, b) return a[1] < b[1] end)
  if #live > 0 then tokensReset = (live[#live][1] + 1) * bucketMs + window - now end
  local needed = math.max(estimate, 1)
  if tokensUsed + needed > tpm then
    tokensFull = 1
    if needed <= tpm then
      local left = tokensUsed
      for _, entry in ipairs(live) do
        left = left - entry[2]
        if left + needed <= tpm then
          tokensRetry = (entry[1] + 1) * bucketMs + window - now
          break
        end
      end
    end
  end
end

if rpm >= 0 then
  if requestsFull == 0 and tokensFull == 0 then
    redis.call('ZADD', KEYS[1], now, member)
    requestsUsed = requestsUsed + 1
  end
  if requestsUsed > 0 then
    -- Every entry is gone after one window (plus a margin for clock skew), so is the key.
    redis.call('PEXPIRE', KEYS[1], window + bucketMs)
    local newest = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
    requestsReset = tonumber(newest[2]) + window - now
  end
end

return { requestsFull, requestsUsed, requestsReset, requestsRetry, tokensFull, tokensUsed, tokensReset, tokensRetry }
`);

/** KEYS[1] token buckets; ARGV: now, tokens, bucket length, window. */
export const recordTokensScript = new RedisScript(`
local bucketMs = tonumber(ARGV[3])
redis.call('HINCRBY', KEYS[1], math.floor(tonumber(ARGV[1]) / bucketMs), ARGV[2])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]) + 2 * bucketMs)
return 1
`);
