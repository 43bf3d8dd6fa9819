/**
 * Who may call a route is declared on the route itself (`config: { access }`) and decided from the
 * route Fastify matched, never from the raw URL: the router decodes `%61dmin`, so a prefix test on
 * the URL can be walked around. A route that declares nothing is master-only (default deny).
 */
import type { FastifyInstance, RouteOptions } from 'fastify';

/** `public`: no key. `client`: any valid key (virtual or master). `master`: the master key only. */
export type RouteAccess = 'public' | 'client' | 'master';

export interface RouteAccessEntry {
  method: string;
  url: string;
  access: RouteAccess;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** The call is metered and logs its own line (src/chat/chat-service.ts); the request line is skipped. */
    metered?: boolean;
  }
  interface FastifyInstance {
    /** Every route registered so far with the access it ended up with (tests, docs). */
    readonly routeAccess: readonly RouteAccessEntry[];
  }
}

/** Route options fragments: `app.get('/health', PUBLIC, handler)`. */
export const PUBLIC = { config: { access: 'public' } } as const;
export const CLIENT = { config: { access: 'client' } } as const;
export const MASTER = { config: { access: 'master' } } as const;

/** Must run before any route is registered: fills in the default and records the table. */
export function enforceRouteAccess(app: FastifyInstance): void {
  const table: RouteAccessEntry[] = [];
  app.decorate('routeAccess', table);
  app.addHook('onRoute', (route: RouteOptions) => {
    const access: RouteAccess = route.config?.access ?? 'master';
    route.config = { ...route.config, access };
    for (const method of [route.method].flat()) table.push({ method, url: route.url, access });
  });
}
