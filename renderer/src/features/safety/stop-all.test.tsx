import { act, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IpcError } from '../../../../shared/ipc/ipc-error';
import { createFakeClient } from '../../../test/fake-client';
import { makeDevice } from '../../../test/fixtures';
import { renderWithApp } from '../../../test/render-with-app';
import { App } from '../../app';
import { NOTICE_INFO_MS } from './notice-bar';

function setup() {
  const client = createFakeClient({ results: { motion: { stopAll: { devices: 2 } } } });
  const harness = renderWithApp(<App />, { client });
  act(() => client.emit('devicesChanged', { type: 'init', items: [makeDevice('cam-1'), makeDevice('cam-2')] }));
  return harness;
}

afterEach(() => vi.useRealTimers());

describe('STOP ALL', () => {
  it('is always visible and labelled', () => {
    setup();
    const button = screen.getByTestId('stop-all');
    expect(button).toBeVisible();
    expect(button).toHaveAccessibleName('STOP ALL');
    expect(button).toHaveAttribute('aria-keyshortcuts', 'Escape');
  });

  it('Escape stops every camera whatever has focus', () => {
    const { client } = setup();
    const targets = [
      document.body,
      screen.getByTestId('joystick'),
      screen.getByTestId('device-list'),
      screen.getByTestId('language'),
    ];
    for (const target of targets) {
      target.focus();
      fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' });
    }
    expect(client.motion.stopAll).toHaveBeenCalledTimes(targets.length);
  });

  it('fires even when a component stops the key event from bubbling', () => {
    const { client } = setup();
    const list = screen.getByTestId('device-list');
    list.addEventListener('keydown', (e) => e.stopPropagation());
    fireEvent.keyDown(list, { key: 'Escape' });
    expect(client.motion.stopAll).toHaveBeenCalledTimes(1);
  });

  it('ignores key repeat and other keys', () => {
    const { client } = setup();
    fireEvent.keyDown(document.body, { key: 'Escape', repeat: true });
    fireEvent.keyDown(document.body, { key: 'Enter' });
    expect(client.motion.stopAll).not.toHaveBeenCalled();
  });

  it('the button stops on press, once per click, and from the keyboard', async () => {
    const { client } = setup();
    const user = userEvent.setup();
    const button = screen.getByTestId('stop-all');
    fireEvent.pointerDown(button, { button: 0 });
    expect(client.motion.stopAll).toHaveBeenCalledTimes(1);

    await user.click(button); // pointerdown + click: still one stop
    expect(client.motion.stopAll).toHaveBeenCalledTimes(2);

    button.focus();
    await user.keyboard('{Enter}');
    expect(client.motion.stopAll).toHaveBeenCalledTimes(3);
  });

  it('reports how many cameras were told to stop, then clears the notice', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    setup();
    fireEvent.keyDown(document.body, { key: 'Escape' });
    await act(async () => {
      await Promise.resolve();
    });
    expect(screen.getByTestId('notice')).toHaveTextContent('Stop sent to 2 cameras');
    act(() => vi.advanceTimersByTime(NOTICE_INFO_MS + 1));
    expect(screen.queryByTestId('notice')).toBeNull();
  });

  it('reports a failure, and keeps it until dismissed', async () => {
    const { client } = setup();
    client.motion.stopAll.mockRejectedValueOnce(new IpcError('device-offline', 'Not connected to the camera service'));
    fireEvent.keyDown(document.body, { key: 'Escape' });
    const notice = await screen.findByTestId('notice');
    expect(notice).toHaveAttribute('role', 'alert');
    expect(notice).toHaveTextContent('STOP ALL failed: Not connected to the camera service');
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('notice')).toBeNull();
  });
});
