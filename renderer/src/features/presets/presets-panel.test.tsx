import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { IpcError } from '../../../../shared/ipc/ipc-error';
import type { PresetRecord } from '../../../../shared/model/preset';
import { createFakeClient } from '../../../test/fake-client';
import { makeDevice } from '../../../test/fixtures';
import { renderWithApp } from '../../../test/render-with-app';
import { useStopAll, useStopAllHotkey } from '../safety/use-stop-all';
import { PresetsPanel } from './presets-panel';

const record = (number: number, name: string): PresetRecord => ({ number, name, savedAt: 1, position: null });

/** The panel next to the app's global STOP ALL key, as in the console. */
function Harness() {
  const stopAll = useStopAll();
  useStopAllHotkey(stopAll);
  return (
    <>
      <input aria-label="Elsewhere" />
      <PresetsPanel />
    </>
  );
}

function setup(presets: PresetRecord[] = [record(1, 'Pulpit'), record(2, 'Stage')]) {
  const client = createFakeClient();
  const harness = renderWithApp(<Harness />, { client });
  act(() =>
    client.emit('devicesChanged', {
      type: 'init',
      items: [makeDevice('cam-1', { name: 'Camera 1', presets }), makeDevice('cam-2', { name: 'Camera 2' })],
    }),
  );
  return { ...harness, user: userEvent.setup() };
}

const tile = (n: number) => screen.getByTestId(`preset-${n}`);
const dialog = () => screen.getByRole('dialog');
const inDialog = (name: string) => within(dialog()).getByRole('button', { name });

describe('PresetsPanel: grid', () => {
  it('shows 1–12 with saved names, empty slots marked empty, and labels each tile', () => {
    setup();
    expect(screen.getByTestId('presets')).toHaveAccessibleName('Presets');
    expect(screen.getAllByTestId(/^preset-\d+$/)).toHaveLength(12);
    expect(tile(2)).toHaveTextContent('2Stage');
    expect(tile(2)).toHaveAccessibleName('Recall preset 2, Stage');
    expect(tile(3)).toHaveTextContent('Empty');
    expect(tile(3)).toHaveAccessibleName('Recall preset 3 (empty)');
    expect(tile(2)).toHaveAttribute('aria-keyshortcuts', '2');
  });

  it('shows the whole range of the camera on request, and saved presets past 12 always', async () => {
    const { user } = setup([record(40, 'Far')]);
    expect(screen.getAllByTestId(/^preset-\d+$/)).toHaveLength(40);
    await user.click(screen.getByRole('button', { name: 'Show all (1–127)' }));
    expect(screen.getAllByTestId(/^preset-\d+$/)).toHaveLength(127);
    await user.click(screen.getByRole('button', { name: 'Show fewer' }));
    expect(screen.getAllByTestId(/^preset-\d+$/)).toHaveLength(40);
  });

  it('follows the selected camera, and says so when a camera has no presets', () => {
    const { client, store } = setup();
    act(() => store.getState().select('cam-2'));
    expect(tile(2)).toHaveTextContent('Empty');
    act(() =>
      client.emit('devicesChanged', {
        type: 'update',
        item: makeDevice('cam-2', { capabilities: { ...makeDevice('x').capabilities, presets: null } }),
      }),
    );
    expect(screen.getByTestId('presets-unsupported')).toHaveTextContent('This camera has no presets.');
    expect(screen.queryByTestId('preset-1')).toBeNull();
  });

  it('updates a name when the core reports it', () => {
    const { client } = setup();
    act(() =>
      client.emit('devicesChanged', {
        type: 'update',
        item: makeDevice('cam-1', { name: 'Camera 1', presets: [record(2, 'Stage left')] }),
      }),
    );
    expect(tile(2)).toHaveTextContent('Stage left');
    expect(tile(1)).toHaveTextContent('Empty');
  });
});

describe('PresetsPanel: recall', () => {
  it('a click or Enter recalls; the tile stays highlighted until the camera is driven', async () => {
    const { user, client } = setup();
    await user.click(tile(2));
    expect(client.presets.recall).toHaveBeenCalledWith({ deviceId: 'cam-1', preset: 2 });
    expect(tile(2)).toHaveAttribute('aria-current', 'true');

    tile(1).focus();
    await user.keyboard('{Enter}');
    expect(client.presets.recall).toHaveBeenLastCalledWith({ deviceId: 'cam-1', preset: 1 });
    expect(tile(1)).toHaveAttribute('aria-current', 'true');
    expect(tile(2)).not.toHaveAttribute('aria-current');

    act(() =>
      client.emit('devicesChanged', {
        type: 'update',
        item: makeDevice('cam-1', { name: 'Camera 1', moving: true, presets: [record(1, 'Pulpit')] }),
      }),
    );
    expect(tile(1)).not.toHaveAttribute('aria-current');
  });

  it('shows why a recall failed, inline, until dismissed', async () => {
    const { user, client } = setup();
    client.presets.recall.mockRejectedValueOnce(new IpcError('unsupported', 'Camera 1 has presets 1–127, not 200'));
    await user.click(tile(5));
    const alert = await screen.findByTestId('preset-error');
    expect(alert).toHaveAttribute('role', 'alert');
    expect(alert).toHaveTextContent('Preset 5 not recalled: Camera 1 has presets 1–127, not 200');
    expect(tile(5)).not.toHaveAttribute('aria-current');
    await user.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('preset-error')).toBeNull();
  });
});

describe('PresetsPanel: edit mode', () => {
  it('offers Save on every tile and Rename / Clear on saved ones', async () => {
    const { user } = setup();
    expect(screen.queryByTestId('preset-save-1')).toBeNull();
    const edit = screen.getByRole('button', { name: 'Edit presets' });
    await user.click(edit);
    expect(edit).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByTestId('preset-save-3')).toHaveAccessibleName('Save the current position to preset 3');
    expect(screen.getByTestId('preset-rename-2')).toHaveAccessibleName('Rename preset 2');
    expect(screen.getByTestId('preset-clear-2')).toHaveAccessibleName('Clear preset 2');
    expect(screen.queryByTestId('preset-rename-3')).toBeNull();
    expect(screen.queryByTestId('preset-clear-3')).toBeNull();
  });

  it('Save asks for a name (default "Preset N") and saves under it, then returns focus', async () => {
    const { user, client } = setup();
    await user.click(screen.getByTestId('presets-edit'));
    const save = screen.getByTestId('preset-save-3');
    await user.click(save);
    expect(dialog()).toHaveAccessibleName('Save preset 3 on Camera 1');
    const input = screen.getByRole('textbox', { name: 'Name' });
    expect(input).toHaveValue('Preset 3');
    expect(input).toHaveFocus();
    await user.clear(input);
    await user.type(input, '  Wide shot {Enter}');
    expect(client.presets.save).toHaveBeenCalledWith({ deviceId: 'cam-1', preset: 3, name: 'Wide shot' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(save).toHaveFocus();
  });

  it('refuses an empty name without calling the core', async () => {
    const { user, client } = setup();
    await user.click(screen.getByTestId('presets-edit'));
    await user.click(screen.getByTestId('preset-save-3'));
    await user.clear(screen.getByRole('textbox', { name: 'Name' }));
    await user.click(inDialog('Save'));
    expect(screen.getByTestId('preset-name-problem')).toHaveTextContent('Enter a name.');
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveAttribute('aria-invalid', 'true');
    expect(client.presets.save).not.toHaveBeenCalled();
  });

  it('asks before overwriting a saved preset; Cancel keeps it', async () => {
    const { user, client } = setup();
    await user.click(screen.getByTestId('presets-edit'));
    await user.click(screen.getByTestId('preset-save-2'));
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('Stage');
    await user.click(inDialog('Save'));
    expect(client.presets.save).not.toHaveBeenCalled();
    const confirm = screen.getByTestId('preset-confirm');
    expect(confirm).toHaveAccessibleName('Overwrite preset 2?');
    expect(confirm).toHaveTextContent('“Stage” on Camera 1 is replaced by the current position, saved as “Stage”.');
    await user.click(inDialog('Cancel'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(client.presets.save).not.toHaveBeenCalled();

    await user.click(screen.getByTestId('preset-save-2'));
    await user.clear(screen.getByRole('textbox', { name: 'Name' }));
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Stage wide{Enter}');
    await user.click(inDialog('Overwrite'));
    expect(client.presets.save).toHaveBeenCalledWith({ deviceId: 'cam-1', preset: 2, name: 'Stage wide' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('renames a saved preset', async () => {
    const { user, client } = setup();
    await user.click(screen.getByTestId('presets-edit'));
    await user.click(screen.getByTestId('preset-rename-2'));
    expect(dialog()).toHaveAccessibleName('Rename preset 2 on Camera 1');
    const input = screen.getByRole('textbox', { name: 'Name' });
    expect(input).toHaveValue('Stage');
    await user.clear(input);
    await user.type(input, 'Stage left');
    await user.click(inDialog('Rename'));
    expect(client.presets.rename).toHaveBeenCalledWith({ deviceId: 'cam-1', preset: 2, name: 'Stage left' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('clears only after a confirmation that has Cancel focused', async () => {
    const { user, client } = setup();
    await user.click(screen.getByTestId('presets-edit'));
    await user.click(screen.getByTestId('preset-clear-1'));
    const confirm = screen.getByTestId('preset-confirm');
    expect(confirm).toHaveAccessibleName('Clear preset 1?');
    expect(confirm).toHaveTextContent('“Pulpit” on Camera 1 is forgotten.');
    expect(inDialog('Cancel')).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(client.presets.clear).not.toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).toBeNull();

    await user.click(screen.getByTestId('preset-clear-1'));
    await user.click(inDialog('Clear'));
    expect(client.presets.clear).toHaveBeenCalledWith({ deviceId: 'cam-1', preset: 1 });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('keeps the dialog and the typed name when the core refuses, and says why', async () => {
    const { user, client } = setup();
    client.presets.save.mockRejectedValueOnce(new IpcError('device-offline', 'Camera 1 is offline'));
    await user.click(screen.getByTestId('presets-edit'));
    await user.click(screen.getByTestId('preset-save-4'));
    const input = screen.getByRole('textbox', { name: 'Name' });
    await user.clear(input);
    await user.type(input, 'Choir{Enter}');
    expect(await screen.findByTestId('preset-dialog-error')).toHaveTextContent(
      'Preset 4 not saved: Camera 1 is offline',
    );
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('Choir');

    await user.click(inDialog('Save')); // the second try succeeds
    expect(client.presets.save).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows a failed rename and a failed clear in their dialogs', async () => {
    const { user, client } = setup();
    client.presets.rename.mockRejectedValueOnce(new IpcError('not-found', 'Preset 2 was not saved from this console'));
    client.presets.clear.mockRejectedValueOnce(new IpcError('not-found', 'no device cam-1'));
    await user.click(screen.getByTestId('presets-edit'));
    await user.click(screen.getByTestId('preset-rename-2'));
    await user.click(inDialog('Rename'));
    expect(await screen.findByTestId('preset-dialog-error')).toHaveTextContent(
      'Preset 2 not renamed: Preset 2 was not saved from this console',
    );
    await user.click(inDialog('Cancel'));
    await user.click(screen.getByTestId('preset-clear-2'));
    await user.click(inDialog('Clear'));
    expect(await screen.findByTestId('preset-dialog-error')).toHaveTextContent('Preset 2 not cleared: no device cam-1');
  });
});

describe('PresetsPanel: hotkeys', () => {
  it('1–9 (top row or keypad) recall presets 1–9 of the selected camera', async () => {
    const { user, client, store } = setup();
    await user.keyboard('5');
    expect(client.presets.recall).toHaveBeenLastCalledWith({ deviceId: 'cam-1', preset: 5 });
    act(() => store.getState().select('cam-2'));
    fireEvent.keyDown(document.body, { key: '9', code: 'Numpad9' });
    expect(client.presets.recall).toHaveBeenLastCalledWith({ deviceId: 'cam-2', preset: 9 });
    expect(client.presets.recall).toHaveBeenCalledTimes(2);
  });

  it('ignores 0, key repeat, Shift/Alt chords and keys typed into a field', async () => {
    const { user, client } = setup();
    fireEvent.keyDown(document.body, { key: '0', code: 'Digit0' });
    fireEvent.keyDown(document.body, { key: '3', code: 'Digit3', repeat: true });
    fireEvent.keyDown(document.body, { key: '#', code: 'Digit3', shiftKey: true });
    fireEvent.keyDown(document.body, { key: '3', code: 'Digit3', altKey: true });
    await user.click(screen.getByRole('textbox', { name: 'Elsewhere' }));
    await user.keyboard('123');
    await user.keyboard('{Control>}4{/Control}');
    expect(screen.getByRole('textbox', { name: 'Elsewhere' })).toHaveValue('123');
    expect(client.presets.recall).not.toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('Ctrl+digit asks first; Enter confirms and saves', async () => {
    const { user, client } = setup();
    await user.keyboard('{Control>}3{/Control}');
    const confirm = screen.getByTestId('preset-confirm');
    expect(confirm).toHaveAccessibleName('Save preset 3?');
    expect(confirm).toHaveTextContent('The current position of Camera 1 is stored as preset 3, “Preset 3”.');
    expect(client.presets.save).not.toHaveBeenCalled();
    await user.keyboard('{Enter}');
    expect(client.presets.save).toHaveBeenCalledWith({ deviceId: 'cam-1', preset: 3, name: 'Preset 3' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('Ctrl+digit on a saved preset asks to overwrite it and keeps its name', async () => {
    const { user, client } = setup();
    await user.keyboard('{Control>}2{/Control}');
    expect(screen.getByTestId('preset-confirm')).toHaveAccessibleName('Overwrite preset 2?');
    await user.click(inDialog('Overwrite'));
    expect(client.presets.save).toHaveBeenCalledWith({ deviceId: 'cam-1', preset: 2, name: 'Stage' });
  });

  it('Escape cancels the confirmation and is still STOP ALL; digits do nothing while it is open', async () => {
    const { user, client } = setup();
    await user.keyboard('{Control>}3{/Control}');
    await user.keyboard('4');
    expect(client.presets.recall).not.toHaveBeenCalled();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(client.motion.stopAll).toHaveBeenCalledTimes(1);
    expect(client.presets.save).not.toHaveBeenCalled();
    await user.keyboard('4'); // closed: digits recall again
    expect(client.presets.recall).toHaveBeenCalledWith({ deviceId: 'cam-1', preset: 4 });
  });

  it('reports a failed hotkey recall inline', async () => {
    const { user, client } = setup();
    client.presets.recall.mockRejectedValueOnce(new IpcError('device-offline', 'Camera 1 is offline'));
    await user.keyboard('7');
    expect(await screen.findByTestId('preset-error')).toHaveTextContent('Preset 7 not recalled: Camera 1 is offline');
  });
});

describe('PresetsPanel: re-teach a replaced camera', () => {
  const placed = (number: number, name: string): PresetRecord => ({
    number,
    name,
    savedAt: 1,
    position: { pan: 0.5, tilt: 0.5, zoom: 0, panDeg: 0, tiltDeg: 0, zoomRatio: 1 },
  });

  it('offers it in edit mode when the PC keeps positions; confirms, runs, and lists what was stored', async () => {
    const { user, client } = setup([placed(2, 'Stage'), record(3, 'Blind'), placed(1, 'Pulpit')]);
    expect(screen.queryByTestId('presets-reteach')).toBeNull();
    await user.click(screen.getByTestId('presets-edit'));
    await user.click(screen.getByTestId('presets-reteach'));
    expect(dialog()).toHaveTextContent('Teach Camera 1 its presets?');
    expect(dialog()).toHaveTextContent('each of the 2 presets kept on this PC (1, 2)');
    expect(dialog()).toHaveTextContent('left out: 3.');
    // Nothing moves before the operator confirms.
    expect(client.presets.reteach).not.toHaveBeenCalled();
    client.presets.reteach.mockResolvedValue({ taught: [1, 2], skipped: [3] });
    await user.click(inDialog('Move and store'));
    expect(client.presets.reteach).toHaveBeenCalledWith({ deviceId: 'cam-1' });
    expect(await screen.findByTestId('presets-reteach-done')).toHaveTextContent('Stored in the camera: 1, 2.');
    await user.click(inDialog('Dismiss'));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows why it stopped, and is not offered without saved positions', async () => {
    const { user, client } = setup([placed(1, 'Pulpit')]);
    await user.click(screen.getByTestId('presets-edit'));
    await user.click(screen.getByTestId('presets-reteach'));
    client.presets.reteach.mockRejectedValue(
      new IpcError('conflict', 'Camera 1 was stopped (stop-all): re-teaching ended'),
    );
    await user.click(inDialog('Move and store'));
    expect(await screen.findByTestId('presets-reteach-error')).toHaveTextContent(
      'Re-teaching stopped: Camera 1 was stopped (stop-all): re-teaching ended',
    );
    await user.click(inDialog('Cancel'));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('is not offered when no preset has a saved position', async () => {
    const { user } = setup([record(4, 'No position')]);
    await user.click(screen.getByTestId('presets-edit'));
    expect(screen.getByTestId('presets-edit')).toHaveAttribute('aria-pressed', 'true');
    expect(screen.queryByTestId('presets-reteach')).toBeNull();
  });
});
