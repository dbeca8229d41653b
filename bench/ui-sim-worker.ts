/**
 * The UI bench's 100 simulated cameras on a thread of their own (built to out/node/bench-ui-sims.mjs), so
 * that the figures measure the console — core, web host, renderer — and not the simulators sharing its
 * event loop, as a real installation's cameras would not. The bench talks to it by messages: drive every
 * head slowly (as another controller would), count moving heads, count position inquiries.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { MAX_SIM_CAMERAS, startSimulator, type SimulatedCamera, type Simulator } from '../electron/core/sim/simulator';

/** Bench → worker. */
export type SimWorkerRequest =
  | { id: number; op: 'drive-stopped' }
  | { id: number; op: 'moving' }
  | { id: number; op: 'reset-inquiries' }
  | { id: number; op: 'inquiries' }
  | { id: number; op: 'close' };

/** Worker → bench: `ready` once listening, then one answer per request. */
export type SimWorkerMessage = { type: 'ready'; ports: number[] } | { type: 'answer'; id: number; value: unknown };

async function main(count: number): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('ui-sim-worker: run as a worker thread');
  const sims: Simulator[] = [];
  for (let left = count; left > 0; left -= MAX_SIM_CAMERAS) {
    sims.push(await startSimulator({ cameras: Math.min(left, MAX_SIM_CAMERAS), host: '127.0.0.1' }));
  }
  const heads: SimulatedCamera[] = sims.flatMap((s) => s.cameras);
  const inquiries = heads.map(() => 0);
  heads.forEach((h, i) => {
    const answer = h.camera.answer.bind(h.camera);
    h.camera.answer = (inquiry) => {
      if (inquiry === 'pan-tilt-position') inquiries[i]!++;
      return answer(inquiry);
    };
  });
  port.on('message', (req: SimWorkerRequest) => {
    const reply = (value: unknown) =>
      port.postMessage({ type: 'answer', id: req.id, value } satisfies SimWorkerMessage);
    switch (req.op) {
      case 'drive-stopped':
        for (const h of heads) {
          if (!h.camera.snapshot().moving) {
            h.camera.apply({ kind: 'pan-tilt-drive', pan: 'right', tilt: 'stop', panSpeed: 1, tiltSpeed: 1 });
          }
        }
        return reply(null);
      case 'moving':
        return reply(heads.filter((h) => h.camera.snapshot().moving).length);
      case 'reset-inquiries':
        inquiries.fill(0);
        return reply(null);
      case 'inquiries':
        return reply([...inquiries]);
      case 'close':
        void Promise.all(sims.map((s) => s.close())).then(() => {
          reply(null);
          port.close();
        });
        return;
    }
  });
  port.postMessage({ type: 'ready', ports: heads.map((h) => h.port) } satisfies SimWorkerMessage);
}

void main(Number((workerData as { cameras?: number } | null)?.cameras ?? 100));
