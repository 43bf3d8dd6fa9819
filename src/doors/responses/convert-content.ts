/**
 * Responses content parts → canonical (Chat Completions) content parts
 * (https://platform.openai.com/docs/api-reference/responses/create#responses-create-input):
 * `input_text`/`output_text` → text, `input_image` with a URL or data URL → `image_url` (detail
 * kept), `input_file` with inline `file_data` → `file`. What only OpenAI can resolve — `file_id`s
 * (files stored at OpenAI), `file_url`s — and parts of an unknown type are losses: refused if the
 * call must be translated, passed through to OpenAI/Azure.
 */
import { z } from 'zod';
import type { TextPart, UserContentPart } from '../../core/chat-request.js';
import { invalidRequest, unsupportedParameter, type GatewayError } from '../../core/errors.js';
import { formatPath, parseAt } from './describe-issue.js';
import { inputFilePart, inputImagePart } from './item-schemas.js';
import { isBareTextPart } from './plain-input.js';

type Path = ReadonlyArray<PropertyKey>;

const typed = z.looseObject({ type: z.string() });
const textLike = z.looseObject({ type: z.enum(['input_text', 'output_text']), text: z.string() });
const refusal = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });

const param = (path: Path): string => formatPath(path) ?? 'input';

const openAIOnly = (path: Path, what: string): GatewayError =>
  unsupportedParameter(param(path), `${what} can only be read by OpenAI; this model is served by another provider. Send the content inline (a data URL) instead.`);

/** One image or file part, or a text part; null when it is a loss (recorded). */
export function convertMediaPart(raw: unknown, path: Path, losses: GatewayError[]): UserContentPart | null {
  if (isBareTextPart(raw)) return { type: 'text', text: raw.text };
  const part = parseAt(typed, raw, path);
  switch (part.type) {
    case 'input_text':
    case 'output_text': {
      const text = parseAt(textLike, raw, path);
      return { type: 'text', text: text.text };
    }
    case 'input_image': {
      const image = parseAt(inputImagePart, raw, path);
      if (image.image_url) return { type: 'image_url', image_url: { url: image.image_url, ...(image.detail ? { detail: image.detail } : {}) } };
      if (image.file_id) losses.push(openAIOnly([...path, 'file_id'], 'An image given by file_id'));
      else throw invalidRequest(`Invalid value for '${param(path)}': an input_image needs image_url or file_id.`, param(path));
      return null;
    }
    case 'input_file': {
      const file = parseAt(inputFilePart, raw, path);
      if (file.file_data) return { type: 'file', file: { file_data: file.file_data, ...(file.filename ? { filename: file.filename } : {}) } };
      if (file.file_id || file.file_url) losses.push(openAIOnly([...path, file.file_id ? 'file_id' : 'file_url'], `A file given by ${file.file_id ? 'file_id' : 'file_url'}`));
      else throw invalidRequest(`Invalid value for '${param(path)}': an input_file needs file_data, file_id or file_url.`, param(path));
      return null;
    }
    default:
      losses.push(unsupportedParameter(param(path), `Content of type \`${part.type}\` cannot be translated for this model's provider.`));
      return null;
  }
}

/** A user message's content. */
export function convertUserContent(content: string | readonly unknown[], path: Path, losses: GatewayError[]): string | UserContentPart[] {
  if (typeof content === 'string') return content;
  const parts = content.flatMap((raw, index) => convertMediaPart(raw, [...path, index], losses) ?? []);
  return parts.length > 0 ? parts : '';
}

/** A system/developer message's content: text only. */
export function convertSystemContent(content: string | readonly unknown[], path: Path, losses: GatewayError[]): string | TextPart[] {
  if (typeof content === 'string') return content;
  const parts: TextPart[] = [];
  content.forEach((raw, index) => {
    const converted = convertMediaPart(raw, [...path, index], losses);
    if (converted === null) return;
    if (converted.type === 'text') parts.push(converted);
    else losses.push(unsupportedParameter(param([...path, index]), 'Images and files in system or developer messages cannot be translated; send them in a user message.'));
  });
  return parts.length > 0 ? parts : '';
}

/** An assistant message's content: its text parts and its refusal. */
export function convertAssistantContent(content: string | readonly unknown[], path: Path): { texts: string[]; refusal: string | null } {
  if (typeof content === 'string') return { texts: content === '' ? [] : [content], refusal: null };
  const texts: string[] = [];
  let refused: string | null = null;
  content.forEach((raw, index) => {
    if (isBareTextPart(raw)) {
      texts.push(raw.text);
      return;
    }
    const part = parseAt(typed, raw, [...path, index]);
    if (part.type === 'refusal') refused = (refused ?? '') + parseAt(refusal, raw, [...path, index]).refusal;
    else texts.push(parseAt(textLike, raw, [...path, index]).text);
  });
  return { texts, refusal: refused };
}
