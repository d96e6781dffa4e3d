import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const server = process.env.COUNCIL_DEV_SERVER ?? 'http://127.0.0.1:3000';

/**
 * The files pdf.js fetches at run time, for PDFs whose fonts are not embedded (CMaps, the standard
 * fonts) and for JPEG 2000 images (a JavaScript decoder: the app's CSP allows no WebAssembly). The
 * CSP's connect-src and script-src are 'self', so they are served from the app's own origin under
 * /pdfjs/: copied into the build, and answered by the dev server. Only the listed folders are
 * exposed, file by file, so no request can reach anything else in node_modules.
 */
function pdfjsAssets(): Plugin {
  const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const wanted: Record<string, (name: string) => boolean> = {
    cmaps: (name) => name.endsWith('.bcmap') || name === 'LICENSE',
    standard_fonts: () => true,
    wasm: (name) => name === 'openjpeg_nowasm_fallback.js' || name === 'LICENSE_PDFJS_OPENJPEG',
  };
  const files = new Map<string, string>();
  for (const [dir, keep] of Object.entries(wanted)) {
    for (const name of fs.readdirSync(path.join(root, dir)).filter(keep)) {
      files.set(`pdfjs/${dir}/${name}`, path.join(root, dir, name));
    }
  }
  return {
    name: 'council-pdfjs-assets',
    configureServer(dev) {
      dev.middlewares.use((req, res, next) => {
        const file = files.get((req.url ?? '').split('?')[0]?.replace(/^\//, '') ?? '');
        if (!file) return next();
        res.setHeader('Content-Type', file.endsWith('.js') ? 'text/javascript' : 'application/octet-stream');
        fs.createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      for (const [fileName, file] of files) this.emitFile({ type: 'asset', fileName, source: fs.readFileSync(file) });
    },
  };
}

export default defineConfig({
  plugins: [react(), pdfjsAssets()],
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
