/**
 * Prints where a CPU profile spends its time.
 * Usage: node --import tsx bench/summarize-profile.ts FILE.cpuprofile [TOP=30]
 */
import { formatProfileSummary, summarizeCpuProfile } from './lib/summarize-cpu-profile.js';

const [path, top] = process.argv.slice(2);
if (path === undefined) {
  console.error('usage: node --import tsx bench/summarize-profile.ts FILE.cpuprofile [TOP]');
  process.exit(2);
}
console.log(formatProfileSummary(summarizeCpuProfile(path, Number(top ?? 30) || 30)));
