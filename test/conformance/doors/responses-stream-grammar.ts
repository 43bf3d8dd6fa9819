/**
 * The grammar of a Responses event stream (https://platform.openai.com/docs/api-reference/responses-streaming),
 * as the openai SDK's ResponseStream and Codex read it: every event named by an `event:` line equal to
 * its `type`; `sequence_number` 0, 1, 2, …; response.created first (then response.in_progress) and
 * response.completed / response.incomplete last; output items added in output-index order and each
 * done exactly once, with no events for an item before it is added or after it is done; content and
 * summary parts opened and closed in pairs; every `.done` text equal to its deltas; and the final
 * response's output equal to the items as they were done.
 */
import { isDeepStrictEqual } from 'node:util';

export interface StreamEvent {
  name: string | undefined;
  data: Record<string, unknown> & { type: string };
}

export function parseEvents(sse: string): StreamEvent[] {
  return sse
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const name = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (data === undefined) throw new Error(`an event without data: ${block}`);
      return { name, data: JSON.parse(data) as StreamEvent['data'] };
    });
}

const TERMINAL = new Set(['response.completed', 'response.incomplete']);

export function responsesStreamViolations(sse: string): string[] {
  const violations: string[] = [];
  let events: StreamEvent[];
  try {
    events = parseEvents(sse);
  } catch (error) {
    return [String(error)];
  }
  const fail = (message: string) => violations.push(message);
  if (events[0]?.data.type !== 'response.created') fail('the first event is not response.created');
  if (events[1]?.data.type !== 'response.in_progress') fail('the second event is not response.in_progress');
  const last = events[events.length - 1];
  if (last === undefined || !TERMINAL.has(last.data.type)) fail(`the last event is ${last?.data.type ?? 'missing'}, not response.completed/incomplete`);

  const open = new Map<number, { id: string; type: string }>();
  const done: unknown[] = [];
  const parts = new Map<string, string>();
  const texts = new Map<string, string>();
  let nextIndex = 0;
  events.forEach(({ name, data }, position) => {
    const where = `event ${position} (${data.type})`;
    if (name !== data.type) fail(`${where}: event line ${String(name)} differs from the type`);
    if (data.sequence_number !== position) fail(`${where}: sequence_number ${String(data.sequence_number)}, expected ${position}`);
    if (TERMINAL.has(data.type) && position !== events.length - 1) fail(`${where}: a terminal event before the end`);
    const index = typeof data.output_index === 'number' ? data.output_index : null;
    const key = `${String(data.output_index)}/${String(data.content_index ?? data.summary_index ?? '')}`;
    switch (data.type) {
      case 'response.output_item.added': {
        const item = data.item as { id: string; type: string };
        if (index !== nextIndex) fail(`${where}: output_index ${String(index)}, expected ${nextIndex}`);
        nextIndex++;
        open.set(index ?? -1, { id: item.id, type: item.type });
        return;
      }
      case 'response.output_item.done': {
        const item = data.item as { id: string; type: string };
        const opened = open.get(index ?? -1);
        if (opened === undefined) fail(`${where}: item ${String(index)} done but not open`);
        else if (opened.id !== item.id || opened.type !== item.type) fail(`${where}: the done item differs from the added one`);
        for (const partKey of parts.keys()) if (partKey.startsWith(`${String(index)}/`)) fail(`${where}: part ${partKey} still open`);
        open.delete(index ?? -1);
        done[index ?? -1] = item;
        return;
      }
      case 'response.content_part.added':
      case 'response.reasoning_summary_part.added':
        requireOpen(index, data, where);
        if (parts.has(key)) fail(`${where}: part ${key} opened twice`);
        parts.set(key, '');
        return;
      case 'response.content_part.done':
      case 'response.reasoning_summary_part.done': {
        if (!parts.has(key)) fail(`${where}: part ${key} closed but not open`);
        const part = data.part as { text?: string; refusal?: string };
        if ((part.text ?? part.refusal) !== parts.get(key)) fail(`${where}: the part's text differs from its deltas`);
        parts.delete(key);
        return;
      }
      case 'response.output_text.delta':
      case 'response.refusal.delta':
      case 'response.reasoning_summary_text.delta':
        requireOpen(index, data, where);
        if (!parts.has(key)) fail(`${where}: a delta outside an open part`);
        if (data.type === 'response.output_text.delta' && !Array.isArray(data.logprobs)) fail(`${where}: logprobs is not an array`);
        parts.set(key, (parts.get(key) ?? '') + String(data.delta));
        return;
      case 'response.output_text.done':
      case 'response.reasoning_summary_text.done':
        if (data.text !== parts.get(key)) fail(`${where}: the done text differs from the deltas`);
        return;
      case 'response.refusal.done':
        if (data.refusal !== parts.get(key)) fail(`${where}: the done refusal differs from the deltas`);
        return;
      case 'response.function_call_arguments.delta':
        requireOpen(index, data, where);
        texts.set(String(index), (texts.get(String(index)) ?? '') + String(data.delta));
        return;
      case 'response.function_call_arguments.done':
        requireOpen(index, data, where);
        if (data.arguments !== (texts.get(String(index)) ?? '')) fail(`${where}: the arguments differ from their deltas`);
        if (typeof data.name !== 'string' || data.name === '') fail(`${where}: no name`);
        return;
      default:
        return;
    }
  });
  if (open.size > 0) fail(`items still open at the end: ${[...open.keys()].join(', ')}`);
  const final = last?.data.response as { output?: unknown[]; status?: string } | undefined;
  if (final !== undefined && !isDeepStrictEqual(final.output, done)) fail('the final response.output differs from the items done');
  if (last?.data.type === 'response.completed' && final?.status !== 'completed') fail('response.completed with another status');
  if (last?.data.type === 'response.incomplete' && final?.status !== 'incomplete') fail('response.incomplete with another status');
  return violations;

  function requireOpen(index: number | null, data: Record<string, unknown>, where: string): void {
    const opened = open.get(index ?? -1);
    if (opened === undefined) fail(`${where}: output item ${String(index)} is not open`);
    else if (data.item_id !== opened.id) fail(`${where}: item_id ${String(data.item_id)} is not the open item's id`);
  }
}
