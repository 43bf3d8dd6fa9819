import { initialSchema } from './0001-initial-schema.js';
import { usageDoor } from './0002-usage-door.js';
import type { Migration } from './migration.js';

/** Every migration, in version order. Append only. */
export const MIGRATIONS: readonly Migration[] = [initialSchema, usageDoor];
