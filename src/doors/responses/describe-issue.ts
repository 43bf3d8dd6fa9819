/**
 * A zod failure → a 400 whose `param` points at the offending field in the Responses body
 * (`input[3].content[0].image_url`), as OpenAI names it. Union failures nest the real cause, so the
 * most specific issue wins.
 */
import type { z } from 'zod';
import { invalidRequest, type GatewayError } from '../../core/errors.js';

export function describeIssue(error: z.ZodError, prefix: ReadonlyArray<PropertyKey> = []): GatewayError {
  const issue = deepestIssue(error.issues);
  const param = formatPath([...prefix, ...issue.path]);
  const message = param === null ? issue.message : `Invalid value for '${param}': ${issue.message}`;
  return invalidRequest(message, param);
}

function deepestIssue(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue {
  let best = issues[0];
  if (best === undefined) throw new Error('zod reported failure without issues');
  for (const issue of issues) {
    if (issue.code === 'invalid_union') {
      for (const branch of issue.errors) {
        if (branch.length === 0) continue;
        const inner = deepestIssue(branch);
        const candidate = { ...inner, path: [...issue.path, ...inner.path] };
        if (candidate.path.length > best.path.length) best = candidate;
      }
    } else if (issue.path.length > best.path.length) {
      best = issue;
    }
  }
  return best;
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string | null {
  if (path.length === 0) return null;
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/** Parses a part of the body, reporting a failure at its place in the body. */
export function parseAt<T extends z.ZodType>(schema: T, value: unknown, path: ReadonlyArray<PropertyKey>): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw describeIssue(result.error, path);
  return result.data;
}
