import { z } from 'zod';
import { modelNameSchema } from '../core/model-name.js';

/** An upper bound on `server.workers`, against typos like 1000. */
export const MAX_WORKERS = 256;

/** The YAML config file, as documented in shared/design.md §1 (snake_case keys). */

const timeoutsSchema = {
  timeout_ms: z.number().int().positive().optional(),
  first_byte_timeout_ms: z.number().int().positive().optional(),
  idle_timeout_ms: z.number().int().positive().optional(),
  connect_timeout_ms: z.number().int().positive().optional(),
};

export const priceSchema = z.strictObject({
  input_per_mtok: z.number().nonnegative(),
  output_per_mtok: z.number().nonnegative(),
  cached_input_per_mtok: z.number().nonnegative().optional(),
  cache_write_per_mtok: z.number().nonnegative().optional(),
  reasoning_per_mtok: z.number().nonnegative().optional(),
});

const providerSchema = z.strictObject({
  type: z.string().min(1).optional(),
  base_url: z.string().optional(),
  api_key: z.string().optional(),
  api_version: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
});

const targetSchema = z.strictObject({
  provider: z.string().min(1),
  model: modelNameSchema,
  weight: z.number().positive().default(1),
});

const modelSchema = z.strictObject({
  name: modelNameSchema,
  targets: z.array(targetSchema).min(1),
  fallbacks: z.array(modelNameSchema).default([]),
  price: priceSchema.optional(),
  strategy: z.enum(['weighted', 'least-busy', 'lowest-latency']).default('weighted'),
  ...timeoutsSchema,
});

export const configFileSchema = z.strictObject({
  server: z
    .strictObject({
      host: z.string().optional(),
      port: z.number().int().min(0).max(65535).optional(),
      body_limit_mb: z.number().positive().max(1024).optional(),
      shutdown_grace_s: z.number().nonnegative().max(3600).optional(),
      metrics_access: z.enum(['public', 'master']).optional(),
      /** Gateway processes on this box (node:cluster); `auto` = one per core. */
      workers: z.union([z.number().int().min(1).max(MAX_WORKERS), z.literal('auto')]).optional(),
    })
    .optional(),
  store: z.strictObject({ url: z.string().min(1) }).optional(),
  redis: z.strictObject({ url: z.string().min(1) }).optional(),
  master_key: z.string().optional(),
  default_model: modelNameSchema.optional(),
  providers: z.record(z.string().regex(/^[a-zA-Z0-9_.-]+$/, 'provider names use letters, digits, _ . -'), providerSchema).optional(),
  models: z.array(modelSchema).optional(),
  routing: z
    .strictObject({
      retries: z.number().int().min(0).max(10).optional(),
      cooldown_s: z.number().nonnegative().optional(),
      ...timeoutsSchema,
    })
    .optional(),
  logging: z.strictObject({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional() }).optional(),
  media: z
    .strictObject({
      allow_private_addresses: z.boolean().optional(),
      max_bytes: z.number().int().positive().optional(),
      timeout_ms: z.number().int().positive().optional(),
    })
    .optional(),
});

export type ConfigFile = z.infer<typeof configFileSchema>;
export type PriceInput = z.infer<typeof priceSchema>;
