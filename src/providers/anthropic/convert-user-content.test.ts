import assert from 'node:assert/strict';
import { test } from 'node:test';
import { userContentPartSchema } from '../../core/chat-request.js';
import { GatewayError } from '../../core/errors.js';
import { convertUserContent, parseDataUrl } from './convert-user-content.js';

const convert = (parts: unknown[]) => convertUserContent(parts.map((part) => userContentPartSchema.parse(part)), 'messages[0].content');
const image = (url: string) => ({ type: 'image_url', image_url: { url } });
const file = (file_data: string, filename?: string) => ({ type: 'file', file: { file_data, ...(filename ? { filename } : {}) } });

function rejects(parts: unknown[], param: string, code: string): void {
  assert.throws(
    () => convert(parts),
    (error: unknown) => error instanceof GatewayError && error.status === 400 && error.param === param && error.code === code,
  );
}

test('parses base64 data URLs, with or without extra parameters', () => {
  assert.deepEqual(parseDataUrl('data:image/png;base64,AAAA'), { mediaType: 'image/png', base64: 'AAAA' });
  assert.deepEqual(parseDataUrl('data:application/pdf;name=a.pdf;base64,JVBE'), { mediaType: 'application/pdf', base64: 'JVBE' });
  assert.equal(parseDataUrl('data:text/plain,hello'), null);
  assert.equal(parseDataUrl('https://example.com/a.png'), null);
});

test('vision: data URLs become base64 sources, http(s) URLs url sources; image/jpg is normalised', () => {
  assert.deepEqual(convert([image('data:image/jpg;base64,/9j/'), image('https://example.com/a.gif')]), [
    { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/' } },
    { type: 'image', source: { type: 'url', url: 'https://example.com/a.gif' } },
  ]);
});

test('files: PDF → base64 document, text/plain → text document, images → image; filename → title', () => {
  assert.deepEqual(convert([file('data:application/pdf;base64,JVBERi0=', 'a.pdf'), file('data:text/plain;base64,aGk='), file('data:image/webp;base64,UklG')]), [
    { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' }, title: 'a.pdf' },
    { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'hi' } },
    { type: 'image', source: { type: 'base64', media_type: 'image/webp', data: 'UklG' } },
  ]);
});

test('content Anthropic cannot take is a 400 naming the part', () => {
  rejects([image('data:image/bmp;base64,Qk0=')], 'messages[0].content[0].image_url.url', 'unsupported_parameter');
  rejects([image('ftp://example.com/a.png')], 'messages[0].content[0].image_url.url', 'invalid_request');
  rejects([{ type: 'text', text: 'x' }, { type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }], 'messages[0].content[1]', 'unsupported_parameter');
  rejects([{ type: 'file', file: { file_id: 'file-abc' } }], 'messages[0].content[0].file.file_id', 'unsupported_parameter');
  rejects([file('data:application/zip;base64,UEsD')], 'messages[0].content[0].file.file_data', 'unsupported_parameter');
});
