import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { NODE_FLAGS, withNodeFlags } from './node-flags.js';

const root = new URL('../../', import.meta.url);

test('npm start and the bin shebang pass the gateway flags', () => {
  const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { scripts: Record<string, string> };
  assert.equal(pkg.scripts.start, `node ${NODE_FLAGS.join(' ')} bin/switchyard.js serve`);
  const shebang = readFileSync(new URL('bin/switchyard.js', root), 'utf8').split('\n')[0];
  assert.equal(shebang, `#!/usr/bin/env -S node ${NODE_FLAGS.join(' ')}`);
});

test('workers get the flags once, and a value the operator chose is kept', () => {
  assert.deepEqual(withNodeFlags([]), [...NODE_FLAGS]);
  assert.deepEqual(withNodeFlags(['--max-semi-space-size=16', '--enable-source-maps']), ['--max-semi-space-size=16', '--enable-source-maps', '--heap-growing-percent=20']);
  assert.deepEqual(withNodeFlags(withNodeFlags([])), [...NODE_FLAGS]);
});
