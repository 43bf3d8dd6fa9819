/** What the shared agent suite needs to know about one coding agent CLI. */
import type { ReceivedRequest } from '../fakes/fake-upstream.js';
import type { Invocation } from './run-agent.js';

export const AGENT_MODELS = ['claude-4-5-sonnet', 'gpt-5', 'gemini-2.5-pro', 'deepseek-v3.2'] as const;
export type AgentModel = (typeof AGENT_MODELS)[number];

export interface AgentRun {
  gatewayUrl: string;
  /** The virtual key (`sy-…`) the agent authenticates with. */
  key: string;
  model: AgentModel;
  prompt: string;
  /** A fresh, empty HOME for this run: no user config, no logins, no history. */
  home: string;
  /** The working directory (a temporary project holding the file the agent reads). */
  cwd: string;
}

export interface AgentUnderTest {
  name: string;
  /** The gateway door it speaks, as usage records name it. */
  door: 'messages' | 'responses';
  /** The upstream protocol each model is reached over through that door (native or translated). */
  upstream: Record<AgentModel, ReceivedRequest['protocol']>;
  /** The agent's own tool call that shows a file's contents, as a model would make it. */
  readFileCall(path: string): { name: string; arguments: Record<string, unknown> };
  invocation(run: AgentRun): Invocation;
}
