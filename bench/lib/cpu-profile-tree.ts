/**
 * Reads a V8 .cpuprofile (the Profiler.stop result, or `node --cpu-prof` output) into a call tree
 * with self and inclusive sample counts per node. Inclusive counts do not double-count recursion:
 * a node adds its subtree only when no ancestor is the same function.
 */
import { readFileSync } from 'node:fs';
import { isObject, numberField, objectField, stringField } from '../fake/json-fields.js';

export interface ProfileNode {
  id: number;
  functionName: string;
  url: string;
  line: number;
  selfHits: number;
  children: number[];
  /** Stable name of the function: name@url:line. */
  key: string;
}

export interface CpuProfile {
  nodes: Map<number, ProfileNode>;
  rootId: number;
  /** Milliseconds one sample stands for. */
  msPerHit: number;
}

function readChildren(node: unknown): number[] {
  const children = isObject(node) ? node.children : undefined;
  return Array.isArray(children) ? children.filter((child): child is number => typeof child === 'number') : [];
}

export function readCpuProfile(path: string): CpuProfile {
  const profile: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const list = isObject(profile) ? profile.nodes : undefined;
  if (!Array.isArray(list) || list.length === 0) throw new Error(`${path} is not a V8 CPU profile (no nodes)`);
  const nodes = new Map<number, ProfileNode>();
  for (const raw of list) {
    const callFrame = objectField(raw, 'callFrame');
    const functionName = stringField(callFrame, 'functionName') ?? '';
    const url = stringField(callFrame, 'url') ?? '';
    const line = (numberField(callFrame, 'lineNumber') ?? -1) + 1;
    const id = numberField(raw, 'id') ?? -1;
    nodes.set(id, { id, functionName, url, line, selfHits: numberField(raw, 'hitCount') ?? 0, children: readChildren(raw), key: `${functionName}@${url}:${line}` });
  }
  const totalHits = [...nodes.values()].reduce((sum, node) => sum + node.selfHits, 0);
  const elapsedUs = (numberField(profile, 'endTime') ?? 0) - (numberField(profile, 'startTime') ?? 0);
  const rootId = numberField(list[0], 'id') ?? 1;
  return { nodes, rootId, msPerHit: totalHits === 0 ? 0 : elapsedUs / 1000 / totalHits };
}

/** Samples under each node, itself included. */
function subtreeHits(profile: CpuProfile): Map<number, number> {
  const order: number[] = [];
  const stack = [profile.rootId];
  while (stack.length > 0) {
    const id = stack.pop();
    const node = id === undefined ? undefined : profile.nodes.get(id);
    if (node === undefined) continue;
    order.push(node.id);
    stack.push(...node.children);
  }
  const totals = new Map<number, number>();
  for (const id of order.reverse()) {
    const node = profile.nodes.get(id);
    if (node === undefined) continue;
    totals.set(id, node.selfHits + node.children.reduce((sum, child) => sum + (totals.get(child) ?? 0), 0));
  }
  return totals;
}

/** Inclusive samples per function key (recursion counted once). */
export function inclusiveHits(profile: CpuProfile): Map<string, number> {
  const subtree = subtreeHits(profile);
  const result = new Map<string, number>();
  const stack: { id: number; active: ReadonlySet<string> }[] = [{ id: profile.rootId, active: new Set() }];
  while (stack.length > 0) {
    const entry = stack.pop();
    const node = entry === undefined ? undefined : profile.nodes.get(entry.id);
    if (entry === undefined || node === undefined) continue;
    if (!entry.active.has(node.key)) result.set(node.key, (result.get(node.key) ?? 0) + (subtree.get(node.id) ?? 0));
    const active = entry.active.has(node.key) ? entry.active : new Set([...entry.active, node.key]);
    for (const child of node.children) stack.push({ id: child, active });
  }
  return result;
}
