// Test-only preload for the memory tests: `node --expose-gc --import test/helpers/gc-hook.mjs bin/switchyard.js serve`,
// spawned with an IPC channel. On the message 'memory': a full GC (twice, a second apart, so V8 also
// shrinks its heap), then the reply { memory: process.memoryUsage() }.
process.on('message', (message) => {
  if (message !== 'memory') return;
  globalThis.gc();
  globalThis.gc();
  setTimeout(() => {
    globalThis.gc();
    process.send({ memory: process.memoryUsage() });
  }, 1000);
});
// The channel must not keep the server alive on its own.
process.channel?.unref();
