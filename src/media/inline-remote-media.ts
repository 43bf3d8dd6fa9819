/**
 * Replaces http(s) media URLs in a chat request with data URLs, for upstreams that only take inline
 * bytes (Gemini accepts `fileData` only for its own Files API and YouTube; protocols.md C.2). Distinct
 * URLs are downloaded concurrently (a few at a time); the first failure cancels the rest and becomes a
 * 400 naming the offending field.
 */
import type { ChatMessage, ChatRequest, UserContentPart } from '../core/chat-request.js';
import { invalidRequest } from '../core/errors.js';
import { isHttpUrl, toDataUrl } from './data-url.js';
import { createMediaFetcher, MediaFetchError, type MediaFetcher, type MediaKind, type MediaLimits } from './fetch-remote-media.js';

export type { MediaFetcher, MediaLimits } from './fetch-remote-media.js';

const CONCURRENCY = 4;

interface Target {
  message: number;
  part: number;
  kind: MediaKind;
  url: string;
  param: string;
}

export async function inlineRemoteMedia(request: ChatRequest, options: MediaLimits, fetcher?: MediaFetcher): Promise<ChatRequest> {
  const targets = findRemoteMedia(request.messages);
  if (targets.length === 0) return request;

  const owned = fetcher === undefined ? createMediaFetcher(options) : null;
  const fetch = fetcher ?? owned?.fetch;
  if (fetch === undefined) throw new Error('unreachable: no media fetcher');
  const cancel = new AbortController();
  const unique = [...new Map(targets.map((target) => [`${target.kind} ${target.url}`, target])).values()];
  const results = new Map<string, string>();
  try {
    await forEachLimited(unique, CONCURRENCY, async (target) => {
      try {
        const media = await fetch(target.url, target.kind, cancel.signal);
        results.set(`${target.kind} ${target.url}`, toDataUrl(media.mimeType, media.bytes));
      } catch (error) {
        cancel.abort();
        throw describe(error, target, targets);
      }
    });
  } finally {
    await owned?.close();
  }
  return { ...request, messages: replaceUrls(request.messages, targets, results) };
}

function findRemoteMedia(messages: ChatMessage[]): Target[] {
  const targets: Target[] = [];
  messages.forEach((message, messageIndex) => {
    if (message.role !== 'user' || typeof message.content === 'string') return;
    message.content.forEach((part, partIndex) => {
      const at = `messages[${messageIndex}].content[${partIndex}]`;
      if (part.type === 'image_url' && isHttpUrl(part.image_url.url)) {
        targets.push({ message: messageIndex, part: partIndex, kind: 'image', url: part.image_url.url.trim(), param: `${at}.image_url.url` });
      } else if (part.type === 'file' && part.file.file_data !== undefined && isHttpUrl(part.file.file_data)) {
        targets.push({ message: messageIndex, part: partIndex, kind: 'file', url: part.file.file_data.trim(), param: `${at}.file.file_data` });
      }
    });
  });
  return targets;
}

function replaceUrls(messages: ChatMessage[], targets: Target[], results: Map<string, string>): ChatMessage[] {
  const byMessage = new Map<number, Target[]>();
  for (const target of targets) byMessage.set(target.message, [...(byMessage.get(target.message) ?? []), target]);
  return messages.map((message, index) => {
    const replacements = byMessage.get(index);
    if (replacements === undefined || message.role !== 'user' || typeof message.content === 'string') return message;
    const content = message.content.map((part, partIndex): UserContentPart => {
      const target = replacements.find((candidate) => candidate.part === partIndex);
      const dataUrl = target === undefined ? undefined : results.get(`${target.kind} ${target.url}`);
      if (dataUrl === undefined) return part;
      if (part.type === 'image_url') return { ...part, image_url: { ...part.image_url, url: dataUrl } };
      if (part.type === 'file') return { ...part, file: { ...part.file, file_data: dataUrl } };
      return part;
    });
    return { ...message, content };
  });
}

/** The error names the first field that uses the failing URL. */
function describe(error: unknown, target: Target, all: Target[]): Error {
  const first = all.find((candidate) => candidate.kind === target.kind && candidate.url === target.url) ?? target;
  const noun = target.kind === 'image' ? 'image' : 'file';
  const host = hostOf(target.url);
  const reason = error instanceof MediaFetchError ? error.message : 'could not be downloaded';
  return invalidRequest(`The ${noun} at ${first.param}${host === null ? '' : ` (host ${host})`} ${reason}.`, first.param);
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/** Runs `run` over `items`, `limit` at a time; stops starting new ones after a failure and rethrows the first failure once all running ones settled. */
async function forEachLimited<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  const worker = async (): Promise<void> => {
    while (failures.length === 0) {
      const item = items[next++];
      if (item === undefined) return;
      try {
        await run(item);
      } catch (error) {
        failures.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failures.length > 0) throw failures[0];
}
