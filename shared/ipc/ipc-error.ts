import { z } from 'zod';

/** Error codes that cross a bridge. A closed set so the renderer can react per code. */
export const IpcErrorCode = z.enum([
  'invalid-payload', // arguments failed the contract's schema
  'unknown-method', // no such service/method in the contract
  'untrusted-sender', // wrong frame, origin, token or Host
  'not-found', // e.g. no device with that id
  'device-offline', // the device cannot take commands now
  'unsupported', // the device or protocol cannot do this
  'conflict', // e.g. a duplicate name or address
  'timeout',
  'internal', // a bug: logged with its stack in the core, never sent with it
]);
export type IpcErrorCode = z.infer<typeof IpcErrorCode>;

/** The wire form of an error: no stack, no internals. */
export const IpcErrorShape = z.object({ code: IpcErrorCode, message: z.string() });
export type IpcErrorShape = z.infer<typeof IpcErrorShape>;

/** An error with a code that crosses a bridge as `{code, message}`. */
export class IpcError extends Error {
  readonly code: IpcErrorCode;
  constructor(code: IpcErrorCode, message: string) {
    super(message);
    this.name = 'IpcError';
    this.code = code;
  }
  toJSON(): IpcErrorShape {
    return { code: this.code, message: this.message };
  }
  /** Rebuilds an IpcError from its wire form (renderer side). */
  static from(shape: IpcErrorShape): IpcError {
    return new IpcError(shape.code, shape.message);
  }
}

export function isIpcError(e: unknown): e is IpcError {
  return e instanceof IpcError;
}

/** Turns a zod failure into one readable line: `pan: speed must be within -1..1; deviceId: required`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/**
 * Errors thrown across Electron's contextBridge keep only their message, so the preload throws
 * `"<code>: <message>"` and the renderer reads the code back with `fromBridgeMessage`.
 */
export function toBridgeMessage(shape: IpcErrorShape): string {
  return `${shape.code}: ${shape.message}`;
}

/** Inverse of `toBridgeMessage`; an unrecognised message becomes an `internal` error carrying it whole. */
export function fromBridgeMessage(message: string): IpcError {
  const match = /^([a-z-]+): ([\s\S]*)$/.exec(message);
  const code = IpcErrorCode.safeParse(match?.[1]);
  return code.success && match ? new IpcError(code.data, match[2] ?? '') : new IpcError('internal', message);
}
