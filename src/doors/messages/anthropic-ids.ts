/**
 * Ids in Anthropic's shapes. Message ids are `msg_…`. Tool-use ids must match `^[a-zA-Z0-9_-]+$`
 * (https://docs.claude.com/en/api/messages): other providers' ids that do not (Moonshot's
 * `functions.get_weather:0`) are mapped deterministically by the Anthropic adapter's mapToolUseId,
 * so the tool_result the client sends back carries the same id again; a missing id gets a fresh one.
 */
import { mapToolUseId } from '../../providers/anthropic/map-tool-use-id.js';
import type { DoorContext } from '../door.js';

export function messageId(context: DoorContext): string {
  const id = context.newId('msg');
  return id.startsWith('msg_') ? id : `msg_${id.replace(/^msg-/, '')}`;
}

export function toolUseId(id: string | undefined, context: DoorContext): string {
  if (id === undefined || id === '') return mapToolUseId(context.newId('toolu'));
  return mapToolUseId(id);
}
