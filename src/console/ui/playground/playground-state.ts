/**
 * The playground's conversation and settings. Kept in memory for the life of the tab, so a look at
 * the request log and back does not lose the chat; never stored (prompts are the user's data).
 */
import type { ChatMessage } from './stream-completion.js';

export interface AnswerFacts {
  provider: string | null;
  upstreamModel: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
  costUsd: number | null;
  /** Whether costUsd comes from the metered usage record (false: still waiting, or not found). */
  metered: boolean;
  latencyMs: number | null;
  firstTokenMs: number | null;
  requestId: string | null;
}

export interface Turn {
  role: 'user' | 'assistant';
  content: string;
  reasoning: string;
  error: string | null;
  facts: AnswerFacts | null;
}

export interface Pane {
  id: number;
  model: string;
  turns: Turn[];
}

export interface PlaygroundState {
  panes: Pane[];
  system: string;
  temperature: string;
  maxTokens: string;
  draft: string;
  nextPaneId: number;
}

export const MAX_PANES = 4;

export const state: PlaygroundState = { panes: [], system: '', temperature: '', maxTokens: '', draft: '', nextPaneId: 1 };

export function addPane(model: string): Pane {
  const pane: Pane = { id: state.nextPaneId++, model, turns: [] };
  state.panes.push(pane);
  return pane;
}

/**
 * The messages to send for a pane: the system prompt, then its own completed exchanges. A question
 * whose answer failed or was stopped is left out, so roles keep alternating for every provider.
 */
export function historyOf(pane: Pane): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (state.system.trim() !== '') messages.push({ role: 'system', content: state.system });
  pane.turns.forEach((turn, index) => {
    const answer = pane.turns[index + 1];
    if (turn.role !== 'user' || answer === undefined || answer.error !== null || answer.content === '') return;
    messages.push({ role: 'user', content: turn.content }, { role: 'assistant', content: answer.content });
  });
  return messages;
}
