/**
 * A DNS lookup for outgoing media downloads that refuses non-public addresses. It is installed as the
 * socket's `lookup` (undici passes `connect.lookup` through to net/tls.connect), so the address that was
 * checked is exactly the address connected to: no window for DNS rebinding between check and connect.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { classifyAddress } from './classify-address.js';

export class BlockedAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
    readonly reason: string,
  ) {
    super(`${host} resolves to ${address}, ${reason}`);
    this.name = 'BlockedAddressError';
  }
}

export type ResolveAll = (hostname: string, options: LookupOptions, callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

const systemResolveAll: ResolveAll = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, callback);
};

/** Every resolved address is checked; one blocked address refuses the host (it could be picked on reconnect). */
export function createGuardedLookup(allowPrivateAddresses: boolean, resolveAll: ResolveAll = systemResolveAll): LookupFunction {
  return (hostname, options, callback) => {
    resolveAll(hostname, options, (error, addresses) => {
      if (error) {
        callback(error, '', undefined);
        return;
      }
      if (!allowPrivateAddresses) {
        for (const entry of addresses) {
          const reason = classifyAddress(entry.address);
          if (reason !== null) {
            callback(new BlockedAddressError(hostname, entry.address, reason), '', undefined);
            return;
          }
        }
      }
      const first = addresses[0];
      if (first === undefined) {
        const notFound: NodeJS.ErrnoException = new Error(`${hostname} has no addresses`);
        notFound.code = 'ENOTFOUND';
        callback(notFound, '', undefined);
        return;
      }
      if (options.all === true) callback(null, addresses);
      else callback(null, first.address, first.family);
    });
  };
}
