#!/usr/bin/env node
// Builds the web console into dist/console/ui: compiles src/console/ui with its own tsconfig (DOM
// types) and copies index.html, styles.css and favicon.svg. index.html gets a modulepreload link per
// module, so the browser fetches them all at once instead of discovering imports level by level.
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const source = join(root, 'src', 'console', 'ui');
const output = join(root, 'dist', 'console', 'ui');
const MARKER = '<!-- modulepreload -->';

// A clean output: a module deleted from the sources must not linger (and be preloaded) in dist.
rmSync(output, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', join(source, 'tsconfig.json')], { stdio: 'inherit' });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

for (const file of ['styles.css', 'favicon.svg']) copyFileSync(join(source, file), join(output, file));

const modules = listFiles(output)
  .filter((file) => file.endsWith('.js') && file !== 'main.js')
  // Type-only modules compile to an empty `export {};` that nothing loads at run time.
  .filter((file) => readFileSync(join(output, file), 'utf8').trim() !== 'export {};')
  .sort()
  .map((file) => `<link rel="modulepreload" href="/ui/${file}">`);
const html = readFileSync(join(source, 'index.html'), 'utf8');
if (!html.includes(MARKER)) throw new Error(`index.html lost its ${MARKER} marker`);
writeFileSync(join(output, 'index.html'), html.replace(MARKER, modules.join('\n    ')));
console.log(`console: ${modules.length + 1} modules → ${relative(root, output)}`);

function listFiles(directory) {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return listFiles(path).map((file) => `${name}/${file}`);
    return [name];
  }).map((file) => file.split(sep).join('/'));
}
