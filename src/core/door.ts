/** The APIs a call can come in by: OpenAI Chat Completions, Anthropic Messages, OpenAI Responses, embeddings. */
export const DOORS = ['chat', 'messages', 'responses', 'embeddings'] as const;
export type Door = (typeof DOORS)[number];

const KNOWN: ReadonlySet<string> = new Set(DOORS);

/** A stored door name; anything unknown (a newer version's record) reads as chat. */
export const toDoor = (value: string): Door => (KNOWN.has(value) ? (value as Door) : 'chat');
