/**
 * The limits step between model resolution and routing (design.md §5): RPM/TPM windows and budgets.
 * The chat service asks for a ticket before calling upstream and settles it with the real usage.
 */
import type { Principal } from '../auth/principal.js';
import type { Price } from '../config/config.js';
import type { TokenCounts } from '../core/usage.js';

export interface AdmissionRequest {
  principal: Principal;
  model: string;
  /** A rough estimate of the prompt's tokens (estimate-tokens.ts). */
  promptTokens: number;
  /** The request's own output bound (max_completion_tokens, else max_tokens); null when it sets none. */
  maxOutputTokens: number | null;
  /** The model's price, to turn tokens into a budget hold; null when unpriced (nothing is held). */
  price: Price | null;
}

export interface AdmissionTicket {
  /** x-ratelimit-* headers to send with the answer. */
  readonly headers: Readonly<Record<string, string>>;
  /** The call ended (in any way): record real tokens and spend, release reservations. */
  settle(tokens: TokenCounts, costUsd: number | null): void;
}

export interface Admission {
  /**
   * A ticket, or a 429 GatewayError thrown; either at once (limits kept in this process) or as the
   * promise's outcome (limits shared through Redis or the cluster's primary).
   */
  admit(request: AdmissionRequest): AdmissionTicket | Promise<AdmissionTicket>;
}

const openTicket: AdmissionTicket = { headers: {}, settle: () => undefined };

export const unlimitedAdmission: Admission = { admit: async () => openTicket };
