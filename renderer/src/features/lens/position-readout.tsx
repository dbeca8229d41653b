/**
 * Live pan/tilt/zoom readout of the selected camera. Positions change many times a second, so the
 * numbers are written straight into the DOM from a store subscription; React renders the labels only.
 */
import { useEffect, useRef } from 'react';
import type { DevicePosition } from '../../../../shared/model/device-status';
import { useT } from '../../i18n/use-t';
import { useAppStoreApi } from '../../store/app-context';
import { selectSelectedPosition } from '../../store/selectors';
import { formatDegrees, formatRatio } from './format-position';

export function PositionReadout() {
  const t = useT();
  const store = useAppStoreApi();
  const panRef = useRef<HTMLElement>(null);
  const tiltRef = useRef<HTMLElement>(null);
  const zoomRef = useRef<HTMLElement>(null);

  useEffect(() => {
    const put = (el: HTMLElement | null, text: string): void => {
      if (el && el.textContent !== text) el.textContent = text;
    };
    const degrees = (v: number | null | undefined): string => {
      const f = formatDegrees(v);
      return f === null ? t('lens.unknown') : t('lens.degrees', { value: f });
    };
    const write = (p: DevicePosition | null): void => {
      put(panRef.current, degrees(p?.panDeg));
      put(tiltRef.current, degrees(p?.tiltDeg));
      const z = formatRatio(p?.zoomRatio);
      put(zoomRef.current, z === null ? t('lens.unknown') : t('lens.ratio', { value: z }));
    };
    let last = selectSelectedPosition(store.getState());
    write(last);
    return store.subscribe((s) => {
      const next = selectSelectedPosition(s);
      if (next === last) return;
      last = next;
      write(next);
    });
  }, [store, t]);

  return (
    <section className="readout" aria-label={t('lens.title')}>
      <dl className="readout-grid">
        <div className="readout-cell">
          <dt>{t('lens.pan')}</dt>
          <dd ref={panRef} data-testid="readout-pan" />
        </div>
        <div className="readout-cell">
          <dt>{t('lens.tilt')}</dt>
          <dd ref={tiltRef} data-testid="readout-tilt" />
        </div>
        <div className="readout-cell">
          <dt>{t('lens.zoom')}</dt>
          <dd ref={zoomRef} data-testid="readout-zoom" />
        </div>
      </dl>
    </section>
  );
}
