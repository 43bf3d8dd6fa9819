import type { ErrorType } from '../core/errors.js';

/** Every ErrorType, so a GatewayError thrown on one side of the cluster channel is rebuilt on the other. */
export const ERROR_TYPES = [
  'invalid_request_error',
  'authentication_error',
  'permission_error',
  'not_found_error',
  'requests',
  'tokens',
  'rate_limit_error',
  'insufficient_quota',
  'server_error',
  'timeout',
] as const satisfies readonly ErrorType[];

// A new ErrorType that is missing above fails the type check here.
type Missing = Exclude<ErrorType, (typeof ERROR_TYPES)[number]>;
export const allErrorTypesListed: Missing extends never ? true : never = true;
