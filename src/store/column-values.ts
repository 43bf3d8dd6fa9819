/**
 * Conversions between interface values and stored column values (see `database.ts` for why each
 * column is stored the way it is). Reads accept whatever either driver returns and validate it.
 */
import { COST_UNITS_PER_USD } from './database.js';
import { StoreError } from './store-error.js';

export const toIso = (date: Date): string => {
  if (Number.isNaN(date.getTime())) throw new StoreError('invalid_data', 'Cannot store an invalid Date.');
  return date.toISOString();
};

export const toIsoOrNull = (date: Date | null | undefined): string | null => (date == null ? null : toIso(date));

export function toDate(value: Date | string): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new StoreError('invalid_data', `Stored timestamp ${String(value)} is not a date.`);
  return date;
}

export const toDateOrNull = (value: Date | string | null): Date | null => (value === null ? null : toDate(value));

/** Counts and sums: pg returns int8/numeric as strings; SQL SUM over no rows is null. */
export function toNumber(value: number | string | bigint | null): number {
  if (value === null) return 0;
  const number = Number(value);
  if (!Number.isFinite(number)) throw new StoreError('invalid_data', `Stored number ${String(value)} is not finite.`);
  return number;
}

export const toFlag = (value: boolean | number): boolean => value === true || value === 1;

export const fromFlag = (value: boolean): number => (value ? 1 : 0);

export function costToUnits(costUsd: number | null): number | null {
  if (costUsd === null) return null;
  if (!Number.isFinite(costUsd)) throw new StoreError('invalid_data', `Cannot store cost ${costUsd}.`);
  return Math.round(costUsd * COST_UNITS_PER_USD);
}

/** Integer units ÷ 1e10 is correctly rounded, so 3e9 units read back as exactly 0.3. */
export const unitsToCost = (units: number | string | bigint | null): number => toNumber(units) / COST_UNITS_PER_USD;

export const unitsToCostOrNull = (units: number | string | bigint | null): number | null =>
  units === null ? null : unitsToCost(units);
