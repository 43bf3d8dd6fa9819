/** What the Responses door keeps of a decoded request, for encoding the answer and for native passthrough. */
import type { GatewayError } from '../../core/errors.js';
import type { ToolNameMap } from './namespace-tool-names.js';
import type { ResponsesBody } from './request-schema.js';

export interface ResponsesInbound {
  /** The validated body, unknown fields kept: what a native deployment receives (model rewritten). */
  body: ResponsesBody;
  /** Flattened namespace-tool names, to give the model's calls their namespace back. */
  names: ToolNameMap;
  /** What the canonical request could not carry: refused before a translated attempt. */
  losses: readonly GatewayError[];
}
