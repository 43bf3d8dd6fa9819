import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { pino } from 'pino';
import { LineBatcher, type LineDestination } from './line-batcher.js';

class Recorder implements LineDestination {
  readonly writes: string[] = [];
  flushes = 0;
  write(text: string): boolean {
    this.writes.push(text);
    return true;
  }
  flush(callback: (error?: Error) => void): void {
    this.flushes += 1;
    callback();
  }
  flushSync(): void {
    this.flushes += 1;
  }
}

test('lines are handed over in batches, in order, and nothing is held after a flush', () => {
  const destination = new Recorder();
  const batcher = new LineBatcher(destination, 100);
  const lines = Array.from({ length: 25 }, (_, index) => `{"n":${index},"pad":"${'x'.repeat(20)}"}\n`);
  for (const line of lines) batcher.write(line);
  assert.ok(destination.writes.length >= 5 && destination.writes.length <= 8, `${destination.writes.length} writes for 25 lines of ~34 chars`);
  for (const write of destination.writes) assert.ok(write.length >= 100 && write.length < 134, 'each batch is at least the batch size, and at most one line over');
  let flushed = false;
  batcher.flush(() => {
    flushed = true;
  });
  assert.ok(flushed);
  assert.equal(destination.writes.join(''), lines.join(''), 'every line, once, in order');
  batcher.close();
});

test('pino writes through it: its own lines and the call lines stay in the order they were logged', () => {
  const destination = new Recorder();
  const batcher = new LineBatcher(destination, 8192);
  const logger = pino({ level: 'info' }, batcher);
  logger.warn('first');
  batcher.write('{"msg":"call line"}\n');
  logger.info('third');
  assert.equal(destination.writes.length, 0, 'held until the batch fills or a flush');
  batcher.close();
  const messages = destination.writes.join('').trim().split('\n').map((line) => (JSON.parse(line) as { msg: string }).msg);
  assert.deepEqual(messages, ['first', 'call line', 'third']);
});

test('lines still held when the process exits are written', () => {
  const script = [
    "import { pino } from 'pino';",
    "import { LineBatcher } from './src/app/line-batcher.ts';",
    'const logger = pino({ level: "info" }, new LineBatcher(pino.destination({ dest: 1, sync: true }), 8192));',
    'logger.info("before exit");',
    'process.exit(0);',
  ].join('\n');
  const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.match(output, /"msg":"before exit"/);
});
