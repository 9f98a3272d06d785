/**
 * Vite config for the browser workbench. `npm run build` bundles src/web into dist/web, which the
 * ClusterLens server serves next to /api/v1. For development against a running server:
 *   CLUSTERLENS_API=http://127.0.0.1:<port> npx vite --config src/web/vite.config.ts
 * proxies /api to it.
 */
import { defineConfig } from 'vite';

const api = process.env.CLUSTERLENS_API;

export default defineConfig({
  // This folder, wherever Vite is started from; build.outDir is relative to it.
  root: import.meta.dirname,
  base: '/',
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: api ? { proxy: { '/api': { target: api, changeOrigin: true } } } : {},
});
