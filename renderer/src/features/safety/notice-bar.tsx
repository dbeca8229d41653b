/** The latest notice (STOP ALL outcome, a failed stop). Informational ones fade on their own; errors stay. */
import { useEffect } from 'react';
import { assertNever } from '../../../../shared/util/assert-never';
import type { Translate } from '../../i18n/i18n';
import { useT } from '../../i18n/use-t';
import { useAppStore, useAppStoreApi } from '../../store/app-context';
import type { Notice } from '../../store/ui-slice';

/** How long an informational notice stays up (ms). */
export const NOTICE_INFO_MS = 4000;

/** Errors stay until dismissed; a type added to `Notice` must choose here (a type error otherwise). */
const TONE: { readonly [T in Notice['type']]: 'info' | 'error' } = {
  'stop-all-sent': 'info',
  'stop-all-failed': 'error',
  'stop-failed': 'error',
  'repair-start-failed': 'error',
};

function describe(notice: Notice, t: Translate): string {
  switch (notice.type) {
    case 'stop-all-sent':
      return t('safety.stopAllSent', { count: notice.count });
    case 'stop-all-failed':
      return t('safety.stopAllFailed', { message: notice.message });
    case 'stop-failed':
      return t('safety.stopFailed', { message: notice.message });
    case 'repair-start-failed':
      return t('repair.startFailed', { message: notice.message });
    default:
      return assertNever(notice, 'notice');
  }
}

export function NoticeBar() {
  const t = useT();
  const store = useAppStoreApi();
  const notice = useAppStore((s) => s.notice);

  useEffect(() => {
    if (!notice || TONE[notice.type] !== 'info') return;
    const timer = setTimeout(() => {
      if (store.getState().notice === notice) store.getState().dismissNotice();
    }, NOTICE_INFO_MS);
    return () => clearTimeout(timer);
  }, [notice, store]);

  if (!notice) return null;
  const tone = TONE[notice.type];
  const text = describe(notice, t);
  return (
    <div className="notice" data-testid="notice" data-tone={tone} role={tone === 'error' ? 'alert' : 'status'}>
      <span>{text}</span>
      <button type="button" className="notice-dismiss" onClick={() => store.getState().dismissNotice()}>
        {t('safety.dismiss')}
      </button>
    </div>
  );
}
