/**
 * Upstream error messages sometimes echo (part of) the gateway's provider key, e.g. OpenAI's
 * "Incorrect API key provided: sk-abc***xyz". Nothing key-like may reach a client or a log.
 */
const KEY_PATTERNS: RegExp[] = [
  /\b(sk|pk|rk|gsk|xai|sy)[-_][A-Za-z0-9*_\-.]{6,}/g,
  /\bAIza[0-9A-Za-z_\-*]{10,}/g,
  /\bBearer\s+[A-Za-z0-9._\-*~+/]+=*/gi,
  /\b[A-Za-z0-9]{32,}\b/g,
];

export function redactSecrets(text: string): string {
  let out = text;
  for (const pattern of KEY_PATTERNS) out = out.replace(pattern, '[redacted]');
  return out;
}
