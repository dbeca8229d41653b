/** Address problems in the operator's words: a short badge label and a one-sentence explanation. */
import type { Conflict } from '../../../../shared/model/network';
import { assertNever } from '../../../../shared/util/assert-never';
import type { Translate } from '../../i18n/i18n';

/** The badge text, e.g. "Duplicate IP". */
export function conflictLabel(conflict: Conflict, t: Translate): string {
  return t(`network.badge.${conflict.kind}`);
}

/** What the problem means and why it matters, e.g. "198.51.100.50 is answered by 2 devices (…)". */
export function explainConflict(conflict: Conflict, t: Translate): string {
  switch (conflict.kind) {
    case 'duplicate-ip':
      return t('network.explain.duplicate-ip', {
        ip: conflict.ip,
        count: conflict.macs.length,
        macs: conflict.macs.join(', '),
      });
    case 'outside-subnet':
      return t('network.explain.outside-subnet', {
        ip: conflict.ip,
        subnets: conflict.pcSubnets.length === 0 ? t('network.noSubnets') : conflict.pcSubnets.join(', '),
      });
    case 'same-as-pc':
      return t('network.explain.same-as-pc', { ip: conflict.ip, interface: conflict.interface });
    case 'wrong-gateway':
      return t('network.explain.wrong-gateway', { gateway: conflict.gateway, subnet: conflict.subnet });
    default:
      return assertNever(conflict, 'conflict');
  }
}
