/**
 * An OpenAI-compatible upstream's error → the OpenAI envelope (protocols.md E.7): the status and the
 * message are kept; Mistral's top-level `{object:"error",…}`, xAI's `{code, error:"…"}` and
 * DashScope's `{code, message}` are wrapped.
 */
import { z } from 'zod';
import { GatewayError, type ErrorType } from '../../core/errors.js';
import { redactSecrets } from '../../core/redact.js';

const openAIShape = z.looseObject({
  error: z.union([
    z.looseObject({ message: z.string().optional(), type: z.string().nullish(), param: z.string().nullish(), code: z.union([z.string(), z.number()]).nullish() }),
    z.string(),
  ]),
  code: z.union([z.string(), z.number()]).nullish(),
});
const flatShape = z.looseObject({
  message: z.union([z.string(), z.record(z.string(), z.unknown())]),
  type: z.string().nullish(),
  param: z.string().nullish(),
  code: z.union([z.string(), z.number()]).nullish(),
});

type Headers = Readonly<Record<string, string | string[] | undefined>>;

export function mapOpenAICompatibleError(status: number, body: string, headers: Headers, provider = 'upstream'): GatewayError {
  const details = readDetails(body);
  const message = redactSecrets(details.message ?? `The ${provider} provider answered HTTP ${status}.`);
  const forwarded: Record<string, string> = {};
  const retryAfter = header(headers, 'retry-after');
  if (retryAfter !== undefined) forwarded['retry-after'] = retryAfter;

  if (status === 401) {
    // The gateway's own provider key was refused: say so, so the client does not blame its key.
    return new GatewayError(401, `The ${provider} provider rejected the API key configured in the gateway: ${message}`, {
      type: 'invalid_request_error',
      code: 'invalid_api_key',
    });
  }
  const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
  const type: ErrorType = status === 429 ? 'rate_limit_error' : status >= 500 ? 'server_error' : (details.type as ErrorType | undefined) ?? 'invalid_request_error';
  const code = details.code ?? (status === 429 ? 'rate_limit_exceeded' : status >= 500 ? 'upstream_error' : null);
  const mappedStatus = status >= 400 && status <= 599 ? status : 502;
  return new GatewayError(mappedStatus, message, { type, code, param: details.param ?? null, headers: forwarded, retryable });
}

function readDetails(body: string): { message?: string; type?: string; param?: string; code?: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    const text = body.trim().slice(0, 500);
    return text === '' ? {} : { message: text };
  }
  const wrapped = openAIShape.safeParse(json);
  if (wrapped.success) {
    const error = wrapped.data.error;
    if (typeof error === 'string') return { message: error, ...codeOf(wrapped.data.code) };
    return {
      ...(error.message === undefined ? {} : { message: error.message }),
      ...(error.type == null ? {} : { type: error.type }),
      ...(error.param == null ? {} : { param: error.param }),
      ...codeOf(error.code),
    };
  }
  const flat = flatShape.safeParse(json);
  if (flat.success) {
    const message = typeof flat.data.message === 'string' ? flat.data.message : JSON.stringify(flat.data.message);
    return {
      message,
      ...(flat.data.type == null ? {} : { type: flat.data.type }),
      ...(flat.data.param == null ? {} : { param: flat.data.param }),
      ...codeOf(flat.data.code),
    };
  }
  return { message: body.slice(0, 500) };
}

function codeOf(code: string | number | null | undefined): { code?: string } {
  return code === null || code === undefined ? {} : { code: String(code) };
}

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
