/** What the built gateway supports, asked of its own CLI: `serve --workers N` is new. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export function gatewaySupportsWorkers(repositoryRoot: string): boolean {
  const cli = join(repositoryRoot, 'bin', 'switchyard.js');
  for (const args of [['serve', '--help'], ['help']]) {
    const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 10_000 });
    if (`${result.stdout}${result.stderr}`.includes('--workers')) return true;
  }
  return false;
}
