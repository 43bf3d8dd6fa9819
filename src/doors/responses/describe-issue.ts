/**
 * The Responses door's 400s name the offending field in the Responses body
 * (`input[3].content[0].image_url`), as OpenAI names it (src/core/describe-issue.ts).
 */
import type { z } from 'zod';
import { describeIssue as describeZodIssue, formatParam } from '../../core/describe-issue.js';
import type { GatewayError } from '../../core/errors.js';

export const formatPath = formatParam;

export function describeIssue(error: z.ZodError, prefix: ReadonlyArray<PropertyKey> = []): GatewayError {
  return describeZodIssue(error.issues, { prefix });
}

/** Parses a part of the body, reporting a failure at its place in the body. */
export function parseAt<T extends z.ZodType>(schema: T, value: unknown, path: ReadonlyArray<PropertyKey>): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw describeIssue(result.error, path);
  return result.data;
}
