/**
 * The input slot of the control surface: runs the keyboard and gamepad drives, and shows the speed
 * settings (max speed, key speed, speed follows zoom), the gamepad status and the learn-mapping dialog.
 */
import { useCallback, useId, useState } from 'react';
import '../../styles/input.css';
import { useT } from '../../i18n/use-t';
import { useAppStore } from '../../store/app-context';
import { useStopAll } from '../safety/use-stop-all';
import { loadProfiles, saveProfile, type GamepadProfile } from './gamepad-mapping';
import { LearnMappingDialog } from './learn-mapping-dialog';
import { useGamepadDrive, type PadInfo } from './use-gamepad-drive';
import { useKeyboardDrive } from './use-keyboard-drive';

function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

const percent = (v: number): number => Math.round(v * 100);

export function InputPanel() {
  const t = useT();
  const stopAll = useStopAll();
  const maxId = useId();
  const keyId = useId();
  const maxSpeed = useAppStore((s) => s.inputSettings.maxSpeed);
  const keySpeed = useAppStore((s) => s.inputSettings.keySpeed);
  const followZoom = useAppStore((s) => s.inputSettings.followZoom);
  const [profiles, setProfiles] = useState(() => loadProfiles(browserStorage()));
  const [learning, setLearning] = useState<string | null>(null);

  useKeyboardDrive(stopAll);
  const pads = useGamepadDrive({ stopAll, profiles, suspended: learning !== null });
  const pad: PadInfo | undefined = pads[0];

  const storeProfile = useCallback((id: string, profile: GamepadProfile | null) => {
    saveProfile(browserStorage(), id, profile);
    setProfiles(loadProfiles(browserStorage()));
  }, []);

  const set = useAppStore((s) => s.setInputSettings);
  const mapping =
    pad === undefined
      ? null
      : profiles.has(pad.id)
        ? t('input.gamepadMappingCustom')
        : pad.mapping === 'standard'
          ? t('input.gamepadMappingStandard')
          : t('input.gamepadMappingNone');

  return (
    <div className="input-panel" data-testid="input-panel">
      <div className="input-speeds">
        <label htmlFor={maxId}>{t('input.maxSpeed')}</label>
        <input
          id={maxId}
          type="range"
          min={10}
          max={100}
          step={5}
          value={percent(maxSpeed)}
          aria-valuetext={t('input.maxSpeedValue', { percent: percent(maxSpeed) })}
          data-testid="input-max-speed"
          onChange={(e) => set({ maxSpeed: Number(e.target.value) / 100 })}
        />
        <output htmlFor={maxId}>{t('input.maxSpeedValue', { percent: percent(maxSpeed) })}</output>
        <label htmlFor={keyId}>{t('input.keySpeed')}</label>
        <input
          id={keyId}
          type="range"
          min={10}
          max={100}
          step={5}
          value={percent(keySpeed)}
          aria-valuetext={t('input.maxSpeedValue', { percent: percent(keySpeed) })}
          data-testid="input-key-speed"
          onChange={(e) => set({ keySpeed: Number(e.target.value) / 100 })}
        />
        <output htmlFor={keyId}>{t('input.maxSpeedValue', { percent: percent(keySpeed) })}</output>
        <label className="input-check input-follow-zoom">
          <input
            type="checkbox"
            checked={followZoom}
            data-testid="input-follow-zoom"
            onChange={(e) => set({ followZoom: e.target.checked })}
          />
          {t('input.followZoom')}
        </label>
      </div>
      <p className="input-help">{t('input.keysHelp')}</p>
      <div className="input-gamepad">
        <p
          className="input-gamepad-status"
          data-testid="gamepad-status"
          data-connected={pad !== undefined}
          role="status"
          aria-live="polite"
        >
          {pad === undefined ? t('input.gamepadNone') : `${t('input.gamepadConnected', { name: pad.id })} (${mapping})`}
        </p>
        {pad !== undefined && (
          <div className="input-gamepad-actions">
            <button
              type="button"
              className="button button-small"
              data-testid="gamepad-learn"
              onClick={() => setLearning(pad.id)}
            >
              {t('input.learn')}
            </button>
            {profiles.has(pad.id) && (
              <button
                type="button"
                className="button button-small"
                data-testid="gamepad-reset"
                onClick={() => storeProfile(pad.id, null)}
              >
                {t('input.resetMapping')}
              </button>
            )}
          </div>
        )}
      </div>
      {learning !== null && (
        <LearnMappingDialog
          padId={learning}
          onClose={() => setLearning(null)}
          onSave={(profile) => {
            storeProfile(learning, profile);
            setLearning(null);
          }}
        />
      )}
    </div>
  );
}
