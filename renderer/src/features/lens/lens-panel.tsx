/**
 * The lens panel for the selected camera: zoom (spring-return rocker + absolute slider), focus and
 * aperture. Refused commands show as one short inline message here; nothing is thrown. Live values are
 * selected narrowly (or written to the DOM), so 10 Hz position updates do not re-render the panel.
 */
import { useCallback, useId, useState } from 'react';
import { useT } from '../../i18n/use-t';
import { useAppStore } from '../../store/app-context';
import { selectSelectedDevice } from '../../store/selectors';
import { FocusControls } from './focus-controls';
import { IrisControls } from './iris-controls';
import { describeLensError, type RunLensCommand } from './lens-errors';
import { ZoomRocker } from './zoom-rocker';
import { ZoomSlider } from './zoom-slider';
import '../../styles/lens.css';

export function LensPanel() {
  const t = useT();
  const headingId = useId();
  const deviceId = useAppStore((s) => s.selectedId);
  const enabled = useAppStore((s) => s.connection === 'open') && deviceId !== null;
  const zoomPosition = useAppStore((s) => selectSelectedDevice(s)?.capabilities.zoomPosition ?? false);
  const focus = useAppStore((s) => selectSelectedDevice(s)?.capabilities.focus ?? false);
  /** The latest failure, for the camera it happened on (another camera's failure is not shown). */
  const [failure, setFailure] = useState<{ readonly deviceId: string; readonly error: unknown } | null>(null);

  const run = useCallback<RunLensCommand>(async (id, command) => {
    try {
      await command;
      setFailure((f) => (f?.deviceId === id ? null : f));
      return true;
    } catch (error: unknown) {
      setFailure({ deviceId: id, error });
      return false;
    }
  }, []);

  const shown = failure !== null && failure.deviceId === deviceId ? failure.error : null;
  return (
    <section className="lens-panel" aria-labelledby={headingId} data-testid="lens-panel">
      <h3 id={headingId} className="lens-title">
        {t('lens.panel.title')}
      </h3>
      {/* Per camera: local state (focus mode, drafts) and holds start afresh on another camera. */}
      <div className="lens-body" key={deviceId ?? ''}>
        <fieldset className="lens-group" disabled={!enabled}>
          <legend>{t('lens.zoom')}</legend>
          <ZoomRocker deviceId={deviceId} enabled={enabled} />
          <ZoomSlider deviceId={deviceId} enabled={enabled} supported={zoomPosition} run={run} />
        </fieldset>
        <FocusControls deviceId={deviceId} enabled={enabled} supported={focus} run={run} />
        <IrisControls deviceId={deviceId} enabled={enabled} run={run} />
      </div>
      {shown !== null && (
        <div className="lens-error" role="alert" data-testid="lens-error">
          <span>{describeLensError(t, shown)}</span>
          <button
            type="button"
            className="lens-error-dismiss"
            aria-label={t('lens.panel.dismiss')}
            onClick={() => setFailure(null)}
          >
            ×
          </button>
        </div>
      )}
    </section>
  );
}
