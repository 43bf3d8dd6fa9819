import { RedisScript } from './redis-script.js';

/**
 * Lua twins of memory-budget-guard.ts. Amounts are integer nano-USD (see nano-usd.ts); times come
 * from the caller's clock, like the rate-limit scripts.
 *
 * KEYS[1] committed spend of one period: string, integer nano-USD
 * KEYS[2] reservations in flight: sorted set, score = expiry (ms), member = "<id>:<nano-USD>"
 */

/**
 * ARGV: now, budget, amount (the estimate), reservation id, expiresAt, held-set TTL,
 * require-seed (1 = answer -1 when the period has no spend recorded yet, so the caller can load it
 * from the database first), cap (1 = hold min(amount, what remains); 0 = the whole amount must fit).
 * The rule is budget-policy.ts holdNanos: at least one nano-dollar must remain either way.
 * Returns { 1 granted | 0 refused | -1 not seeded, spent, held (before this call), this call's hold }.
 */
export const reserveScript = new RedisScript(`
local spent = redis.call('GET', KEYS[1])
if not spent then
  if ARGV[7] == '1' then return { -1, 0, 0, 0 } end
  spent = 0
else
  spent = tonumber(spent)
end
-- Reservations past their expiry belong to calls that never settled (a crashed instance).
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
local held = 0
local members = redis.call('ZRANGE', KEYS[2], 0, -1)
for i = 1, #members do
  held = held + tonumber(string.match(members[i], ':(%d+)$'))
end
local amount = tonumber(ARGV[3])
local remaining = tonumber(ARGV[2]) - spent - held
local needed = 1
if ARGV[8] ~= '1' and amount > 1 then needed = amount end
if needed > remaining then return { 0, spent, held, 0 } end
local hold = math.min(amount, remaining)
-- %d, not tostring: tostring writes large numbers with an exponent, which the pattern above cannot read.
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[4] .. ':' .. string.format('%d', hold))
if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[6]) then redis.call('PEXPIRE', KEYS[2], ARGV[6]) end
return { 1, spent, held, hold }
`);

/**
 * ARGV: member, actual cost, spend TTL (ms; -1 = never expires), create-if-missing.
 * Without a spend loader a missing period starts from this cost; with one it is left missing so the
 * next reserve loads it from the database (adding to a missing key would make it look seeded).
 */
export const settleScript = new RedisScript(`
redis.call('ZREM', KEYS[2], ARGV[1])
local actual = tonumber(ARGV[2])
if actual > 0 and (ARGV[4] == '1' or redis.call('EXISTS', KEYS[1]) == 1) then
  redis.call('INCRBY', KEYS[1], actual)
  local ttl = tonumber(ARGV[3])
  if ttl > 0 and redis.call('PTTL', KEYS[1]) == -1 then redis.call('PEXPIRE', KEYS[1], ttl) end
end
return 1
`);
