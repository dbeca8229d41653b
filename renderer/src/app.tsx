/**
 * The console's page: header with STOP ALL, the cameras panel (list, add/edit/remove), and the control
 * surface for the selected camera.
 */
import { useEffect, useRef } from 'react';
import { ConnectionBanner } from './features/connection/connection-banner';
import { DevicesPanel } from './features/devices/devices-panel';
import { DiscoverButton, NetworkDialogs } from './features/discovery/network-dialogs';
import { Joystick, type JoystickHandle } from './features/joystick/joystick';
import { InputPanel } from './features/input/input-panel';
import { LensPanel } from './features/lens/lens-panel';
import { PositionReadout } from './features/lens/position-readout';
import { PresetsPanel } from './features/presets/presets-panel';
import { NoticeBar } from './features/safety/notice-bar';
import { StopAllButton } from './features/safety/stop-all-button';
import { useStopAll, useStopAllHotkey } from './features/safety/use-stop-all';
import { LanguageSwitcher } from './features/settings/language-switcher';
import { ThemeToggle } from './features/settings/theme-toggle';
import { useT } from './i18n/use-t';
import { useAppStore } from './store/app-context';
import { selectSelectedName } from './store/selectors';

/** Keeps `<html lang>`, the window title and the theme class in step with the operator's preferences. */
function useDocumentPreferences(): void {
  const t = useT();
  const language = useAppStore((s) => s.language);
  const theme = useAppStore((s) => s.theme);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('app.title');
  }, [language, t]);
  useEffect(() => {
    document.documentElement.classList.toggle('theme-light', theme === 'light');
  }, [theme]);
}

function ControlHeading() {
  const t = useT();
  const name = useAppStore(selectSelectedName);
  return (
    <h2 id="control-heading" className="panel-title" data-testid="control-heading">
      {name === null ? t('control.noSelection') : t('control.selected', { name })}
    </h2>
  );
}

export function App() {
  const t = useT();
  const connection = useAppStore((s) => s.connection);
  const joystickRef = useRef<JoystickHandle>(null);
  const stopAll = useStopAll();
  useStopAllHotkey(stopAll);
  useDocumentPreferences();

  return (
    <div className="app" data-connection={connection}>
      <header className="app-header">
        <h1 className="app-title">{t('app.title')}</h1>
        <div className="app-tools">
          {/* slot: network (discovery pane; the repair wizard opens from it and from the camera list) */}
          <DiscoverButton />
          {/* slot: look (theme switch, settings) */}
          <ThemeToggle />
          <LanguageSwitcher />
        </div>
        <StopAllButton onStopAll={stopAll} />
      </header>
      <ConnectionBanner />
      <NoticeBar />
      <main className="app-main">
        <DevicesPanel onConfirm={() => joystickRef.current?.focus()} />
        <section className="panel control-panel" aria-labelledby="control-heading">
          <ControlHeading />
          <div className="control-body">
            <Joystick ref={joystickRef} />
            <PositionReadout />
            {/* slot: lens (zoom rocker, zoom slider, focus, iris) */}
            <LensPanel />
          </div>
          {/* slot: input (keyboard drive, gamepad status, speed controls) */}
          <InputPanel />
          <PresetsPanel />
        </section>
      </main>
      <NetworkDialogs />
    </div>
  );
}
