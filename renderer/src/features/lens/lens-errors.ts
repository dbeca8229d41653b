/** Turns a refused or failed lens command into a short message for the panel (never thrown). */
import { isIpcError } from '../../../../shared/ipc/ipc-error';
import type { Translate } from '../../i18n/i18n';

/** Runs a lens command for `deviceId`: a failure is shown in the panel; resolves true on success, never rejects. */
export type RunLensCommand = (deviceId: string, command: Promise<void>) => Promise<boolean>;

export function describeLensError(t: Translate, error: unknown): string {
  if (!isIpcError(error)) return t('lens.panel.error.other', { message: String(error) });
  switch (error.code) {
    case 'unsupported':
      return t('lens.panel.error.unsupported');
    case 'conflict':
      return t('lens.panel.error.conflict', { message: error.message });
    case 'device-offline':
      return t('lens.panel.error.offline');
    default:
      return t('lens.panel.error.other', { message: error.message });
  }
}
