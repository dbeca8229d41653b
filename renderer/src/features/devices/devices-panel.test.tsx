import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { IpcError } from '../../../../shared/ipc/ipc-error';
import { createFakeClient } from '../../../test/fake-client';
import { makeDevice } from '../../../test/fixtures';
import { renderWithApp } from '../../../test/render-with-app';
import { App } from '../../app';
import { DevicesPanel } from './devices-panel';

function setup(ui = <DevicesPanel />) {
  const client = createFakeClient({ results: { motion: { stopAll: { devices: 2 } } } });
  const harness = renderWithApp(ui, { client });
  act(() =>
    client.emit('devicesChanged', {
      type: 'init',
      items: [makeDevice('cam-1', { name: 'Stage left' }), makeDevice('cam-2', { name: 'Stage right' })],
    }),
  );
  return { ...harness, user: userEvent.setup() };
}

const dialogButton = (name: string) => within(screen.getByRole('dialog')).getByRole('button', { name });

describe('DevicesPanel: removing', () => {
  it('asks first, with Cancel focused; Cancel removes nothing and returns focus', async () => {
    const { user, client } = setup();
    const remove = screen.getByRole('button', { name: 'Remove Stage left' });
    await user.click(remove);
    const confirm = screen.getByRole('dialog');
    expect(confirm).toHaveAccessibleName('Remove Stage left?');
    expect(confirm).toHaveTextContent('The camera itself is not changed.');
    expect(dialogButton('Cancel')).toHaveFocus();
    await user.keyboard('{Enter}'); // Enter on the focused Cancel: nothing is deleted
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(client.devices.remove).not.toHaveBeenCalled();
    expect(remove).toHaveFocus();
  });

  it('removes the selected camera once confirmed, then focuses the list', async () => {
    const { user, client, store } = setup();
    act(() => store.getState().select('cam-2'));
    await user.click(screen.getByRole('button', { name: 'Remove Stage right' }));
    await user.click(dialogButton('Remove'));
    expect(client.devices.remove).toHaveBeenCalledTimes(1);
    expect(client.devices.remove).toHaveBeenCalledWith({ id: 'cam-2' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByTestId('device-list')).toHaveFocus();
  });

  it('shows why a removal failed and stays open', async () => {
    const { user, client } = setup();
    client.devices.remove.mockRejectedValueOnce(new IpcError('not-found', 'no device cam-1'));
    await user.click(screen.getByRole('button', { name: 'Remove Stage left' }));
    await user.click(dialogButton('Remove'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Not removed: no device cam-1');
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('has no Edit or Remove without a camera; "Add camera" takes focus when the list is gone', async () => {
    const { user, client } = setup();
    await user.click(screen.getByRole('button', { name: 'Remove Stage left' }));
    // Meanwhile the list empties (another window removed the rest).
    act(() => client.emit('devicesChanged', { type: 'init', items: [] }));
    expect(screen.queryByTestId('device-edit')).toBeNull();
    expect(screen.queryByTestId('device-remove')).toBeNull();
    await user.click(dialogButton('Remove'));
    expect(client.devices.remove).toHaveBeenCalledWith({ id: 'cam-1' });
    expect(screen.getByRole('button', { name: 'Add camera' })).toHaveFocus();
  });
});

describe('Escape in a dialog', () => {
  it('closes the device form AND still sends STOP ALL', async () => {
    const { user, client } = setup(<App />);
    const add = screen.getByRole('button', { name: 'Add camera' });
    await user.click(add);
    await user.type(within(screen.getByRole('dialog')).getByLabelText('Name'), 'Half typed');
    await user.keyboard('{Escape}');
    expect(client.motion.stopAll).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(add).toHaveFocus();
    expect(client.devices.add).not.toHaveBeenCalled();
  });

  it('closes the edit form and the remove confirmation, STOP ALL each time, even if the key is swallowed', async () => {
    const { user, client } = setup(<App />);
    await user.click(screen.getByRole('button', { name: 'Edit Stage left' }));
    const name = within(screen.getByRole('dialog')).getByLabelText('Name');
    name.addEventListener('keydown', (e) => e.stopPropagation());
    fireEvent.keyDown(name, { key: 'Escape' });
    expect(client.motion.stopAll).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('button', { name: 'Edit Stage left' })).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Remove Stage left' }));
    await user.keyboard('{Escape}');
    expect(client.motion.stopAll).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(client.devices.remove).not.toHaveBeenCalled();
  });

  it('leaves the form open when Escape only ends an IME composition (STOP ALL is still sent)', async () => {
    const { user, client } = setup(<App />);
    await user.click(screen.getByRole('button', { name: 'Add camera' }));
    fireEvent.keyDown(within(screen.getByRole('dialog')).getByLabelText('Name'), { key: 'Escape', isComposing: true });
    expect(client.motion.stopAll).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });
});
