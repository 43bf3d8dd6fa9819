/**
 * What the cluster primary and its workers say to each other, as schemas both ends validate
 * (ipc-channel.ts). Calls flow both ways: workers ask the primary's limits and metrics; the primary
 * asks each worker for its metrics and to re-read a changed key.
 */
import { z } from 'zod';
import type { BudgetDecision, BudgetLimit, HoldRequest, Reservation } from '../limits/budget-guard.js';
import type { RateLimitDecision, RateLimits, WindowUsage } from '../limits/rate-limiter.js';
import type { IpcPeer } from './ipc-channel.js';
import type { LeaseGrant, LeaseReturn } from './lease-terms.js';

const period = z.enum(['day', 'week', 'month']).nullable();

const rateLimits = z.object({ rpm: z.number().nullable(), tpm: z.number().nullable() }) satisfies z.ZodType<RateLimits>;
const windowUsage = z.object({ limit: z.number(), used: z.number(), remaining: z.number(), resetMs: z.number() }) satisfies z.ZodType<WindowUsage>;
const rateDecision = z.discriminatedUnion('allowed', [
  z.object({ allowed: z.literal(true), degraded: z.boolean(), requests: windowUsage.nullable(), tokens: windowUsage.nullable() }),
  z.object({
    allowed: z.literal(false),
    refusedBy: z.enum(['requests', 'tokens']),
    estimatedTokens: z.number(),
    retryAfterMs: z.number().nullable(),
    requests: windowUsage.nullable(),
    tokens: windowUsage.nullable(),
  }),
]) satisfies z.ZodType<RateLimitDecision>;

const budgetLimit = z.object({ budgetUsd: z.number().nullable(), period }) satisfies z.ZodType<BudgetLimit>;
const holdRequest = z.object({ amountUsd: z.number(), capToRemaining: z.boolean() }) satisfies z.ZodType<HoldRequest>;
const reservation = z.object({
  id: z.string(),
  keyId: z.string(),
  period,
  amountUsd: z.number(),
  expiresAt: z.number(),
  tracked: z.boolean(),
  held: z.boolean(),
  block: z.string().optional(),
}) satisfies z.ZodType<Reservation>;
const budgetDecision = z.discriminatedUnion('allowed', [
  z.object({ allowed: z.literal(true), reservation }),
  z.object({
    allowed: z.literal(false),
    status: z.object({ budgetUsd: z.number(), spentUsd: z.number(), reservedUsd: z.number(), period, resetsAt: z.number().nullable() }),
    estimateUsd: z.number(),
    remainingUsd: z.number(),
  }),
]) satisfies z.ZodType<BudgetDecision>;

/** What a worker gives back of a lease it holds no longer (lease-desk.ts). */
const leaseReturn = z.object({
  leaseId: z.string(),
  keyId: z.string(),
  unusedSlots: z.number(),
  releaseUsd: z.number(),
}) satisfies z.ZodType<LeaseReturn>;
const leaseGrant = z.object({
  leaseId: z.string(),
  expiresAt: z.number(),
  slots: z.number().nullable(),
  tokenAllowance: z.number().nullable(),
  blockId: z.string().nullable(),
  blockUsd: z.number(),
  blockExpiresAt: z.number(),
}) satisfies z.ZodType<LeaseGrant>;
const limitAsk = z.object({
  keyId: z.string(),
  limits: rateLimits.nullable(),
  estimatedTokens: z.number(),
  budget: budgetLimit.nullable(),
  hold: holdRequest,
});

const cooldown = z.object({ id: z.string(), untilMs: z.number() });
const nothing = z.object({});
const done = z.null();

/**
 * A registry's getMetricsAsJSON(), checked for what AggregatorRegistry.aggregate() reads. A value may
 * be null: JSON turns a NaN gauge into null.
 */
const metricsJson = z.array(
  z.object({
    name: z.string(),
    help: z.string(),
    type: z.unknown(),
    aggregator: z.enum(['omit', 'sum', 'first', 'min', 'max', 'average']),
    values: z.array(
      z.object({
        value: z.number().nullable(),
        labels: z.record(z.string(), z.union([z.string(), z.number()]).optional()),
        metricName: z.string().optional(),
      }),
    ),
  }),
);

export const clusterProtocol = {
  calls: {
    // worker → primary (memory limits shared by every worker)
    'rate.admit': { request: z.object({ keyId: z.string(), limits: rateLimits, estimatedTokens: z.number(), now: z.number() }), result: rateDecision },
    'budget.reserve': { request: z.object({ keyId: z.string(), limit: budgetLimit, hold: holdRequest, now: z.number() }), result: budgetDecision },
    // after calls: what a turn's calls actually used, in one message (ipc-bookkeeping.ts)
    'limits.bookkeeping': {
      request: z.object({
        tokens: z.array(z.object({ keyId: z.string(), tokens: z.number(), now: z.number() })),
        settlements: z.array(z.object({ reservation, actualUsd: z.number(), now: z.number() })),
        returns: z.array(leaseReturn),
      }),
      result: done,
    },
    // worker → primary: a call its lease could not answer, decided exactly, with the next lease and the last one's return
    'limits.admit': {
      request: z.object({ ask: limitAsk, now: z.number(), want: z.number(), returned: leaseReturn.nullable() }),
      result: z.object({ rate: rateDecision.nullable(), budget: budgetDecision.nullable(), lease: leaseGrant.nullable() }),
    },
    // primary → worker: give a key's lease back now (the primary is about to refuse a call)
    'lease.revoke': { request: z.object({ keyId: z.string() }), result: leaseReturn.nullable() },
    'budget.seed': { request: z.object({ keyId: z.string(), period, periodStartMs: z.number(), spendUsd: z.number() }), result: done },
    // worker → primary: answered once every other worker has re-read the key
    'keys.changed': { request: z.object({ id: z.string() }), result: done },
    'cooldowns.list': { request: nothing, result: z.array(cooldown) },
    'metrics.scrape': { request: nothing, result: z.object({ text: z.string(), contentType: z.string() }) },
    // primary → worker
    'keys.refresh': { request: z.object({ id: z.string() }), result: done },
    'metrics.collect': { request: nothing, result: metricsJson },
  },
  events: {
    // worker → primary
    'worker.listening': z.object({ address: z.string() }),
    'cooldown.started': cooldown,
    // primary → worker
    'cooldown.apply': cooldown,
    'worker.shutdown': nothing,
  },
};

export type ClusterPeer = IpcPeer<(typeof clusterProtocol)['calls'], (typeof clusterProtocol)['events']>;
