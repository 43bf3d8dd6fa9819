/** Writes a YAML config file into a fresh temporary directory, for `startGateway({ configPath })`. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempConfig {
  path: string;
  remove(): void;
}

export function writeTempConfig(yaml: string): TempConfig {
  const directory = mkdtempSync(join(tmpdir(), 'switchyard-config-'));
  const path = join(directory, 'switchyard.yaml');
  writeFileSync(path, yaml);
  return { path, remove: () => rmSync(directory, { recursive: true, force: true }) };
}

/**
 * One attempt per call and no cooldowns, so an upstream error reaches the client as it was mapped
 * and does not take the deployment out of rotation for the next test.
 */
export const SINGLE_ATTEMPT_ROUTING = 'routing: { retries: 0, cooldown_s: 0 }\n';
