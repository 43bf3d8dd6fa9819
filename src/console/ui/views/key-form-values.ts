/**
 * The key form's text fields ↔ the admin API's key body. Creating sends what was filled in;
 * editing sends only what changed, with null for a cleared field ("no limit"). Pure (unit-tested).
 */
export type PeriodChoice = '' | 'day' | 'week' | 'month';

export interface KeyFormValues {
  name: string;
  /** Comma- or space-separated model names and `provider/*` patterns; empty = every model. */
  models: string;
  budgetUsd: string;
  budgetPeriod: PeriodChoice;
  rpm: string;
  tpm: string;
  /** `YYYY-MM-DD` (the key works through the end of that UTC day); empty = never. */
  expires: string;
}

export interface KeyLike {
  name: string;
  models: string[] | null;
  budgetUsd: number | null;
  budgetPeriod: 'day' | 'week' | 'month' | null;
  rpm: number | null;
  tpm: number | null;
  expiresAt: string | null;
}

export type KeyBodyResult = { ok: true; body: Record<string, unknown> } | { ok: false; field: keyof KeyFormValues; message: string };

export const EMPTY_FORM: KeyFormValues = { name: '', models: '', budgetUsd: '', budgetPeriod: '', rpm: '', tpm: '', expires: '' };

export function formValuesOf(key: KeyLike): KeyFormValues {
  return {
    name: key.name,
    models: key.models?.join(', ') ?? '',
    budgetUsd: key.budgetUsd === null ? '' : String(key.budgetUsd),
    budgetPeriod: key.budgetPeriod ?? '',
    rpm: key.rpm === null ? '' : String(key.rpm),
    tpm: key.tpm === null ? '' : String(key.tpm),
    expires: key.expiresAt?.slice(0, 10) ?? '',
  };
}

/** The POST body (initial = null) or the PATCH body of changed fields. */
export function keyBody(values: KeyFormValues, initial: KeyFormValues | null): KeyBodyResult {
  const name = values.name.trim();
  if (name === '') return { ok: false, field: 'name', message: 'Give the key a name, such as the app or person that will use it.' };
  const budget = parseNumber(values.budgetUsd, false);
  if (budget === undefined) return { ok: false, field: 'budgetUsd', message: 'The budget is an amount in US dollars, such as 25 or 2.50.' };
  const rpm = parseNumber(values.rpm, true);
  if (rpm === undefined) return { ok: false, field: 'rpm', message: 'Requests per minute is a whole number (empty for no limit).' };
  const tpm = parseNumber(values.tpm, true);
  if (tpm === undefined) return { ok: false, field: 'tpm', message: 'Tokens per minute is a whole number (empty for no limit).' };
  if (values.expires !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(values.expires)) return { ok: false, field: 'expires', message: 'Pick the last day the key may be used.' };

  const fields: Record<keyof KeyFormValues, [string, unknown]> = {
    name: ['name', name],
    models: ['models', parseModels(values.models)],
    budgetUsd: ['budget_usd', budget],
    budgetPeriod: ['budget_period', values.budgetPeriod === '' ? null : values.budgetPeriod],
    rpm: ['rpm', rpm],
    tpm: ['tpm', tpm],
    expires: ['expires_at', values.expires === '' ? null : `${values.expires}T23:59:59.999Z`],
  };
  const body: Record<string, unknown> = {};
  for (const [field, [property, value]] of Object.entries(fields) as Array<[keyof KeyFormValues, [string, unknown]]>) {
    const changed = initial === null ? value !== null : normalize(values[field]) !== normalize(initial[field]);
    if (changed) body[property] = value;
  }
  return { ok: true, body };
}

function parseModels(text: string): string[] | null {
  const models = text.split(/[\s,]+/).filter((model) => model !== '');
  return models.length === 0 ? null : models;
}

/** undefined = invalid; null = empty (no limit). */
function parseNumber(text: string, whole: boolean): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value < 0 || (whole && !Number.isInteger(value))) return undefined;
  return value;
}

const normalize = (text: string): string => text.trim().split(/[\s,]+/).filter((part) => part !== '').join(',');
