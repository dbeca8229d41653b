import { z } from 'zod';
import { DeviceConfig, DeviceId } from './device';
import { StopReason } from './motion';
import { IrisMode } from './lens';
import { PresetRecord } from './preset';

/** Connection status: a closed set. */
export const DeviceStatus = z.enum([
  'disabled', // configured but switched off by the operator
  'connecting', // opening the link / first handshake
  'online', // answering
  'offline', // not answering; the core keeps retrying with backoff
  'error', // configuration or OS error that retrying will not fix (e.g. permission denied)
]);
export type DeviceStatus = z.infer<typeof DeviceStatus>;

/** Where the head and lens are, normalised (each 0..1), plus the same in physical units where known. */
export const DevicePosition = z.object({
  /** 0 = full left … 1 = full right. */
  pan: z.number(),
  /** 0 = lowest … 1 = highest. */
  tilt: z.number(),
  /** 0 = wide … 1 = tele. */
  zoom: z.number(),
  /** 0 = closed … 1 = fully open; null when not reported. */
  iris: z.number().nullable(),
  /** Pan angle in degrees (+ right), when the model's range is known. */
  panDeg: z.number().nullable(),
  /** Tilt angle in degrees (+ up). */
  tiltDeg: z.number().nullable(),
  /** Optical zoom ratio (1 = wide). */
  zoomRatio: z.number().nullable(),
  /** Iris as an F-number (e.g. 2.8), or null when closed or unknown. */
  irisF: z.number().nullable(),
  irisMode: IrisMode.nullable(),
});
export type DevicePosition = z.infer<typeof DevicePosition>;

/** A problem the device reported or the core met, kept until the next success. */
export const DeviceProblem = z.object({
  code: z.string(),
  message: z.string(),
  /** Epoch ms. */
  at: z.number(),
});
export type DeviceProblem = z.infer<typeof DeviceProblem>;

/** What a device can do, for the controls to offer (from its driver and model data). */
export const DeviceCapabilities = z.object({
  /** F-numbers of the iris steps from closed to fully open (null = closed); empty when the iris cannot be set. */
  irisStops: z.array(z.number().nullable()),
  /** Operator preset numbers the camera accepts, or null without presets. */
  presets: z.object({ min: z.number().int(), max: z.number().int() }).nullable(),
  /** Zoom can be driven to a position (lens.zoomTo). */
  zoomPosition: z.boolean(),
  /** Focus can be driven, switched auto/manual and one-pushed. */
  focus: z.boolean(),
  /** motion.home does something. */
  home: z.boolean(),
});
export type DeviceCapabilities = z.infer<typeof DeviceCapabilities>;

export const NO_CAPABILITIES: DeviceCapabilities = {
  irisStops: [],
  presets: null,
  zoomPosition: false,
  focus: false,
  home: false,
};

/** Everything the renderer shows about one device. */
export const DeviceState = z.object({
  id: DeviceId,
  config: DeviceConfig,
  status: DeviceStatus,
  /** Human-readable detail for the status (why offline, which fix for an error). */
  statusDetail: z.string().nullable(),
  /** Last measured command round trip in ms, null before the first reply. */
  latencyMs: z.number().nullable(),
  /** True while any axis is commanded to move. */
  moving: z.boolean(),
  lastStop: z.object({ reason: StopReason, at: z.number() }).nullable(),
  position: DevicePosition.nullable(),
  problem: DeviceProblem.nullable(),
  capabilities: DeviceCapabilities,
  /** Presets saved from this console, by number (names and positions are kept on the PC). */
  presets: z.array(PresetRecord),
});
export type DeviceState = z.infer<typeof DeviceState>;
