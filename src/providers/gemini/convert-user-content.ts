/**
 * OpenAI user content → Gemini parts (protocols.md E.4 step 3; https://ai.google.dev/gemini-api/docs/vision,
 * https://ai.google.dev/gemini-api/docs/document-processing, https://ai.google.dev/gemini-api/docs/audio).
 * Media must be inline: http(s) URLs were replaced with data URLs by the media inliner before this runs.
 */
import type { UserContentPart } from '../../core/chat-request.js';
import { invalidRequest, unsupportedParameter } from '../../core/errors.js';
import { isHttpUrl, parseDataUrl } from '../../media/data-url.js';
import type { GeminiPart } from './gemini-wire-types.js';

const AUDIO_TYPES: Record<string, string> = { wav: 'audio/wav', mp3: 'audio/mp3' };
const FILE_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  html: 'text/html',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
};

/** `param` names the message's content (`messages[2].content`). Empty text is skipped: Gemini rejects empty text parts. */
export function convertUserContent(content: string | UserContentPart[], param: string): GeminiPart[] {
  if (typeof content === 'string') return content === '' ? [] : [{ text: content }];
  const parts: GeminiPart[] = [];
  content.forEach((part, index) => {
    const at = `${param}[${index}]`;
    switch (part.type) {
      case 'text':
        if (part.text !== '') parts.push({ text: part.text });
        return;
      case 'image_url':
        parts.push({ inlineData: inlineMedia(part.image_url.url, `${at}.image_url.url`, 'image') });
        return;
      case 'input_audio':
        parts.push({ inlineData: { mimeType: AUDIO_TYPES[part.input_audio.format] ?? `audio/${part.input_audio.format}`, data: part.input_audio.data } });
        return;
      case 'file':
        parts.push({ inlineData: fileData(part.file, at) });
        return;
    }
  });
  return parts;
}

function inlineMedia(url: string, param: string, noun: string): { mimeType: string; data: string } {
  const parsed = parseDataUrl(url);
  if (parsed !== null) return parsed;
  if (isHttpUrl(url)) {
    throw invalidRequest(`Gemini needs the ${noun} bytes inline, and the ${noun} at ${param} was not downloaded by the gateway. Send it as a data: URL.`, param);
  }
  throw invalidRequest(`The ${noun} at ${param} must be a data: URL or an http(s) URL.`, param);
}

function fileData(file: { file_data?: string | undefined; file_id?: string | undefined; filename?: string | undefined }, at: string): { mimeType: string; data: string } {
  const data = file.file_data;
  if (data === undefined || data === '') {
    if (file.file_id !== undefined) {
      throw unsupportedParameter(`${at}.file.file_id`, 'OpenAI file ids cannot be read by Gemini; send the file as file_data (a data: URL).');
    }
    throw invalidRequest('A file part needs file_data.', `${at}.file`);
  }
  if (data.startsWith('data:') || isHttpUrl(data)) return inlineMedia(data, `${at}.file.file_data`, 'file');
  // Bare base64 (as OpenAI documents file_data): the type comes from the file name.
  const extension = file.filename?.split('.').pop()?.toLowerCase() ?? '';
  const mimeType = FILE_TYPES[extension];
  if (mimeType === undefined) {
    throw invalidRequest('file_data without a data: URL prefix needs a filename with a known extension (pdf, txt, png…).', `${at}.file.file_data`);
  }
  return { mimeType, data: data.replace(/\s+/g, '') };
}
