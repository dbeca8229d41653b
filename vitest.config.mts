import { defineConfig } from 'vitest/config';

// Three projects: pure shared code and the Electron-free core in Node; the renderer in jsdom.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', environment: 'node', include: ['shared/**/*.test.ts'] } },
      {
        test: {
          name: 'electron',
          environment: 'node',
          include: ['electron/**/*.test.ts'],
          // Integration tests open real sockets and ptys; keep them off each other's toes on 2 cores.
          fileParallelism: true,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['renderer/test/setup.ts'],
        },
      },
    ],
  },
});
