import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readFixture } from './__fixtures__/fixtures.js';
import { embedThoughtSignature, thoughtSignatureFromId } from './thought-signature-id.js';

/** Every signature in the recorded Gemini streams (real ones, up to ~5,500 characters). */
const recordedSignatures = ['google-tool-call-gemini3.chunks.txt', 'google-reasoning-gemini3.chunks.txt', 'google-text.chunks.txt', 'google-tool-call.json'].flatMap((name) =>
  [...readFixture(name).matchAll(/"thoughtSignature":\s*"([^"]+)"/g)].map((match) => match[1] ?? ''),
);

test('recorded signatures round-trip exactly through an id made only of [A-Za-z0-9_-]', () => {
  assert.ok(recordedSignatures.length >= 4 && recordedSignatures.some((signature) => signature.length > 5000));
  for (const signature of recordedSignatures) {
    const id = embedThoughtSignature('call_Ab3', signature);
    assert.match(id, /^call_Ab3__thought__[A-Za-z0-9_-]+$/);
    assert.ok(id.length <= 'call_Ab3__thought__'.length + signature.length, 'no longer than the signature itself');
    assert.equal(thoughtSignatureFromId(id), signature);
  }
});

test('+, / and every padding length survive', () => {
  for (const signature of ['+/+/', 'a+b/cA==', 'ab/+c9A=', 'Eqo+Cqc+Ab4+9vtg', '////']) {
    const id = embedThoughtSignature('call_1', signature);
    assert.match(id, /^[A-Za-z0-9_-]+$/, signature);
    assert.equal(thoughtSignatureFromId(id), signature);
  }
});

test('ids without a signature carry none', () => {
  for (const id of ['call_1', 'call_Xy9AbCdEfGhIjKlMnOpQrStU', 'toolu_01A09q90qw90lq917835lq9', 'functions.get_weather:0', '']) {
    assert.equal(thoughtSignatureFromId(id), undefined, id);
  }
});

test('malformed ids are left alone: no signature is read from them', () => {
  for (const id of ['__thought__AAAA', 'call_1__thought__', 'call_1__thought__A', 'call_1__thought__AAAAA', 'call_1__thought__AA+A', 'call_1__thought__AA=', 'call_1__thought__a.b']) {
    assert.equal(thoughtSignatureFromId(id), undefined, id);
  }
});

test('a signature that is not padded standard base64, or an id already carrying one, is not embedded', () => {
  for (const signature of ['', 'abc', 'ab-_', 'AAAA===', 'has space', 'A=AA']) {
    assert.equal(embedThoughtSignature('call_1', signature), 'call_1', JSON.stringify(signature));
  }
  const once = embedThoughtSignature('call_1', 'QUJD');
  assert.equal(embedThoughtSignature(once, 'REVG'), once);
  assert.equal(embedThoughtSignature('', 'QUJD'), '');
});
