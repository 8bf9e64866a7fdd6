import { defineConfig } from 'vite';

// The gateway embeds dist/ and serves index.html at `/` and the bundle under `/assets/*`.
// Everything must land in those two places: there is no public/ folder on purpose.
export default defineConfig({
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    target: 'es2022',
    // Small images would be inlined as data: URIs; the CSP allows data: only for img-src,
    // so keep every asset a real file under /assets/.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: true,
  },
});
