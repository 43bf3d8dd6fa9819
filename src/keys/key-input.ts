/** The admin API's key body (design.md §2), validated once for the API and the CLI alike. */
import { z } from 'zod';

const modelPattern = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\s]+$/, 'model names and patterns contain no spaces');

const fields = {
  name: z.string().trim().min(1).max(200),
  models: z.array(modelPattern).max(500).nullable(),
  rpm: z.number().int().min(0).nullable(),
  tpm: z.number().int().min(0).nullable(),
  budget_usd: z.number().min(0).nullable(),
  budget_period: z.enum(['day', 'week', 'month']).nullable(),
  expires_at: z.iso.datetime({ offset: true }).nullable(),
  metadata: z.record(z.string(), z.unknown()),
};

export const createKeySchema = z.strictObject({
  name: fields.name,
  models: fields.models.optional(),
  rpm: fields.rpm.optional(),
  tpm: fields.tpm.optional(),
  budget_usd: fields.budget_usd.optional(),
  budget_period: fields.budget_period.optional(),
  expires_at: fields.expires_at.optional(),
  metadata: fields.metadata.optional(),
});

export const patchKeySchema = createKeySchema.partial();

export type CreateKeyInput = z.infer<typeof createKeySchema>;
export type PatchKeyInput = z.infer<typeof patchKeySchema>;
