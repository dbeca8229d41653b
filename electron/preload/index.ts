/**
 * Preload (sandboxed, bundled to out/preload/index.cjs): exposes `window.ptz`, built from the contract,
 * and nothing else. Sandboxed preloads can only require 'electron'; everything else is bundled in.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildPtzApi } from './build-api';

contextBridge.exposeInMainWorld('ptz', buildPtzApi(ipcRenderer));
