/**
 * The network layer under CkanClient (issue 13 item 5): one undici dispatcher with proxies from
 * HTTP(S)_PROXY / NO_PROXY, and the guards a misbehaving proxy or portal cannot get around:
 * - a proxy that closes the tunnel at once, refuses it or asks for authentication (407) fails the request
 *   at once with a typed error, instead of undici reconnecting thousands of times a second;
 * - the CONNECT to a proxy has the connect deadline;
 * - a response body is read with a size cap (a hostile portal cannot exhaust memory);
 * - every request is raced against its total deadline; on expiry the dispatcher is destroyed (undici
 *   does not abort a request still waiting for a proxy tunnel) and a fresh one is made for the next.
 */
import { EnvHttpProxyAgent, Pool, type Dispatcher } from 'undici';

/** Typed failures of the proxy tunnel (never undici's bare UND_ERR_ABORTED / UND_ERR_SOCKET). */
export class ProxyFailure extends Error {
  constructor(
    readonly code: 'E_PROXY_AUTH' | 'E_PROXY_STATUS' | 'E_PROXY_CLOSED',
    readonly status: number | undefined,
    message: string,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
  }
}

/** The answer body was larger than allowed. */
export class ResponseTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`response larger than ${limit} bytes`);
  }
}

/** A request (or the whole command) ran out of time. */
export class DeadlineExpired extends Error {
  constructor(readonly which: 'request' | 'command') {
    super(`${which} deadline expired`);
  }
}

export interface TransportOptions {
  env: NodeJS.ProcessEnv;
  connectTimeoutMs: number;
}

type ConnectFn = (params: Record<string, unknown>) => Promise<{ socket: { on: (e: string, f: () => void) => { destroy: () => void } }; statusCode: number }>;

/** The pool to the proxy, with its CONNECT wrapped so that failures are final and typed. */
function proxyClientFactory(connectTimeoutMs: number) {
  return (origin: URL | string, opts: object) => {
    const pool = new Pool(origin, { ...opts, connectTimeout: connectTimeoutMs, headersTimeout: connectTimeoutMs, bodyTimeout: connectTimeoutMs });
    const connect = pool.connect.bind(pool) as unknown as ConnectFn;
    (pool as unknown as { connect: ConnectFn }).connect = async (params) => {
      let answer: Awaited<ReturnType<ConnectFn>>;
      try {
        answer = await connect(params);
      } catch (e) {
        throw new ProxyFailure('E_PROXY_CLOSED', undefined, (e as Error)?.message ?? String(e), e);
      }
      if (answer.statusCode === 407) {
        answer.socket.on('error', () => {}).destroy();
        throw new ProxyFailure('E_PROXY_AUTH', 407, 'proxy authentication required');
      }
      if (answer.statusCode !== 200) {
        answer.socket.on('error', () => {}).destroy();
        throw new ProxyFailure('E_PROXY_STATUS', answer.statusCode, `proxy answered ${answer.statusCode} to CONNECT`);
      }
      return answer;
    };
    return pool;
  };
}

export function makeDispatcher(opts: TransportOptions): Dispatcher {
  const env = opts.env;
  // Empty strings (not undefined) so that EnvHttpProxyAgent does not fall back to process.env.
  return new EnvHttpProxyAgent({
    httpProxy: env.http_proxy ?? env.HTTP_PROXY ?? '',
    httpsProxy: env.https_proxy ?? env.HTTPS_PROXY ?? '',
    noProxy: env.no_proxy ?? env.NO_PROXY ?? '',
    connectTimeout: opts.connectTimeoutMs,
    clientFactory: proxyClientFactory(opts.connectTimeoutMs),
  } as ConstructorParameters<typeof EnvHttpProxyAgent>[0]);
}

/** Read a body as text, refusing more than `limit` bytes (checked on Content-Length first, then while reading). */
export async function readCapped(body: AsyncIterable<Uint8Array> & { destroy?: (e?: Error) => void }, contentLength: unknown, limit: number): Promise<string> {
  const declared = Number(contentLength);
  if (Number.isFinite(declared) && declared > limit) {
    body.destroy?.();
    throw new ResponseTooLarge(limit);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) {
      body.destroy?.();
      throw new ResponseTooLarge(limit);
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Run `work` with a deadline; when it expires, `onExpire` is called (it destroys the dispatcher, which
 * also stops any proxy reconnect loop) and the race rejects with DeadlineExpired.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, which: 'request' | 'command', onExpire: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onExpire();
      reject(new DeadlineExpired(which));
    }, Math.max(0, ms));
  });
  work.catch(() => {}); // the loser of the race must not become an unhandled rejection
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
