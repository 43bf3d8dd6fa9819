import type { Migration } from './migration.js';

/** Which API a call came in by (chat, messages, responses, embeddings); earlier records were all chat. */
export const usageDoor: Migration = {
  version: 2,
  name: 'usage-door',
  async up(db, dialect) {
    await db.schema
      .alterTable('usage_records')
      .addColumn('door', dialect.types.text, (column) => column.notNull().defaultTo('chat'))
      .execute();
  },
};
