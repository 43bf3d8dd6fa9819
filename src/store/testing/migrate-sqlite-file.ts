/**
 * Child process for the cross-process migration test. It opens the store, prints `ready`, waits for
 * a line on stdin (the parent releases every child at once), migrates, and prints the migrations it
 * applied as JSON. Usage: node --import tsx migrate-sqlite-file.ts PATH
 */
import { once } from 'node:events';
import { openStore } from '../open-store.js';

const path = process.argv[2];
if (path === undefined) throw new Error('usage: migrate-sqlite-file.ts PATH');
const store = await openStore(`sqlite:${path}`);
process.stdout.write('ready\n');
await once(process.stdin, 'data');
const applied = await store.migrate();
await store.close();
process.stdout.write(`${JSON.stringify(applied)}\n`);
process.exit(0);
