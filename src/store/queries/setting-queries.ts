import { toIso } from '../column-values.js';
import { StoreError } from '../store-error.js';
import type { QueryContext } from './query-context.js';

export async function getSetting(context: QueryContext, name: string): Promise<string | null> {
  const row = await context.db.selectFrom('settings').select('value').where('name', '=', name).executeTakeFirst();
  return row?.value ?? null;
}

export async function setSettingIfAbsent(context: QueryContext, name: string, value: string): Promise<string> {
  // The loser's INSERT waits for the winner's commit and then does nothing; the read that follows
  // sees the winner's value, so every instance agrees (e.g. on the generated master key's hash).
  await context.db
    .insertInto('settings')
    .values({ name, value, created_at: toIso(context.now()) })
    .onConflict((conflict) => conflict.column('name').doNothing())
    .execute();
  const stored = await getSetting(context, name);
  if (stored === null) throw new StoreError('invalid_data', `Setting ${name} vanished right after it was written.`);
  return stored;
}
