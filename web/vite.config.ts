import path from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = import.meta.dirname;
const repoRoot = path.resolve(webRoot, '..');

/** The web app: built into web/dist, which the server serves; `npm run dev:web` proxies the API. */
export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.join(webRoot, 'dist'),
    emptyOutDir: true,
    // The server's CSP allows data: images but no inline scripts or styles; nothing is inlined.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    port: 5173,
    // The app imports the zod schemas shared with the server from src/shared/.
    fs: { allow: [repoRoot] },
    proxy: { '/api': { target: process.env.HIGHBAR_API ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
