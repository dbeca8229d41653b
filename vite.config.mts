import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer: built once, served by Electron's app:// protocol and by the web host alike.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../out/renderer', emptyOutDir: true, sourcemap: true, target: 'es2022' },
});
