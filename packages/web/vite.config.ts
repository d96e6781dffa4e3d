import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const server = process.env.COUNCIL_DEV_SERVER ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': server,
      '/collab': { target: server.replace(/^http/, 'ws'), ws: true },
    },
  },
  build: {
    sourcemap: true,
    chunkSizeWarningLimit: 800,
  },
});
