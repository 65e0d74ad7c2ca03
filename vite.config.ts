import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { precompress } from './build/precompress.ts';
import { prerender } from './build/prerender.ts';
import { serverRenderBundle } from './build/server-render.ts';

export default defineConfig({
  root: 'src/web',
  publicDir: 'public',
  build: { outDir: '../../dist/web', emptyOutDir: true },
  server: { proxy: { '/api': 'http://localhost:3000' } },
  plugins: [
    react(),
    VitePWA({
      registerType: 'autoUpdate',
      // Registered by the app itself (src/web/main.tsx): a page drawn before its scripts start
      // (build/first-paint.ts) asks for nothing else before its first paint (issue 22).
      injectRegister: false,
      includeAssets: ['icon.svg'],
      manifest: {
        name: 'Learning Walks',
        short_name: 'Walks',
        description: 'Plan, carry out and learn from learning walks — support, not surveillance.',
        lang: 'en-GB',
        start_url: '/',
        display: 'standalone',
        background_color: '#f7f7f2',
        theme_color: '#1f5f4a',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
      workbox: {
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//],
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // Take over the first page load, so a phone that opens a walk and then loses its
        // signal already has the app shell cached and served.
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
    prerender(),
    serverRenderBundle(),
    precompress(),
  ],
});
