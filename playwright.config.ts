import { defineConfig } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

// End-to-end specs drive the real renderer against the real core. Here that is Debian's Chromium through
// the web host (nothing is downloaded); where an Electron binary exists the same specs also run through
// Playwright's Electron launcher (project `electron`).
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function electronBinary(): string | null {
  try {
    const dir = path.join(import.meta.dirname, 'node_modules/electron');
    const exe = path.join(dir, 'dist', readFileSync(path.join(dir, 'path.txt'), 'utf8'));
    return existsSync(exe) ? exe : null;
  } catch {
    return null;
  }
}

const electron = electronBinary();

const chromiumUse = {
  browserName: 'chromium' as const,
  launchOptions: {
    executablePath: chromium,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      // Without these Chromium keeps dialling out, and this network refuses it.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  },
};

export default defineConfig({
  testDir: 'e2e/specs',
  outputDir: 'out/test-results/e2e-artifacts',
  // One worker: each spec runs a core and simulated cameras; 2 cores are better spent not contending.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  reporter: 'list',
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium-web',
      use: chromiumUse,
      metadata: { bridge: 'web' },
    },
    // The Electron project opens the app itself; the Chromium settings only serve Playwright's unused `page`.
    ...(electron
      ? [{ name: 'electron', use: chromiumUse, metadata: { bridge: 'electron', executable: electron } }]
      : []),
  ],
});
