import assert from 'node:assert/strict';
import { test } from 'node:test';
import { flattenToolName, restoreToolName } from './namespace-tool-names.js';
import { FUNCTION_NAME } from './request-schema.js';

test('a namespaced tool flattens to <namespace>__<name> and back', () => {
  const flat = flattenToolName('multi_agent_v1', 'spawn_agent');
  assert.equal(flat, 'multi_agent_v1__spawn_agent');
  assert.deepEqual(restoreToolName(flat, new Map([[flat, { namespace: 'multi_agent_v1', name: 'spawn_agent' }]])), { name: 'spawn_agent', namespace: 'multi_agent_v1' });
  assert.deepEqual(restoreToolName('exec_command', new Map()), { name: 'exec_command' });
});

test('long or odd names are shortened to a valid, stable, distinct name', () => {
  const long = flattenToolName('a'.repeat(40), 'b'.repeat(40));
  const odd = flattenToolName('mcp.server', 'read file');
  for (const name of [long, odd]) assert.match(name, FUNCTION_NAME);
  assert.equal(long, flattenToolName('a'.repeat(40), 'b'.repeat(40)));
  assert.notEqual(long, flattenToolName('a'.repeat(40), `${'b'.repeat(39)}c`));
  assert.ok(odd.startsWith('mcp_server__read_file_'));
});
