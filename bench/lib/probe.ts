/** One request, checked for status and body shape, before a cell is measured. */
import { request } from 'undici';
import { checkAnswer } from './check-answer.js';
import type { BenchRequest } from './http-request.js';

export interface ProbeResult {
  ok: boolean;
  /** 'ok', or the status and what was wrong. */
  detail: string;
}

export async function probe(benchRequest: BenchRequest): Promise<ProbeResult> {
  try {
    const response = await request(benchRequest.url, {
      method: 'POST',
      headers: benchRequest.headers,
      body: benchRequest.body,
      headersTimeout: 10_000,
      bodyTimeout: 10_000,
    });
    const text = await response.body.text();
    if (response.statusCode < 200 || response.statusCode > 299) {
      return { ok: false, detail: `HTTP ${response.statusCode}: ${text.replace(/\s+/g, ' ').slice(0, 160)}` };
    }
    const problem = checkAnswer(benchRequest.expect, text);
    return problem === undefined ? { ok: true, detail: 'ok' } : { ok: false, detail: `HTTP ${response.statusCode} but ${problem}` };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}
