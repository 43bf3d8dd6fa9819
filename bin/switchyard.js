#!/usr/bin/env -S node --max-semi-space-size=4 --heap-growing-percent=20
// Thin launcher: the CLI lives in the compiled output so the bin runs with plain node.
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    if (typeof code === 'number') process.exitCode = code;
  },
  (error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
