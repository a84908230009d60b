/**
 * Account links carry a secret in `token=` (in the fragment today, in the query in links sent
 * before): it must not reach logs, nor staff screens showing a customer's messages.
 */

const tokenParameter = /([?&#]token=)[^\s&#]+/gi;

/** The text with the value of every `token=` parameter of a URL replaced by `…`. */
export function redactTokens(text: string): string {
  return text.replace(tokenParameter, '$1…');
}

/**
 * What the request logger records of a request: Fastify's default fields, with the URL's tokens
 * redacted (a link opened before tokens moved to the fragment is logged as `/reset-password?token=…`).
 */
export function requestLogValue(request: {
  method: string;
  url: string;
  headers?: Record<string, string | string[] | undefined>;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number } | null;
}) {
  const version = request.headers?.['accept-version'];
  return {
    method: request.method,
    url: redactTokens(request.url),
    version: Array.isArray(version) ? version[0] : version,
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket ? request.socket.remotePort : undefined,
  };
}
