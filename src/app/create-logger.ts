/**
 * The one pino logger: JSON lines with the request id, secrets redacted wherever they could appear.
 * Lines are written to stdout in batches (line-batcher.ts in front of pino's synchronous SonicBoom,
 * flushed at least every 250 ms, on close and at exit): one write system call per request cost
 * more than the line itself under load, and an asynchronous write per line more still.
 */
import { pino, type Logger } from 'pino';
import type { Config } from '../config/config.js';
import { redactUrl } from '../core/redact-url.js';
import { LineBatcher } from './line-batcher.js';
import { callLineFields, formatCallLine, silentCallLog, type CallLog } from '../usage/call-log.js';

const BATCH_CHARS = 8192;
const FLUSH_EVERY_MS = 250;

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  const options = {
    level: config.logLevel,
    // Every `url` logged (the request line of any route) loses the credentials a client put in it.
    serializers: { url: (url: unknown) => (typeof url === 'string' ? redactUrl(url) : url) },
    redact: {
      paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers["api-key"]', 'headers.authorization', 'apiKey', 'api_key', 'key'],
      censor: '[redacted]',
    },
  };
  const destination = new LineBatcher(pino.destination({ dest: 1, sync: true }), BATCH_CHARS);
  const logger = pino(options, destination);
  destinations.set(logger, destination);
  // Nothing waits longer than this to be written, however quiet the gateway is.
  flushTimers.set(logger, setInterval(() => destination.flush(), FLUSH_EVERY_MS).unref());
  return logger;
}

const flushTimers = new WeakMap<Logger, NodeJS.Timeout>();
const destinations = new WeakMap<Logger, LineBatcher>();

/**
 * The metered calls' log line (src/usage/call-log.ts) written straight to this logger's destination,
 * in the same batches as every other line; nothing when the level is above info.
 */
export function pinoCallLog(logger: Logger): CallLog {
  if (!logger.isLevelEnabled('info')) return silentCallLog;
  const destination = flushTimers.has(logger) ? destinations.get(logger) : undefined;
  if (destination === undefined) return (line) => logger.info(callLineFields(line), line.message);
  const prefix = lineBindings(logger);
  return (line) => void destination.write(formatCallLine(line, Date.now(), prefix));
}

/** What pino writes between `time` and a line's own fields: `,"pid":…,"hostname":"…"` plus any bindings. */
export function lineBindings(logger: Logger): string {
  const chindings: unknown = Reflect.get(logger, pino.symbols.chindingsSym);
  return typeof chindings === 'string' ? chindings : '';
}

/** Writes what the logger still holds and stops its flush timer (shutdown). */
export function flushLogger(log: Logger): Promise<void> {
  clearInterval(flushTimers.get(log));
  const destination = destinations.get(log);
  return new Promise((resolve) =>
    log.flush(() => {
      destination?.close();
      resolve();
    }),
  );
}
