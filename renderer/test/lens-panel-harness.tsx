/**
 * The lens panel as its tests see it: rendered in a Profiler (to count re-renders) with two cameras, the
 * rocker 200 × 40 px at the origin (centre 100, travel 100 px since the thumb has no size). Test files
 * using it also call `mockAnimationFrames()` and `mockPointerCapture()` (held-control-harness.ts).
 */
import { act, fireEvent, within } from '@testing-library/react';
import { Profiler } from 'react';
import { vi } from 'vitest';
import type { DeviceState } from '../../shared/model/device-status';
import { LensPanel } from '../src/features/lens/lens-panel';
import { createFakeClient, type FakeClient } from './fake-client';
import { makeDevice, makePosition } from './fixtures';
import { placeAtOrigin } from './held-control-harness';
import { createTestStore, renderWithApp } from './render-with-app';

export function setupLensPanel(
  options: { devices?: DeviceState[]; client?: FakeClient; language?: 'en' | 'zh-CN' } = {},
) {
  const client = options.client ?? createFakeClient();
  const onRender = vi.fn();
  const harness = renderWithApp(
    <Profiler id="lens" onRender={onRender}>
      <LensPanel />
    </Profiler>,
    { client, store: createTestStore(options.language) },
  );
  const devices = options.devices ?? [
    makeDevice('cam-1', { position: makePosition({ zoom: 0.25, zoomRatio: 4.24, iris: 10 / 13, irisF: 2.8 }) }),
    makeDevice('cam-2'),
  ];
  act(() => client.emit('devicesChanged', { type: 'init', items: devices }));
  const view = within(harness.container);
  const rocker = view.getByTestId('zoom-rocker');
  placeRocker(rocker);
  return { ...harness, view, rocker, onRender };
}

/** The rocker's box: 200 × 40 px at the origin. */
export const placeRocker = (rocker: HTMLElement): void => placeAtOrigin(rocker, 200, 40);

export const press = (el: HTMLElement, x = 100) =>
  fireEvent.pointerDown(el, { pointerId: 3, clientX: x, clientY: 20, button: 0, pointerType: 'mouse' });
export const move = (el: HTMLElement, x: number) =>
  fireEvent.pointerMove(el, { pointerId: 3, clientX: x, clientY: 20, pointerType: 'mouse' });

/** Lets resolved/rejected invoke promises reach the component. */
export async function settle(): Promise<void> {
  await act(async () => {
    await Promise.resolve();
    await Promise.resolve();
  });
}
