/** One attempt at embedding against one deployment: what the routing loop and the upstream call need. */
import type { Price, Timeouts } from '../config/config.js';
import type { RoutedAttempt } from '../chat/run-attempts.js';
import type { ResolvedModel } from '../routing/resolve-model.js';
import type { EmbeddingAdapter } from './embedding-adapter.js';
import type { CallSignal } from '../core/call-signal.js';

export interface EmbeddingAttempt extends RoutedAttempt {
  group: ResolvedModel;
  adapter: EmbeddingAdapter;
  /** Aborts when the client leaves or the whole-call timeout (`timeout_ms`) passes. */
  signal: CallSignal;
  timeouts: Timeouts;
  price: Price | null;
}
