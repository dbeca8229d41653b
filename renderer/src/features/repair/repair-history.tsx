/** Every finished repair, newest first: when, which camera, its address before and after, outcome, who. */
import { useEffect, useId, useState } from 'react';
import { isIpcError } from '../../../../shared/ipc/ipc-error';
import type { RepairRecord } from '../../../../shared/model/repair';
import { ModalDialog } from '../../components/modal-dialog';
import { useT } from '../../i18n/use-t';
import { useAppStore, useAppStoreApi, usePtzClient } from '../../store/app-context';
import '../../styles/discovery.css';
import '../../styles/repair.css';

type Load =
  | { readonly type: 'loading' }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'loaded'; readonly records: readonly RepairRecord[] };

const address = (ip: string, prefix: number | null, gateway: string | null): string =>
  `${ip}${prefix === null ? '' : `/${prefix}`}${gateway === null ? '' : ` → ${gateway}`}`;

export function RepairHistory() {
  const t = useT();
  const client = usePtzClient();
  const store = useAppStoreApi();
  const language = useAppStore((s) => s.language);
  const titleId = useId();
  const [load, setLoad] = useState<Load>({ type: 'loading' });

  useEffect(() => {
    let live = true;
    client.repair.history().then(
      (records) => {
        if (live) setLoad({ type: 'loaded', records });
      },
      (error: unknown) => {
        if (live)
          setLoad({
            type: 'failed',
            message: isIpcError(error) || error instanceof Error ? error.message : String(error),
          });
      },
    );
    return () => {
      live = false;
    };
  }, [client]);

  const close = (): void => store.getState().closeRepairHistory();
  const when = (at: number): string => new Date(at).toLocaleString(language);

  let content;
  switch (load.type) {
    case 'loading':
      content = <p className="dialog-text">{t('repair.history.loading')}</p>;
      break;
    case 'failed':
      content = (
        <div className="form-alert" role="alert" data-testid="repair-history-error">
          <p>{t('repair.history.loadFailed', { message: load.message })}</p>
        </div>
      );
      break;
    case 'loaded':
      content =
        load.records.length === 0 ? (
          <p className="dialog-text" data-testid="repair-history-empty">
            {t('repair.history.empty')}
          </p>
        ) : (
          <div className="repair-history-scroll">
            <table className="discovery-table repair-history-table" data-testid="repair-history-table">
              <thead>
                <tr>
                  <th scope="col">{t('repair.history.col.when')}</th>
                  <th scope="col">{t('repair.history.col.camera')}</th>
                  <th scope="col">{t('repair.history.col.before')}</th>
                  <th scope="col">{t('repair.history.col.after')}</th>
                  <th scope="col">{t('repair.history.col.outcome')}</th>
                  <th scope="col">{t('repair.history.col.who')}</th>
                </tr>
              </thead>
              <tbody>
                {load.records.map((r) => (
                  <tr key={r.id} data-testid={`repair-history-row-${r.id}`} data-outcome={r.outcome}>
                    <td>{when(r.at)}</td>
                    <th scope="row">
                      <span>{r.target.model ?? t('repair.targetCamera')}</span>
                      <span className="discovery-sub">{r.target.mac ?? t('repair.macUnknown')}</span>
                    </th>
                    <td className="discovery-mono">{address(r.before.ip, r.before.prefix, r.before.gateway)}</td>
                    <td className="discovery-mono">
                      {r.after === null
                        ? t('repair.history.none')
                        : address(r.after.ip, r.after.prefix, r.after.gateway)}
                    </td>
                    <td>
                      <span className="history-outcome" data-outcome={r.outcome}>
                        {t(`repair.history.outcome.${r.outcome}`)}
                      </span>
                      {r.pcChanges.length > 0 && (
                        <span className="discovery-sub" lang="en">
                          {t('repair.history.pcChanges', { changes: r.pcChanges.join('; ') })}
                        </span>
                      )}
                    </td>
                    <td>{t('repair.history.by', { user: r.user, host: r.host })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      break;
  }

  return (
    <ModalDialog labelledBy={titleId} onEscape={close} className="repair-history-dialog" testId="repair-history">
      <h2 id={titleId} className="dialog-title">
        {t('repair.history.title')}
      </h2>
      {content}
      <div className="dialog-actions">
        <button type="button" className="button" data-testid="repair-history-close" onClick={close}>
          {t('repair.history.close')}
        </button>
      </div>
    </ModalDialog>
  );
}
