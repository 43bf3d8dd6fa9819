/**
 * The master key: from SWITCHYARD_MASTER_KEY, or generated on first start, stored only as a hash,
 * and handed back once so `serve` can print it. Later starts reuse the stored hash.
 */
import { generateSecret, hashKey } from '../auth/hash-key.js';

export interface SettingsStore {
  getSetting(name: string): Promise<string | null>;
  /** Stores the value unless one exists; returns the value that is stored now. */
  setSettingIfAbsent(name: string, value: string): Promise<string>;
}

const SETTING = 'master_key_sha256';

export async function resolveMasterKey(configured: string | null, settings: SettingsStore): Promise<{ hash: string; generated: string | null }> {
  if (configured !== null) return { hash: hashKey(configured), generated: null };
  const stored = await settings.getSetting(SETTING);
  if (stored !== null) return { hash: stored, generated: null };
  const secret = generateSecret('sy-master');
  const hash = hashKey(secret);
  const winner = await settings.setSettingIfAbsent(SETTING, hash);
  return winner === hash ? { hash, generated: secret } : { hash: winner, generated: null };
}

export class MemorySettings implements SettingsStore {
  private readonly values = new Map<string, string>();

  async getSetting(name: string): Promise<string | null> {
    return this.values.get(name) ?? null;
  }

  async setSettingIfAbsent(name: string, value: string): Promise<string> {
    const existing = this.values.get(name);
    if (existing !== undefined) return existing;
    this.values.set(name, value);
    return value;
  }
}
