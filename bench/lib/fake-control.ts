/** Changes the fake upstream's stream defaults (the gateway does not forward x-bench-* headers). */
import { request } from 'undici';

export interface StreamDefaults {
  chunks: number;
  intervalMs: number;
}

export async function setStreamDefaults(fakeOrigin: string, defaults: StreamDefaults): Promise<void> {
  const response = await request(`${fakeOrigin}/bench/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(defaults),
  });
  await response.body.dump();
  if (response.statusCode !== 200) throw new Error(`fake upstream refused /bench/config: HTTP ${response.statusCode}`);
}
