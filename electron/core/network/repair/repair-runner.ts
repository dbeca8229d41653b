/**
 * One repair session: performs each step's effects and feeds their outcomes through the pure state
 * machine. Any failure or cancel rolls the PC back (alias removed, verified by listing, journal cleared);
 * every session that ends is written to the history.
 */
import type {
  CheckResult,
  RepairCredentials,
  RepairPlanEdit,
  RepairRecord,
  RepairSession,
  RepairStart,
  RepairStepName,
} from '../../../../shared/model/repair';
import { IpcError } from '../../../../shared/ipc/ipc-error';
import { HelperClientError } from './helper-client';
import { recordOf } from './repair-history';
import { diagnose, proposePlan, type Diagnosis } from './repair-diagnose';
import { DEFAULT_TIMINGS, type RepairEffects, type RepairTimings } from './repair-effects';
import type { JournalEntry } from './repair-journal';
import { isFinished, transition, type RepairEvent } from './repair-machine';
import { applyPlanEdit } from './repair-planner';
import { answersAtNewAddress, manualCheck } from './repair-checks';
import { readdressCamera, verifyCamera, type CameraStepContext } from './repair-camera-steps';
import { RestartableTimer } from './restartable-timer';

const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class RepairRunner {
  private s: RepairSession;
  private d: Diagnosis | null = null;
  private readonly abort = new AbortController();
  private readonly pcChanges: string[] = [];
  /** The alias as journaled: set before add-alias runs, cleared once it is verified gone. */
  private journaled: { address: string; prefix: number } | null = null;
  private busy: Promise<void> = Promise.resolve();
  private cancelled = false;
  /** Manual mode's safety timer for the temporary address (see RepairTimings.aliasTtlMs). */
  private readonly aliasTtl: RestartableTimer;
  /** The ONVIF login for this session only (never in the session, log, journal or history). */
  private credentials: RepairCredentials | null = null;

  constructor(
    private readonly start: RepairStart,
    private readonly fx: RepairEffects,
    private readonly onChange: (s: RepairSession) => void,
    private readonly timings: RepairTimings = DEFAULT_TIMINGS,
  ) {
    this.aliasTtl = new RestartableTimer((ms, fire) => fx.setTimer(ms, fire));
    this.s = {
      id: fx.newId(),
      startedAt: fx.now(),
      target: {
        ip: start.ip,
        mac: start.mac ?? null,
        interface: start.interface ?? 'unknown',
        deviceId: start.deviceId ?? null,
        model: null,
      },
      diagnosis: [],
      plan: null,
      state: { step: 'diagnose' },
      log: [],
    };
  }

  get session(): RepairSession {
    return this.s;
  }

  /** Runs Diagnose and Plan; resolves at `plan` (or `failed`). */
  async begin(): Promise<RepairSession> {
    this.emit();
    this.busy = this.guard(async () => {
      this.log('diagnosing');
      const d = await diagnose(this.start, this.fx, this.abort.signal);
      this.d = d;
      this.s = { ...this.s, target: d.target, diagnosis: d.conflicts };
      for (const line of d.log) this.log(line, false);
      const pcAddresses = (await this.fx.interfaces()).flatMap((i) => i.addresses.map((a) => a.address));
      const { plan, checks } = await proposePlan(d, this.fx, pcAddresses);
      this.checkAbort();
      this.s = { ...this.s, plan };
      this.log(
        `plan: ${plan.alias ? `alias ${plan.alias.address}/${plan.alias.prefix}` : 'no alias'}, new address ${plan.target.address}/${plan.target.prefix}, method ${plan.method}`,
        false,
      );
      this.step({ type: 'diagnosed', checks: [...d.checks, ...checks] });
    });
    await this.busy;
    return this.s;
  }

  /** Operator edit of the plan (only at `plan`): re-validated, then each changed address re-probed. */
  async editPlan(edit: RepairPlanEdit): Promise<RepairSession> {
    if (this.s.state.step !== 'plan' || !this.s.plan || !this.d) {
      throw new IpcError('conflict', `the plan can only be edited at the plan step (now: ${this.s.state.step})`);
    }
    const interfaces = await this.fx.interfaces();
    const r = applyPlanEdit(this.s.plan, edit, {
      cameraIp: this.s.target.ip,
      cameraPrefix: this.d.cameraPrefix,
      iface: this.d.iface,
      pcAddresses: interfaces.flatMap((i) => i.addresses.map((a) => a.address)),
    });
    if ('errors' in r) throw new IpcError('conflict', r.errors.join('; '));
    const checks: CheckResult[] = [];
    const probe = async (ip: string, what: string) => {
      const dad = await this.fx.arpDad(this.d!.iface.name, ip);
      if (!dad.free) throw new IpcError('conflict', `${what} ${ip} is in use by ${dad.macs.join(', ')} (ARP probe)`);
      checks.push({ ok: true, detail: `${what} ${ip} is free (ARP probe)` });
    };
    if (r.plan.alias && r.plan.alias.address !== this.s.plan.alias?.address)
      await probe(r.plan.alias.address, 'temporary address');
    if (r.plan.target.address !== this.s.plan.target.address) await probe(r.plan.target.address, 'new address');
    if (this.s.state.step !== 'plan')
      throw new IpcError('conflict', 'the repair moved on while the plan was being checked');
    this.s = { ...this.s, plan: r.plan, state: { step: 'plan', checks: [...this.s.state.checks, ...checks] } };
    this.log(`plan edited: ${JSON.stringify(edit)}`);
    return this.s;
  }

  /** Sets the ONVIF login the readdress uses (only at `plan`, only for an ONVIF readdress). */
  setCredentials(c: RepairCredentials): RepairSession {
    if (this.s.state.step !== 'plan' || !this.s.plan) {
      throw new IpcError('conflict', `credentials can only be set at the plan step (now: ${this.s.state.step})`);
    }
    if (this.s.plan.method !== 'onvif') {
      throw new IpcError(
        'conflict',
        `this camera is readdressed by ${this.s.plan.method === 'ip-setup' ? 'Sony IP-setup, which takes no credentials' : 'hand'}`,
      );
    }
    this.credentials = { username: c.username, password: c.password };
    this.s = { ...this.s, onvifUser: c.username };
    this.log(`ONVIF login set: user ${c.username}`);
    return this.s;
  }

  /** Accepts the plan (runs the repair in the background) or runs a manual stage's live check. */
  async proceed(): Promise<RepairSession> {
    const st = this.s.state;
    if (st.step === 'plan') {
      this.step({ type: 'proceed' });
      this.busy = this.guard(() => this.afterPlan());
      return this.s;
    }
    if (st.step === 'manual') {
      // In `busy`, so the address's safety timer never expires in the middle of a check.
      this.busy = this.guard(async () => {
        const check = await manualCheck(this.fx, this.s, st.stage);
        this.log(`${st.stage}: ${check.detail}`);
        this.step({ type: 'manual-check', check });
        if (this.s.state.step === 'confirm') {
          this.disarmAliasTtl();
          this.busy = this.guard(() => this.finish());
        } else {
          this.armAliasTtl(); // the operator is at work: the timer starts again
        }
      });
      await this.busy;
      return this.s;
    }
    throw new IpcError('conflict', `nothing to proceed with at step ${st.step}`);
  }

  /** Cancels: stops the running step and rolls the PC back. Resolves once the session has ended. */
  async cancel(): Promise<RepairSession> {
    if (isFinished(this.s.state)) return this.s;
    this.cancelled = true;
    this.abort.abort();
    await this.busy;
    if (!isFinished(this.s.state) && this.s.state.step !== 'rolling-back')
      await this.fail(new Error('cancelled by the operator'));
    await this.busy;
    return this.s;
  }

  /** Waits for the background work of the session (tests, close). */
  settled(): Promise<void> {
    return this.busy;
  }

  // ---- steps ------------------------------------------------------------------------------------------

  private async afterPlan(): Promise<void> {
    const plan = this.s.plan!;
    // Alias.
    if (plan.alias) {
      const { address, prefix } = plan.alias;
      const dad = await this.fx.arpDad(plan.interface, address);
      if (!dad.free) throw new Error(`temporary address ${address} was taken meanwhile by ${dad.macs.join(', ')}`);
      this.journaled = { address, prefix };
      await this.fx.journal.write(this.journalEntry('adding'));
      let r: { detail: string };
      try {
        r = await this.fx.helper.addAlias(plan.interface, address, prefix);
      } catch (e) {
        // Dismissed, not authorised, refused or not runnable: the helper changed nothing, so there is
        // nothing to list or remove (and listing would ask for the password again).
        if (e instanceof HelperClientError && e.reason !== 'failed') {
          this.journaled = null;
          await this.fx.journal.clear();
        }
        throw e;
      }
      this.pcChanges.push(`added ${address}/${prefix} on ${plan.interface}`);
      await this.fx.journal.write(this.journalEntry('added'));
      this.log(`temporary address added: ${r.detail}`);
    } else {
      this.log('no temporary address needed');
    }
    this.checkAbort();
    this.step({ type: 'aliased', manual: plan.method === 'manual' });
    if (plan.method === 'manual') {
      this.armAliasTtl();
      return;
    }

    // Verify: the camera answers a real protocol command at its current address.
    const verify = await verifyCamera(this.cameraStep());
    this.log(verify.detail);
    if (!verify.ok) throw new Error(`the camera does not answer at ${this.s.target.ip}: ${verify.detail}`);
    this.checkAbort();
    this.step({ type: 'verified' });

    await readdressCamera(this.cameraStep());
    this.checkAbort();
    this.step({ type: 'readdressed' });
    await this.finish();
  }

  /** Confirm (poll the new address), update the device, Cleanup, Done. */
  private async finish(): Promise<void> {
    const plan = this.s.plan!;
    const newIp = plan.target.address;
    const deadline = this.fx.now() + this.timings.confirmTimeoutMs;
    let last: CheckResult;
    for (;;) {
      this.checkAbort();
      last = await answersAtNewAddress(this.fx, this.s, this.abort.signal);
      if (last.ok) break;
      if (this.fx.now() >= deadline) {
        throw new Error(
          `the camera did not answer at ${newIp} within ${Math.round(this.timings.confirmTimeoutMs / 1000)} s: ${last.detail}`,
        );
      }
      await this.fx.sleep(this.timings.pollMs, this.abort.signal);
    }
    this.log(`confirmed: ${last.detail}`);
    const updated = await this.fx.updateDevice(this.s.target.deviceId, this.s.target.ip, newIp);
    if (updated) this.log(updated);
    this.step({ type: 'confirmed' });
    await this.removeAlias();
    // The record first: once the session shows that it ended, its history entry exists.
    await this.record('done');
    this.step({ type: 'cleaned', newIp });
  }

  private cameraStep(): CameraStepContext {
    return {
      fx: this.fx,
      session: this.s,
      diagnosis: this.d!,
      plan: this.s.plan!,
      credentials: this.credentials,
      signal: this.abort.signal,
      log: (text) => this.log(text),
    };
  }

  private async removeAlias(): Promise<void> {
    const alias = this.journaled;
    const iface = this.s.plan?.interface ?? this.s.target.interface;
    if (alias) {
      await this.fx.journal.write(this.journalEntry('removing'));
      const present = (await this.fx.helper.list(iface)).some((a) => a.address === alias.address);
      if (present) {
        const r = await this.fx.helper.removeAlias(iface, alias.address, alias.prefix);
        this.pcChanges.push(`removed ${alias.address}/${alias.prefix} from ${iface}`);
        this.log(`temporary address removed: ${r.detail}`);
      } else {
        this.log(`temporary address ${alias.address} is not on ${iface} (nothing to remove)`);
      }
      if ((await this.fx.helper.list(iface)).some((a) => a.address === alias.address)) {
        throw new Error(`${alias.address} is still on ${iface} after removing it`);
      }
      this.journaled = null;
    }
    await this.fx.journal.clear();
  }

  // ---- failure and bookkeeping ---------------------------------------------------------------------

  /** Runs `work`; any error (or abort) rolls back. */
  private async guard(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (e) {
      if (e instanceof IpcError) throw e;
      await this.fail(e);
    }
  }

  /** (Re)starts the manual-mode timer that removes the temporary address when nobody comes back. */
  private armAliasTtl(): void {
    if (!this.journaled) return;
    const ms = this.timings.aliasTtlMs;
    this.s = { ...this.s, aliasExpiresAt: this.fx.now() + ms };
    this.emit();
    this.aliasTtl.start(ms, () => {
      const token = this.aliasTtl.token;
      // After any check still running: the expiry must not interleave with it, nor outlive a re-arm.
      this.busy = this.busy.then(() =>
        this.s.state.step === 'manual' && this.aliasTtl.isCurrent(token)
          ? this.fail(
              new Error(
                `no check for ${Math.round(ms / 60_000)} min in manual mode: the temporary address was removed ` +
                  'so it cannot linger on this PC; start the repair again to continue',
              ),
            )
          : undefined,
      );
    });
  }

  private disarmAliasTtl(): void {
    this.aliasTtl.stop();
    if (this.s.aliasExpiresAt != null) this.s = { ...this.s, aliasExpiresAt: null };
  }

  private async fail(e: unknown): Promise<void> {
    if (isFinished(this.s.state) || this.s.state.step === 'rolling-back') return;
    this.disarmAliasTtl();
    const st = this.s.state;
    const at: RepairStepName = st.step;
    const cancelled = this.cancelled;
    const error = cancelled ? 'cancelled by the operator' : errText(e);
    this.log(cancelled ? 'cancelled' : `failed at ${at}: ${error}`);
    this.step(cancelled ? { type: 'cancel' } : { type: 'fail', error });
    let rolledBack = true;
    try {
      await this.removeAlias();
      this.log('rolled back: the PC is as it was');
    } catch (re) {
      rolledBack = false;
      this.log(`roll-back failed: ${errText(re)}; the journal is kept and the next start tries again`);
    }
    // The record first: once the session shows that it ended, its history entry exists.
    await this.record(cancelled ? 'cancelled' : 'failed');
    this.step({ type: 'rolled-back', at, error, rolledBack, cancelled });
  }

  private checkAbort(): void {
    if (this.abort.signal.aborted) throw new Error('cancelled by the operator');
  }

  private step(event: RepairEvent): void {
    this.s = { ...this.s, state: transition(this.s.state, event) };
    this.emit();
  }

  private log(text: string, emit = true): void {
    this.s = { ...this.s, log: [...this.s.log, { at: this.fx.now(), step: this.s.state.step, text }] };
    if (emit) this.emit();
  }

  private emit(): void {
    this.onChange(this.s);
  }

  private journalEntry(state: JournalEntry['state']): JournalEntry {
    return {
      version: 1,
      sessionId: this.s.id,
      iface: this.s.plan!.interface,
      alias: this.journaled!,
      addedAt: this.fx.now(),
      state,
      session: this.s,
    };
  }

  private async record(outcome: RepairRecord['outcome']): Promise<void> {
    const rec = recordOf(this.s, {
      outcome,
      operator: this.fx.operator(),
      finishedAt: this.fx.now(),
      before: {
        prefix: this.d?.cameraPrefixKnown ? this.d.cameraPrefix : null,
        gateway: this.d?.cameraGateway ?? null,
      },
      pcChanges: this.pcChanges,
    });
    try {
      await this.fx.history.append(rec);
    } catch (e) {
      this.log(`could not write the repair history: ${errText(e)}`);
    }
  }
}
