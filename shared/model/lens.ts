import { z } from 'zod';

/** A normalised position in [0, 1]: zoom 0 wide … 1 tele; iris 0 closed … 1 fully open. */
export const UnitPosition = z.number().min(0, 'position must be within 0..1').max(1, 'position must be within 0..1');

/** Exposure control of the iris: the camera's automatic exposure, or the operator's manual setting. */
export const IrisMode = z.enum(['auto', 'manual']);
export type IrisMode = z.infer<typeof IrisMode>;

/** Focus control: the camera's autofocus, or the operator's. */
export const FocusMode = z.enum(['auto', 'manual']);
export type FocusMode = z.infer<typeof FocusMode>;
