/** The one pino logger: JSON lines with the request id, secrets redacted wherever they could appear. */
import { pino, type Logger } from 'pino';
import type { Config } from '../config/config.js';
import { redactUrl } from '../core/redact-url.js';

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    // Every `url` logged (the request line of any route) loses the credentials a client put in it.
    serializers: { url: (url: unknown) => (typeof url === 'string' ? redactUrl(url) : url) },
    redact: {
      paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers["api-key"]', 'headers.authorization', 'apiKey', 'api_key', 'key'],
      censor: '[redacted]',
    },
  });
}
