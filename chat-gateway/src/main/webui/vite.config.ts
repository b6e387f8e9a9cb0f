/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The build lands in the gateway's jar as static resources (served at /); the gateway serves
// app.html for the app's routes. No inline script or style: the CSP forbids both.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: process.env.Z3CHAT_WEBUI_OUT ?? '../../../target/classes/META-INF/resources',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    // app.html, not index.html: the static handler would serve an index.html at / with its
    // day-long immutable caching; the gateway serves app.html itself, never cached
    rollupOptions: { input: 'app.html' },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
