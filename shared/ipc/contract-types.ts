/**
 * Builders for the contract and the types derived from it: the renderer API, the main-process handler
 * types (caller context first) and the event payloads. Nothing here names a concrete service.
 */
import type { z } from 'zod';

/** Request/response: the caller awaits a result or an IpcError. */
export interface InvokeMethod<A extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  readonly kind: 'invoke';
  readonly args: A;
  readonly result: R;
}

/** Fire-and-forget: for high-rate control (velocities, heartbeats). Errors are logged, not returned. */
export interface SendMethod<A extends z.ZodType = z.ZodType> {
  readonly kind: 'send';
  readonly args: A;
}

export type MethodSpec = InvokeMethod | SendMethod;
export type ServiceSpec = Readonly<Record<string, MethodSpec>>;
export interface ContractSpec {
  readonly services: Readonly<Record<string, ServiceSpec>>;
  /** Events in past tense; each has a payload schema. */
  readonly events: Readonly<Record<string, z.ZodType>>;
}

export const invoke = <A extends z.ZodType, R extends z.ZodType>(args: A, result: R): InvokeMethod<A, R> => ({
  kind: 'invoke',
  args,
  result,
});
export const send = <A extends z.ZodType>(args: A): SendMethod<A> => ({ kind: 'send', args });

/** Turns `(args: void)` into a zero-argument function and anything else into one argument. */
type Call<A, R> = [A] extends [void] ? () => R : (args: A) => R;

/** What the renderer calls: `api.devices.list()`, `api.motion.setVelocity({...})`. */
export type ServiceApi<S extends ServiceSpec> = {
  [M in keyof S]: S[M] extends InvokeMethod<infer A, infer R>
    ? Call<z.input<A>, Promise<z.output<R>>>
    : S[M] extends SendMethod<infer A>
      ? Call<z.input<A>, void>
      : never;
};

/** `onDevicesChanged(listener)` for event `devicesChanged`; returns an unsubscribe function. */
export type EventApi<E extends ContractSpec['events']> = {
  [K in keyof E & string as `on${Capitalize<K>}`]: (listener: (payload: z.output<E[K]>) => void) => () => void;
};

export type RendererApi<C extends ContractSpec> = {
  [S in keyof C['services']]: ServiceApi<C['services'][S]>;
} & EventApi<C['events']>;

/** Who is calling: each bridge fills this in after it has checked the sender. */
export interface CallerContext {
  /** Stable for one renderer connection (one window load or one WebSocket). */
  readonly clientId: string;
  readonly bridge: 'electron' | 'web';
}

/** The core's side of one service: caller context first, parsed arguments second. */
export type ServiceHandlers<S extends ServiceSpec> = {
  [M in keyof S]: S[M] extends InvokeMethod<infer A, infer R>
    ? Call2<z.output<A>, Promise<z.input<R>> | z.input<R>>
    : S[M] extends SendMethod<infer A>
      ? Call2<z.output<A>, void>
      : never;
};
type Call2<A, R> = [A] extends [void] ? (ctx: CallerContext) => R : (ctx: CallerContext, args: A) => R;

export type ContractHandlers<C extends ContractSpec> = {
  [S in keyof C['services']]: ServiceHandlers<C['services'][S]>;
};

export type EventName<C extends ContractSpec> = keyof C['events'] & string;
export type EventPayload<C extends ContractSpec, E extends EventName<C>> = z.output<C['events'][E]>;

/** Name of the renderer helper for an event: `devicesChanged` → `onDevicesChanged`. */
export function eventListenerName(event: string): string {
  return `on${event.charAt(0).toUpperCase()}${event.slice(1)}`;
}
