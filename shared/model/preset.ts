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
