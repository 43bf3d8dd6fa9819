/**
 * Where a CPU profile's time goes, in three tables: self time per area (gateway source folder,
 * npm package, node internals, GC), the top self-time functions, and the gateway's own functions
 * by inclusive time (what each step of the request path costs, callees included).
 */
import { inclusiveHits, readCpuProfile, type ProfileNode } from './cpu-profile-tree.js';
import { formatNumber, formatTable } from './format-table.js';

interface Row {
  name: string;
  where: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  busyMs: number;
  areas: { area: string; ms: number; share: number }[];
  selfTop: Row[];
  gatewayInclusiveTop: Row[];
}

/** Which part of the system a script URL belongs to. */
export function areaOf(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packageMatch?.[1] !== undefined) return `npm:${packageMatch[1]}`;
  if (url.startsWith('node:')) return 'node internals';
  const distMatch = /\/dist\/([^/]+)\//.exec(url);
  if (distMatch?.[1] !== undefined) return `gateway:${distMatch[1]}`;
  return url.includes('/dist/') ? 'gateway' : 'other';
}

function shortWhere(url: string, line: number): string {
  if (url === '') return '';
  return `${url.replace(/^file:\/\//, '').replace(/^.*?\/(node_modules|dist)\//, '$1/')}:${line}`;
}

const isIdle = (node: ProfileNode): boolean => node.functionName === '(idle)' || node.functionName === '(root)';

export function summarizeCpuProfile(path: string, top: number): ProfileSummary {
  const profile = readCpuProfile(path);
  const nodes = [...profile.nodes.values()];
  const busyHits = nodes.filter((node) => !isIdle(node)).reduce((sum, node) => sum + node.selfHits, 0);
  const share = (hits: number): number => (busyHits === 0 ? 0 : hits / busyHits);
  const ms = (hits: number): number => hits * profile.msPerHit;

  const selfByKey = new Map<string, { node: ProfileNode; hits: number }>();
  const byArea = new Map<string, number>();
  for (const node of nodes) {
    if (node.selfHits === 0 || isIdle(node)) continue;
    const entry = selfByKey.get(node.key) ?? { node, hits: 0 };
    entry.hits += node.selfHits;
    selfByKey.set(node.key, entry);
    const area = areaOf(node.url, node.functionName);
    byArea.set(area, (byArea.get(area) ?? 0) + node.selfHits);
  }
  const toRow = (node: ProfileNode, hits: number): Row => ({
    name: node.functionName || '(anonymous)',
    where: shortWhere(node.url, node.line),
    ms: ms(hits),
    share: share(hits),
  });
  const byKey = new Map(nodes.map((node) => [node.key, node]));
  const gatewayInclusive = [...inclusiveHits(profile).entries()]
    .map(([key, hits]) => ({ node: byKey.get(key), hits }))
    .filter((entry): entry is { node: ProfileNode; hits: number } => entry.node !== undefined && entry.node.url.includes('/dist/'));
  return {
    busyMs: ms(busyHits),
    areas: [...byArea.entries()].sort((a, b) => b[1] - a[1]).map(([area, hits]) => ({ area, ms: ms(hits), share: share(hits) })),
    selfTop: [...selfByKey.values()].sort((a, b) => b.hits - a.hits).slice(0, top).map((entry) => toRow(entry.node, entry.hits)),
    gatewayInclusiveTop: gatewayInclusive.sort((a, b) => b.hits - a.hits).slice(0, top).map((entry) => toRow(entry.node, entry.hits)),
  };
}

function rowTable(title: string, rows: Row[]): string {
  return formatTable(
    [title, 'where', 'ms', '% busy'],
    rows.map((row) => [row.name, row.where, formatNumber(row.ms, 0), formatNumber(row.share * 100, 1)]),
    [false, false, true, true],
  );
}

export function formatProfileSummary(summary: ProfileSummary): string {
  const areas = formatTable(
    ['area (self time)', 'ms', '% busy'],
    summary.areas.slice(0, 20).map((area) => [area.area, formatNumber(area.ms, 0), formatNumber(area.share * 100, 1)]),
    [false, true, true],
  );
  return [
    `busy CPU ${formatNumber(summary.busyMs, 0)} ms`,
    areas,
    rowTable('top self time', summary.selfTop),
    rowTable('gateway functions, inclusive', summary.gatewayInclusiveTop),
  ].join('\n\n');
}
