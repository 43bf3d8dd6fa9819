/** Small building blocks shared by the pages: headings, loading, empty and error states, badges. */
import { ApiError, isAbort } from './api-client.js';
import { h, type Child } from './dom.js';

/** The page's h1 (focused after navigation, so screen readers announce the new page) and its actions. */
export function pageHeader(title: string, ...actions: Child[]): HTMLElement {
  return h('div', { class: 'page-header' }, h('h1', { tabindex: -1 }, title), actions.length > 0 ? h('div', { class: 'actions' }, ...actions) : null);
}

export const loading = (what: string): HTMLElement => h('p', { class: 'loading', role: 'status' }, `Loading ${what}…`);

export function emptyState(title: string, text: Child | Child[], action?: Child): HTMLElement {
  return h('div', { class: 'empty' }, h('p', { class: 'empty-title' }, title), h('p', {}, ...(Array.isArray(text) ? text : [text])), action ?? null);
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return `The console could not read the answer: ${error.message}`;
  return 'Something went wrong.';
}

/** An error with the gateway's own message and, when given, a way to try again. */
export function errorBox(what: string, error: unknown, retry?: () => void): HTMLElement {
  return h(
    'div',
    { class: 'error-box', role: 'alert' },
    h('p', {}, h('strong', {}, `Could not ${what}. `), messageOf(error)),
    retry === undefined ? null : h('button', { type: 'button', class: 'secondary', onclick: retry }, 'Try again'),
  );
}

export type Tone = 'good' | 'bad' | 'warn' | 'muted';

export const badge = (text: string, tone: Tone): HTMLElement => h('span', { class: `badge badge-${tone}` }, text);

export const statusBadge = (status: number): HTMLElement => badge(String(status), status >= 500 ? 'bad' : status >= 400 ? 'warn' : 'good');

/** Loads data for a page section: shows loading, then the content or an error with retry. */
export async function load<T>(target: HTMLElement, what: string, signal: AbortSignal, fetch: () => Promise<T>, render: (value: T) => Child): Promise<void> {
  target.replaceChildren(loading(what));
  target.setAttribute('aria-busy', 'true');
  try {
    const value = await fetch();
    if (signal.aborted) return;
    target.replaceChildren();
    const content = render(value);
    if (content !== null && content !== undefined && content !== false) target.append(content instanceof Node ? content : String(content));
  } catch (error) {
    if (isAbort(error) || signal.aborted) return;
    target.replaceChildren(errorBox(`load ${what}`, error, () => void load(target, what, signal, fetch, render)));
  } finally {
    target.removeAttribute('aria-busy');
  }
}

/** Phone-sized viewport (the stylesheet's breakpoint): secondary panels start collapsed there. */
export const isNarrow = (): boolean => window.matchMedia('(max-width: 720px)').matches;
