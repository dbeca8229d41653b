import { z } from 'zod';

/**
 * A preset as the operator numbers it, 1–255. Drivers map it to the wire (VISCA models differ: Sony
 * BRC-X400 sends N−1, SRG-300H and PTZOptics send N; Pelco sends N) and refuse numbers a model lacks.
 */
export const PresetNumber = z
  .number()
  .int('preset must be a whole number')
  .min(1, 'preset must be 1–255')
  .max(255, 'preset must be 1–255');
export type PresetNumber = z.infer<typeof PresetNumber>;

/**
 * A preset as the console remembers it, on the PC: its name and where the head was when it was saved. It
 * belongs to the device entry, so a replaced camera keeps the operator's names (re-save to re-teach it).
 */
export const PresetRecord = z.object({
  number: PresetNumber,
  name: z.string().trim().min(1, 'preset name is required').max(64, 'preset name is at most 64 characters'),
  /** Epoch ms of the last save. */
  savedAt: z.number(),
  /** Position when saved (normalised + physical), or null when the camera had not reported one. */
  position: z
    .object({
      pan: z.number(),
      tilt: z.number(),
      zoom: z.number(),
      panDeg: z.number().nullable(),
      tiltDeg: z.number().nullable(),
      zoomRatio: z.number().nullable(),
    })
    .nullable(),
});
export type PresetRecord = z.infer<typeof PresetRecord>;
