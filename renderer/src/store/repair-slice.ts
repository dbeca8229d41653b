/**
 * Repair slice: the wizard's session from `repairChanged` (null when none is open), the last forward step it
 * was at (so the stepper can show where a rollback or failure happened), and the history view's state.
 */
import type { StateCreator } from 'zustand';
import { REPAIR_STEPS, type RepairSession, type RepairStepName } from '../../../shared/model/repair';
import type { AppState } from './app-store';

export interface RepairSlice {
  /** The live session, or null when no wizard is open. */
  readonly repair: RepairSession | null;
  /**
   * The last forward step the session was at (diagnose … done, or manual); kept while it rolls back.
   * Null without a session.
   */
  readonly repairReached: RepairStepName | null;
  /** The repair history dialog is shown. */
  readonly repairHistoryOpen: boolean;
  applyRepairChanged(session: RepairSession | null): void;
  openRepairHistory(): void;
  closeRepairHistory(): void;
}

const FORWARD: readonly string[] = [...REPAIR_STEPS, 'manual'];

/** The forward step a session is at, or null while it rolls back or has failed. */
function forwardStep(session: RepairSession): RepairStepName | null {
  const step = session.state.step;
  return FORWARD.includes(step) ? (step as RepairStepName) : null;
}

export const createRepairSlice: StateCreator<AppState, [], [], RepairSlice> = (set, get) => ({
  repair: null,
  repairReached: null,
  repairHistoryOpen: false,
  applyRepairChanged(session) {
    if (session === null) {
      set({ repair: null, repairReached: null });
      return;
    }
    const previous = get().repair;
    // A different session starts afresh; the same one keeps its furthest step through a rollback.
    const reached = previous?.id === session.id ? get().repairReached : null;
    set({ repair: session, repairReached: forwardStep(session) ?? reached });
  },
  openRepairHistory: () => set({ repairHistoryOpen: true }),
  closeRepairHistory: () => set({ repairHistoryOpen: false }),
});
