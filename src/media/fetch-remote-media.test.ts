import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MockAgent } from 'undici';
import { fetchRemoteMedia, MediaFetchError } from './fetch-remote-media.js';

const strict = { allowPrivateAddresses: false, maxBytes: 1_000, timeoutMs: 1_000 };

test('every redirect hop is checked: a public URL redirecting to the metadata address is refused', async () => {
  const agent = new MockAgent();
  agent.disableNetConnect();
  agent
    .get('http://public.example')
    .intercept({ path: '/cat.png', method: 'GET' })
    .reply(302, '', { headers: { location: 'http://169.254.169.254/latest/meta-data/' } });
  try {
    await assert.rejects(
      fetchRemoteMedia('http://public.example/cat.png', 'image', strict, agent, new AbortController().signal),
      (error: unknown) => error instanceof MediaFetchError && /points to a link-local address \(169\.254\.169\.254\)/.test(error.message),
    );
  } finally {
    await agent.close();
  }
});

test('a redirect to a non-http scheme is refused', async () => {
  const agent = new MockAgent();
  agent.disableNetConnect();
  agent.get('http://public.example').intercept({ path: '/a', method: 'GET' }).reply(301, '', { headers: { location: 'file:///etc/passwd' } });
  try {
    await assert.rejects(
      fetchRemoteMedia('http://public.example/a', 'file', strict, agent, new AbortController().signal),
      /uses file; only http and https URLs can be fetched/,
    );
  } finally {
    await agent.close();
  }
});
