/**
 * THE contract between the renderer and the core. Every bridge, the preload, the renderer client and the
 * test fakes are derived from this object; add a method here and everything else follows.
 */
import { z } from 'zod';
import { DeviceConfigInput, DeviceId } from '../model/device';
import { DeviceState } from '../model/device-status';
import { FocusMode, IrisMode, UnitPosition } from '../model/lens';
import { PresetNumber, PresetRecord } from '../model/preset';
import { VelocityCommand } from '../model/motion';
import { DiscoveryRequest, DiscoveryState, NetworkState } from '../model/network';
import { RepairCredentials, RepairPlanEdit, RepairRecord, RepairSession, RepairStart } from '../model/repair';
import { invoke, send, type ContractSpec, type ContractHandlers, type RendererApi } from './contract-types';
import { collectionUpdates } from './updates';

const ById = z.object({ id: DeviceId }).strict();
const ByDevice = z.object({ deviceId: DeviceId }).strict();

export const DevicesChanged = collectionUpdates(DeviceState);

/** The verdict of `devices.test`: `detail` is plain English for the log and the form. */
export const DeviceTestResult = z.object({ ok: z.boolean(), latencyMs: z.number().nullable(), detail: z.string() });

export const ptzContract = {
  services: {
    /** The device registry: configuration and live state. */
    devices: {
      /** Every configured device with its live state. */
      list: invoke(z.void(), z.array(DeviceState)),
      /** Adds a device; the core issues its id and starts connecting if enabled. */
      add: invoke(DeviceConfigInput, DeviceState),
      /** Replaces a device's configuration; the device reconnects with it. */
      update: invoke(z.object({ id: DeviceId, config: DeviceConfigInput }).strict(), DeviceState),
      /** Stops and forgets a device. */
      remove: invoke(ById, z.void()),
      /** Connects (true) or disconnects and keeps the configuration (false). */
      setEnabled: invoke(z.object({ id: DeviceId, enabled: z.boolean() }).strict(), DeviceState),
      /**
       * Tries a configuration without saving it: a temporary device connects, the first verdict (online,
       * offline/error, or nothing within 4 s) is returned, and the device is destroyed. Refused ('conflict')
       * for an endpoint another configured device uses. `excludeId` is the device being edited: when the
       * configuration keeps that device's own endpoint and it is enabled, its live status is the answer
       * (a second connection would fight it for the endpoint).
       */
      test: invoke(z.object({ config: DeviceConfigInput, excludeId: DeviceId.optional() }).strict(), DeviceTestResult),
    },
    /** Continuous pan/tilt/zoom/focus motion, with the dead-man watchdog in the core. */
    motion: {
      /** Latest value wins: sets the axes given, in normalised speed (−1..1). Counts as a heartbeat. */
      setVelocity: send(VelocityCommand),
      /** Keeps a held control alive; without one for 500 ms the core stops the device. */
      heartbeat: send(ByDevice),
      /** Stops every axis of one device; resolves once the stop has been handed to the link. */
      stop: invoke(ByDevice, z.void()),
      /** Stops every device; returns how many were told to stop. */
      stopAll: invoke(z.void(), z.object({ devices: z.number().int() })),
      /** Drives pan/tilt to the home position. */
      home: invoke(ByDevice, z.void()),
    },
    /** Lens: zoom and iris positions (continuous zoom speed goes through motion.setVelocity). */
    lens: {
      /** Moves the zoom to a normalised position (0 wide … 1 tele). */
      zoomTo: invoke(z.object({ deviceId: DeviceId, position: UnitPosition }).strict(), z.void()),
      /** Sets the iris to a normalised opening (0 closed … 1 fully open); switches exposure to manual. */
      setIris: invoke(z.object({ deviceId: DeviceId, position: UnitPosition }).strict(), z.void()),
      /** Automatic exposure, or manual iris. */
      setIrisMode: invoke(z.object({ deviceId: DeviceId, mode: IrisMode }).strict(), z.void()),
      /** Autofocus, or manual focus (continuous focus speed goes through motion.setVelocity). */
      setFocusMode: invoke(z.object({ deviceId: DeviceId, mode: FocusMode }).strict(), z.void()),
      /** One-push autofocus: focus once now, then hold. */
      focusOnePush: invoke(ByDevice, z.void()),
    },
    /** Camera presets, numbered as the operator sees them (1–255). */
    presets: {
      /** Drives the head and lens to a stored preset. */
      recall: invoke(z.object({ deviceId: DeviceId, preset: PresetNumber }).strict(), z.void()),
      /** Stores the current position under a preset number (on the camera, and its name/position on the PC). */
      save: invoke(
        z.object({ deviceId: DeviceId, preset: PresetNumber, name: PresetRecord.shape.name.optional() }).strict(),
        z.void(),
      ),
      /** Renames a saved preset (the PC's record only; the camera keeps no names). */
      rename: invoke(
        z.object({ deviceId: DeviceId, preset: PresetNumber, name: PresetRecord.shape.name }).strict(),
        z.void(),
      ),
      /** Forgets a preset. */
      clear: invoke(z.object({ deviceId: DeviceId, preset: PresetNumber }).strict(), z.void()),
      /**
       * Teaches a (replaced) camera the presets kept on the PC: for each record with a saved position, drives
       * the head and lens there, waits for arrival and saves it on the camera. Presets saved without a
       * position are skipped. Stops at the first failure, or when the camera is stopped meanwhile.
       */
      reteach: invoke(ByDevice, z.object({ taught: z.array(PresetNumber), skipped: z.array(PresetNumber) })),
    },
    /** The PC's interfaces and the address problems of configured devices. */
    network: {
      /** Re-reads the interfaces and re-checks every IP device (ARP for duplicates); returns the new state. */
      refresh: invoke(z.void(), NetworkState),
    },
    /** Finding cameras: Sony IP-setup, subnet sweep, WS-Discovery, serial probe — in parallel. */
    discovery: {
      /** Starts a scan (cancelling a running one); progress and results come as `discoveryChanged`. */
      start: invoke(DiscoveryRequest, z.object({ scanId: z.string() })),
      /** Cancels the running scan; results found so far stay. */
      cancel: invoke(z.void(), z.void()),
    },
    /** The IP-repair wizard: one session at a time; every change to it comes as `repairChanged`. */
    repair: {
      /** Diagnoses the camera and proposes a plan (waits at the `plan` step). Refused while one runs. */
      start: invoke(RepairStart, RepairSession),
      /** Changes the proposed addresses; each is re-checked (subnet, free by ARP). Only at `plan`. */
      editPlan: invoke(RepairPlanEdit, RepairSession),
      /**
       * The camera's ONVIF user name and password for an ONVIF readdress (only at `plan`). Kept in the core's
       * memory for this session only: never echoed, logged, journaled or recorded; the session shows the user.
       */
      setCredentials: invoke(RepairCredentials, RepairSession),
      /** Accepts the plan (from `plan`) or reports a manual field step done (from `manual`). */
      proceed: invoke(z.void(), RepairSession),
      /** Cancels: the PC's changes are rolled back. */
      cancel: invoke(z.void(), RepairSession),
      /** Closes a finished session (done or failed) so a new one can start. */
      dismiss: invoke(z.void(), z.void()),
      /** Every finished repair, newest first. */
      history: invoke(z.void(), z.array(RepairRecord)),
    },
    /** About the running core. */
    app: {
      info: invoke(
        z.void(),
        z.object({ version: z.string(), platform: z.string(), demo: z.boolean(), deadManMs: z.number() }),
      ),
    },
  },
  events: {
    /** Snapshot (`init`) then deltas of every device's state. */
    devicesChanged: DevicesChanged,
    /** The PC's network state (interfaces, device address problems); the current state first. */
    networkChanged: NetworkState,
    /** The discovery scan's whole state; the current state first, then on every change (≤ 10 per second). */
    discoveryChanged: DiscoveryState,
    /** The repair session, or null when none is open; the current value first. */
    repairChanged: RepairSession.nullable(),
  },
} as const satisfies ContractSpec;

export type PtzContract = typeof ptzContract;
/** The API the renderer sees as `window.ptz` (Electron) or through the WebSocket client. */
export type PtzApi = RendererApi<PtzContract>;
/** What the core implements; each bridge calls these after checking the sender and parsing. */
export type PtzHandlers = ContractHandlers<PtzContract>;
export type PtzServiceName = keyof PtzContract['services'];
export type PtzEventName = keyof PtzContract['events'];
export type PtzEventPayload<E extends PtzEventName> = z.output<PtzContract['events'][E]>;
