import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeClient } from '../test/fake-client';
import { makeDevice, makePosition } from '../test/fixtures';
import { createTestStore } from '../test/render-with-app';
import { mountApp } from './mount-app';

let unmount: (() => void) | undefined;
afterEach(() => {
  act(() => unmount?.());
  unmount = undefined;
  document.body.innerHTML = '';
});

function mount(connection: 'connecting' | 'open' | 'closed' = 'open') {
  const client = createFakeClient({ connection });
  const store = createTestStore();
  const container = document.body.appendChild(document.createElement('div'));
  act(() => {
    unmount = mountApp(container, client, store);
  });
  return { client, store };
}

describe('mountApp', () => {
  it('renders the console wired to the client', () => {
    const { client } = mount();
    expect(client.listenerCount('devicesChanged')).toBe(1);
    act(() =>
      client.emit('devicesChanged', {
        type: 'init',
        items: [makeDevice('cam-1', { name: 'Lectern', position: makePosition({ panDeg: 30.25 }) })],
      }),
    );
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('PTZ Console');
    expect(screen.getByTestId('device-row-cam-1')).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByTestId('control-heading')).toHaveTextContent('Controlling Lectern');
    expect(screen.getByTestId('readout-pan')).toHaveTextContent('+30.3°');
    expect(screen.getByTestId('joystick')).toHaveAttribute('aria-disabled', 'false');
    expect(screen.getByTestId('stop-all')).toBeVisible();
    expect(screen.queryByTestId('connection-banner')).toBeNull();
  });

  it('unmounting unwires the store from the client', () => {
    const { client } = mount();
    act(() => unmount?.());
    unmount = undefined;
    expect(client.listenerCount('devicesChanged')).toBe(0);
  });

  it('shows a banner while the bridge is not open', () => {
    const { client } = mount('connecting');
    expect(screen.getByTestId('connection-banner')).toHaveAttribute('data-state', 'connecting');
    act(() => client.setConnectionState('open'));
    expect(screen.queryByTestId('connection-banner')).toBeNull();
    act(() => client.setConnectionState('closed'));
    const banner = screen.getByTestId('connection-banner');
    expect(banner).toHaveAttribute('data-state', 'closed');
    expect(banner).toHaveAttribute('role', 'alert');
    expect(banner).toHaveTextContent('Connection to the camera service lost. Reconnecting…');
  });

  it('switches language everywhere and remembers it', async () => {
    const { client, store } = mount();
    act(() => client.emit('devicesChanged', { type: 'init', items: [makeDevice('cam-1')] }));
    await userEvent.selectOptions(screen.getByTestId('language'), 'zh-CN');
    expect(store.getState().language).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(document.title).toBe('PTZ 控制台');
    expect(screen.getByTestId('stop-all')).toHaveAccessibleName('全部停止');
    expect(within(screen.getByTestId('device-row-cam-1')).getByText('在线')).toBeInTheDocument();
  });

  it('Enter in the camera list hands the keyboard to the joystick', async () => {
    const { client } = mount();
    act(() => client.emit('devicesChanged', { type: 'init', items: [makeDevice('cam-1'), makeDevice('cam-2')] }));
    const user = userEvent.setup();
    screen.getByTestId('device-list').focus();
    await user.keyboard('{ArrowDown}{Enter}');
    expect(screen.getByTestId('joystick')).toHaveFocus();
    expect(screen.getByTestId('joystick')).toHaveAccessibleName('Pan and tilt joystick for Camera cam-2');
  });
});
