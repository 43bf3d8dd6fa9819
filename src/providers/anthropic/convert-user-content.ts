/**
 * OpenAI user content parts → Anthropic user blocks
 * (https://docs.claude.com/en/docs/build-with-claude/vision, .../pdf-support):
 * text → text (empty or whitespace-only text is skipped: Anthropic rejects it),
 * image_url data URL → base64 image, http(s) URL → url image, file data URL → document
 * (PDF as base64, text/plain decoded) or image. Audio and OpenAI file ids have no Anthropic
 * equivalent: 400 rather than silently losing part of the prompt.
 */
import type { UserContentPart } from '../../core/chat-request.js';
import { invalidRequest, unsupportedParameter } from '../../core/errors.js';
import type { AnthropicDocumentBlock, AnthropicImageBlock, AnthropicTextBlock, AnthropicUserBlock, ImageMediaType } from './anthropic-request-types.js';

const IMAGE_TYPES: Readonly<Record<string, ImageMediaType>> = {
  'image/jpeg': 'image/jpeg',
  'image/jpg': 'image/jpeg',
  'image/png': 'image/png',
  'image/gif': 'image/gif',
  'image/webp': 'image/webp',
};

interface DataUrl {
  mediaType: string;
  base64: string;
}

/** `data:<media type>[;param]*;base64,<data>`; only base64 payloads are meaningful for media. */
export function parseDataUrl(url: string): DataUrl | null {
  const match = /^data:([^;,]*)((?:;[^;,]*)*),(.*)$/s.exec(url);
  if (!match) return null;
  const parameters = (match[2] ?? '').split(';').map((parameter) => parameter.trim().toLowerCase());
  if (!parameters.includes('base64')) return null;
  return { mediaType: (match[1] ?? '').trim().toLowerCase(), base64: match[3] ?? '' };
}

export function textBlock(text: string): AnthropicTextBlock | null {
  return text.trim() === '' ? null : { type: 'text', text };
}

export function convertUserContent(content: string | UserContentPart[], path: string): AnthropicUserBlock[] {
  if (typeof content === 'string') {
    const block = textBlock(content);
    return block === null ? [] : [block];
  }
  const blocks: AnthropicUserBlock[] = [];
  content.forEach((part, position) => {
    const block = convertPart(part, `${path}[${position}]`);
    if (block !== null) blocks.push(block);
  });
  return blocks;
}

function convertPart(part: UserContentPart, path: string): AnthropicUserBlock | null {
  switch (part.type) {
    case 'text':
      return textBlock(part.text);
    case 'image_url':
      return convertImageUrl(part.image_url.url, path);
    case 'file':
      return convertFile(part.file, path);
    case 'input_audio':
      throw unsupportedParameter(path, 'Anthropic models do not accept audio input; remove the input_audio part or choose another model.');
  }
}

function convertImageUrl(url: string, path: string): AnthropicImageBlock {
  if (/^https?:\/\//i.test(url)) return { type: 'image', source: { type: 'url', url } };
  const data = parseDataUrl(url);
  if (data === null) {
    throw invalidRequest('An image_url must be an http(s) URL or a base64 data URL (data:image/png;base64,…).', `${path}.image_url.url`);
  }
  return imageBlock(data, `${path}.image_url.url`);
}

function imageBlock(data: DataUrl, path: string): AnthropicImageBlock {
  const mediaType = IMAGE_TYPES[data.mediaType];
  if (mediaType === undefined) {
    throw unsupportedParameter(path, `Anthropic accepts JPEG, PNG, GIF and WebP images; got ${data.mediaType || 'an unknown type'}.`);
  }
  return { type: 'image', source: { type: 'base64', media_type: mediaType, data: data.base64 } };
}

function convertFile(
  file: { file_data?: string | undefined; file_id?: string | undefined; filename?: string | undefined },
  path: string,
): AnthropicDocumentBlock | AnthropicImageBlock {
  if (file.file_data === undefined) {
    throw unsupportedParameter(
      `${path}.file.file_id`,
      'OpenAI file ids cannot be used with Anthropic models; send the file inline as file_data (a base64 data URL).',
    );
  }
  const data = parseDataUrl(file.file_data);
  if (data === null) {
    throw invalidRequest('file_data must be a base64 data URL (data:application/pdf;base64,…).', `${path}.file.file_data`);
  }
  const title = file.filename === undefined || file.filename === '' ? {} : { title: file.filename };
  if (data.mediaType === 'application/pdf') {
    return { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: data.base64 }, ...title };
  }
  if (data.mediaType === 'text/plain') {
    const text = Buffer.from(data.base64, 'base64').toString('utf8');
    return { type: 'document', source: { type: 'text', media_type: 'text/plain', data: text }, ...title };
  }
  if (data.mediaType.startsWith('image/')) return imageBlock(data, `${path}.file.file_data`);
  throw unsupportedParameter(
    `${path}.file.file_data`,
    `Anthropic accepts PDF, plain-text and image files; got ${data.mediaType || 'an unknown type'}.`,
  );
}
