/** Test clients for the web host: raw HTTP with any Host header, and a WebSocket with a message queue. */
import { request } from 'node:http';
import WebSocket from 'ws';
import { ServerMessage } from '../../../shared/ipc/web-protocol';

export interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP request to 127.0.0.1:`port`, with the headers given (Host included) taken literally. */
export function httpRequest(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string> } = {},
): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

export type ConnectResult = { ok: true; client: TestClient } | { ok: false; status: number; body: string };

/** Opens a WebSocket; resolves with the client, or with the HTTP refusal the server answered instead. */
export function connect(
  url: string,
  options: { origin?: string; headers?: Record<string, string> } = {},
): Promise<ConnectResult> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, {
      ...(options.origin ? { origin: options.origin } : {}),
      headers: options.headers ?? {},
    });
    ws.once('open', () => resolve({ ok: true, client: new TestClient(ws) }));
    ws.once('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ ok: false, status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    ws.once('error', reject);
  });
}

/**
 * A connected client: send JSON or raw frames, await the next server message in order. Every message the
 * server sends is checked against the shared ServerMessage schema; one that fails makes next() reject.
 */
export class TestClient {
  private readonly queue: Array<ServerMessage | Error> = [];
  private waiting: ((m: ServerMessage | Error) => void) | null = null;
  readonly closed: Promise<number>;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const parsed = ServerMessage.safeParse(JSON.parse(data.toString('utf8')));
      const msg = parsed.success
        ? parsed.data
        : new Error(`server sent a message outside the protocol: ${data.toString('utf8')}`);
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = null;
        w(msg);
      } else this.queue.push(msg);
    });
    this.closed = new Promise((resolve) => ws.once('close', (code) => resolve(code)));
  }

  send(message: unknown): void {
    this.ws.send(JSON.stringify(message));
  }

  sendRaw(data: string | Buffer): void {
    this.ws.send(data);
  }

  async next(): Promise<ServerMessage> {
    const queued =
      this.queue.shift() ?? (await new Promise<ServerMessage | Error>((resolve) => (this.waiting = resolve)));
    if (queued instanceof Error) throw queued;
    return queued;
  }

  /** Messages received and not yet taken. */
  pending(): number {
    return this.queue.length;
  }

  close(): Promise<number> {
    this.ws.close();
    return this.closed;
  }
}
