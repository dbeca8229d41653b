import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { IpcError } from '../../../../shared/ipc/ipc-error';
import type { Conflict } from '../../../../shared/model/network';
import { createFakeClient } from '../../../test/fake-client';
import { makeDevice } from '../../../test/fixtures';
import { makeNetwork } from '../../../test/network-fixtures';
import { renderWithApp } from '../../../test/render-with-app';
import { App } from '../../app';

const duplicate: Conflict = {
  kind: 'duplicate-ip',
  ip: '198.51.100.50',
  macs: ['02:00:5e:00:53:01', '02:00:5e:00:53:02'],
};

function setup() {
  const client = createFakeClient();
  const harness = renderWithApp(<App />, { client });
  act(() => {
    client.emit('devicesChanged', {
      type: 'init',
      items: [
        makeDevice('cam-1', { name: 'Stage left', host: '198.51.100.50' }),
        makeDevice('cam-2', { name: 'Stage right' }),
      ],
    });
    client.emit('networkChanged', makeNetwork({ deviceConflicts: { 'cam-1': [duplicate] } }));
  });
  return { ...harness, client, user: userEvent.setup() };
}

describe('Device list: address problems', () => {
  it('badges the device with the problem and explains it; other devices have no badge', () => {
    setup();
    const badge = screen.getByTestId('device-conflict-cam-1');
    expect(badge).toHaveTextContent('Duplicate IP');
    expect(within(badge).getByText('Duplicate IP')).toHaveAttribute(
      'title',
      '198.51.100.50 is answered by 2 devices (02:00:5e:00:53:01, 02:00:5e:00:53:02): commands may reach the wrong one.',
    );
    expect(screen.queryByTestId('device-conflict-cam-2')).toBeNull();
    // The selected camera's problem is spelled out under the actions.
    expect(screen.getByTestId('device-problems')).toHaveTextContent('198.51.100.50 is answered by 2 devices');
  });

  it('"Repair…" starts the wizard for the selected device by its address and id', async () => {
    const { client, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Repair the address of Stage left' }));
    expect(client.repair.start).toHaveBeenCalledWith({ ip: '198.51.100.50', deviceId: 'cam-1' });
  });

  it('offers no repair for a device without problems, and follows the problems going away', async () => {
    const { client, user } = setup();
    await user.click(screen.getByText('Stage right'));
    expect(screen.queryByTestId('device-problems')).toBeNull();
    act(() => client.emit('networkChanged', makeNetwork()));
    expect(screen.queryByTestId('device-conflict-cam-1')).toBeNull();
  });

  it('shows a refused start as a notice', async () => {
    const { client, user } = setup();
    client.repair.start.mockRejectedValueOnce(new IpcError('conflict', 'a repair is already running'));
    await user.click(screen.getByTestId('device-repair'));
    expect(await screen.findByTestId('notice')).toHaveTextContent(
      'The repair did not start: a repair is already running',
    );
  });
});
