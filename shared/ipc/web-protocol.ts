/**
 * Messages on the web host's WebSocket (the second bridge, used where Electron cannot start and by the
 * end-to-end tests). JSON text frames. The token travels in the WebSocket URL's `token` query parameter;
 * the page gets it from its own URL fragment (`#token=…`), which browsers never send to a server.
 */
import { z } from 'zod';
import { IpcErrorShape } from './ipc-error';

/** Path of the WebSocket endpoint on the web host. */
export const WEB_SOCKET_PATH = '/ws';
/** Largest accepted client frame in bytes; bigger frames are refused before parsing. */
export const MAX_CLIENT_FRAME_BYTES = 64 * 1024;

const Name = z.string().min(1).max(64);

export const ClientMessage = z.discriminatedUnion('kind', [
  /** Request/response; the server answers with a `result` carrying the same id. */
  z
    .object({
      kind: z.literal('invoke'),
      id: z.number().int().nonnegative(),
      service: Name,
      method: Name,
      args: z.unknown().optional(),
    })
    .strict(),
  /** Fire-and-forget; a bad call is answered with a `rejected` message (no id). */
  z.object({ kind: z.literal('send'), service: Name, method: Name, args: z.unknown().optional() }).strict(),
  /** Start receiving an event; snapshot events answer with their `init` first. */
  z.object({ kind: z.literal('subscribe'), event: Name }).strict(),
  z.object({ kind: z.literal('unsubscribe'), event: Name }).strict(),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

// A plain union: two members share kind 'result' (ok true / ok false), which a discriminated union refuses.
export const ServerMessage = z.union([
  z.object({ kind: z.literal('result'), id: z.number(), ok: z.literal(true), value: z.unknown().optional() }),
  z.object({ kind: z.literal('result'), id: z.number(), ok: z.literal(false), error: IpcErrorShape }),
  z.object({ kind: z.literal('event'), event: z.string(), payload: z.unknown() }),
  /** Several events in one frame, to be delivered in order (the server batches bursts per frame). */
  z.object({
    kind: z.literal('events'),
    events: z.array(z.object({ event: z.string(), payload: z.unknown() })).min(1),
  }),
  /** A `send` or malformed frame the server refused; there is no id to answer. */
  z.object({ kind: z.literal('rejected'), error: IpcErrorShape }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;
