/**
 * The IP-repair wizard's session: one guided, reversible readdressing of a camera that sits in another
 * subnet or shares an address. Steps run in order; a failure or cancel at any step rolls the PC back.
 */
import { z } from 'zod';
import { DeviceId } from './device';
import { Conflict, InterfaceName, Ipv4, Mac, PrefixLength } from './network';

/** Steps in order. `manual` replaces `readdress` when no protocol can readdress the camera. */
export const REPAIR_STEPS = ['diagnose', 'plan', 'alias', 'verify', 'readdress', 'confirm', 'cleanup', 'done'] as const;
export const RepairStepName = z.enum([...REPAIR_STEPS, 'manual']);
export type RepairStepName = z.infer<typeof RepairStepName>;

/** How the camera's address is changed. */
export const ReaddressMethod = z.enum(['ip-setup', 'onvif', 'manual']);
export type ReaddressMethod = z.infer<typeof ReaddressMethod>;

/** The camera the repair is about. */
export const RepairTarget = z.object({
  ip: Ipv4,
  mac: Mac.nullable(),
  /** The PC interface on the camera's Ethernet segment. */
  interface: InterfaceName,
  /** The configured device to update once the camera answers at its new address. */
  deviceId: DeviceId.nullable(),
  model: z.string().max(120).nullable(),
});
export type RepairTarget = z.infer<typeof RepairTarget>;

/** The addresses the repair will use; proposed by the core, editable by the operator. */
export const RepairPlan = z.object({
  interface: InterfaceName,
  /** A temporary secondary address for the PC in the camera's current subnet (checked free by ARP). */
  alias: z.object({ address: Ipv4, prefix: PrefixLength }).nullable(),
  /** The camera's new address in the PC's subnet (checked free by ARP). */
  target: z.object({ address: Ipv4, prefix: PrefixLength, gateway: Ipv4.nullable() }),
  method: ReaddressMethod,
});
export type RepairPlan = z.infer<typeof RepairPlan>;

/** What the operator may change in the plan. */
export const RepairPlanEdit = z
  .object({
    aliasAddress: Ipv4.optional(),
    targetAddress: Ipv4.optional(),
    targetPrefix: PrefixLength.optional(),
    targetGateway: Ipv4.nullable().optional(),
  })
  .strict();
export type RepairPlanEdit = z.infer<typeof RepairPlanEdit>;

/** The camera's ONVIF login for the readdress; the password goes to the core and never comes back. */
export const RepairCredentials = z
  .object({
    username: z.string().min(1, 'user name: required').max(64, 'user name: at most 64 characters'),
    password: z.string().max(128, 'password: at most 128 characters'),
  })
  .strict();
export type RepairCredentials = z.infer<typeof RepairCredentials>;

/** The manual field steps, each with a live check the console runs. */
export const ManualStage = z.enum(['connect', 'change-address', 'verify-new']);
export type ManualStage = z.infer<typeof ManualStage>;

/** A live check's verdict. */
export const CheckResult = z.object({ ok: z.boolean(), detail: z.string() });
export type CheckResult = z.infer<typeof CheckResult>;

/** Where the wizard is. A discriminated union: each step carries what only it has. */
export const RepairStep = z.discriminatedUnion('step', [
  z.object({ step: z.literal('diagnose') }),
  /** Waiting for the operator to accept (or edit) the plan. */
  z.object({ step: z.literal('plan'), checks: z.array(CheckResult) }),
  z.object({ step: z.literal('alias') }),
  z.object({ step: z.literal('verify') }),
  z.object({ step: z.literal('readdress') }),
  /** Waiting for the operator to do one field step by hand; `check` is the last live check. */
  z.object({ step: z.literal('manual'), stage: ManualStage, check: CheckResult.nullable() }),
  z.object({ step: z.literal('confirm') }),
  z.object({ step: z.literal('cleanup') }),
  z.object({ step: z.literal('done'), newIp: Ipv4 }),
  /** Undoing the PC changes after a failure or cancel. */
  z.object({ step: z.literal('rolling-back'), reason: z.string() }),
  /** Ended without readdressing; `rolledBack` says the PC is as it was. */
  z.object({
    step: z.literal('failed'),
    at: RepairStepName,
    error: z.string(),
    rolledBack: z.boolean(),
    cancelled: z.boolean(),
  }),
]);
export type RepairStep = z.infer<typeof RepairStep>;

export const RepairLogEntry = z.object({ at: z.number(), step: z.string(), text: z.string() });
export type RepairLogEntry = z.infer<typeof RepairLogEntry>;

/** The live wizard session. */
export const RepairSession = z.object({
  id: z.string().min(1).max(64),
  startedAt: z.number(),
  target: RepairTarget,
  diagnosis: z.array(Conflict),
  plan: RepairPlan.nullable(),
  state: RepairStep,
  log: z.array(RepairLogEntry),
  /**
   * Manual mode with a temporary address on the PC: when (ms since epoch) the console removes it and ends
   * the repair unless the operator runs a check first (each check restarts the timer). Null otherwise.
   */
  aliasExpiresAt: z.number().nullable().optional(),
  /** The ONVIF user the readdress logs in as (set with `repair.setCredentials`); never the password. */
  onvifUser: z.string().max(64).nullable().optional(),
});
export type RepairSession = z.infer<typeof RepairSession>;

/** What `repair.start` takes: the camera as discovery or the device list knows it. */
export const RepairStart = z
  .object({
    ip: Ipv4,
    mac: Mac.nullable().optional(),
    interface: InterfaceName.optional(),
    deviceId: DeviceId.optional(),
  })
  .strict();
export type RepairStart = z.infer<typeof RepairStart>;

/** One finished repair, kept in the data directory: who, what, before, after. */
export const RepairRecord = z.object({
  id: z.string(),
  at: z.number(),
  finishedAt: z.number(),
  user: z.string(),
  host: z.string(),
  target: RepairTarget,
  before: z.object({ ip: Ipv4, prefix: PrefixLength.nullable(), gateway: Ipv4.nullable() }),
  after: z.object({ ip: Ipv4, prefix: PrefixLength, gateway: Ipv4.nullable() }).nullable(),
  outcome: z.enum(['done', 'failed', 'cancelled']),
  method: ReaddressMethod.nullable(),
  pcChanges: z.array(z.string()),
  log: z.array(RepairLogEntry),
});
export type RepairRecord = z.infer<typeof RepairRecord>;
