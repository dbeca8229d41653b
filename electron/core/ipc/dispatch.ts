/**
 * The one place a bridge's raw call becomes a typed handler call: look the method up in the contract,
 * parse the arguments (strict), call the handler, and turn every failure into an IpcError.
 * Both the Electron IPC bridge and the web host use this, so they cannot drift apart.
 */
import type { CallerContext, ContractSpec, MethodSpec } from '../../../shared/ipc/contract-types';
import { IpcError, describeZodError } from '../../../shared/ipc/ipc-error';
import type { Logger } from '../logger';

export interface Dispatcher {
  /** The method's kind, or undefined when the contract has no such method. */
  kindOf(service: string, method: string): MethodSpec['kind'] | undefined;
  /** Runs an `invoke` method. Rejects with IpcError (never anything else). */
  invoke(ctx: CallerContext, service: string, method: string, rawArgs: unknown): Promise<unknown>;
  /** Runs a `send` method. Throws IpcError synchronously for a bad call; handler errors are logged. */
  send(ctx: CallerContext, service: string, method: string, rawArgs: unknown): void;
}

type AnyHandler = (ctx: CallerContext, args?: unknown) => unknown;

export function createDispatcher(
  contract: ContractSpec,
  handlers: Record<string, Record<string, unknown>>,
  log: Logger,
): Dispatcher {
  const lookup = (service: string, method: string): { spec: MethodSpec; handler: AnyHandler } => {
    // Own-property checks only: a payload naming `__proto__` or `toString` must not reach anything.
    const svc = Object.hasOwn(contract.services, service) ? contract.services[service] : undefined;
    const spec = svc && Object.hasOwn(svc, method) ? svc[method] : undefined;
    const handler = spec ? handlers[service]?.[method] : undefined;
    if (!spec || typeof handler !== 'function') {
      throw new IpcError('unknown-method', `No method ${String(service)}.${String(method)} in the contract`);
    }
    return { spec, handler: handler as AnyHandler };
  };

  const parseArgs = (spec: MethodSpec, service: string, method: string, rawArgs: unknown): unknown => {
    const parsed = spec.args.safeParse(rawArgs);
    if (!parsed.success) {
      throw new IpcError('invalid-payload', `${service}.${method}: ${describeZodError(parsed.error)}`);
    }
    return parsed.data;
  };

  const toIpcError = (service: string, method: string, e: unknown): IpcError => {
    if (e instanceof IpcError) return e;
    log.error(`${service}.${method} failed`, e);
    return new IpcError('internal', `${service}.${method} failed: internal error (see the event log)`);
  };

  return {
    kindOf(service, method) {
      try {
        return lookup(service, method).spec.kind;
      } catch {
        return undefined;
      }
    },

    async invoke(ctx, service, method, rawArgs) {
      const { spec, handler } = lookup(service, method);
      if (spec.kind !== 'invoke') throw new IpcError('unknown-method', `${service}.${method} is send-only`);
      const args = parseArgs(spec, service, method, rawArgs);
      let result: unknown;
      try {
        result = await handler(ctx, args);
      } catch (e) {
        throw toIpcError(service, method, e);
      }
      const checked = spec.result.safeParse(result);
      if (!checked.success) {
        log.error(`${service}.${method} returned a value outside the contract: ${describeZodError(checked.error)}`);
        throw new IpcError('internal', `${service}.${method} returned an invalid result`);
      }
      return checked.data;
    },

    send(ctx, service, method, rawArgs) {
      const { spec, handler } = lookup(service, method);
      if (spec.kind !== 'send') throw new IpcError('unknown-method', `${service}.${method} must be invoked`);
      const args = parseArgs(spec, service, method, rawArgs);
      try {
        const r = handler(ctx, args);
        if (r instanceof Promise) r.catch((e: unknown) => toIpcError(service, method, e));
      } catch (e) {
        // Fire-and-forget: the caller is not waiting, so the failure is logged (and reported by the device).
        toIpcError(service, method, e);
      }
    },
  };
}
