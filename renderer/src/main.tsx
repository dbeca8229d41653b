/** Entry point: pick the bridge (Electron preload or the web host's WebSocket) and mount the console. */
import './styles.css';
import { z } from 'zod';
import { createPtzClient } from './ipc/ptz-client';
import { mountApp } from './mount-app';

// zod compiles fast parsers with `new Function`; our CSP forbids eval, and even zod's guarded probe would
// be reported as a CSP violation. Plain interpretation is fast enough for IPC payloads.
z.config({ jitless: true });

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
mountApp(container, createPtzClient());
