import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { tanstackRouter } from '@tanstack/router-plugin/vite';
import { VitePWA } from 'vite-plugin-pwa';
import { compression } from 'vite-plugin-compression2';
import { fileURLToPath } from 'node:url';

const fromRoot = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

const apiPort = Number(process.env.API_PORT ?? 3001);

export default defineConfig({
  root: 'client',
  // #server/…, #shared/… and #client/… come from tsconfig.json `paths`, the one place they are declared.
  resolve: { tsconfigPaths: true },
  plugins: [
    // Each route becomes its own chunk, so the login page does not download the dashboard's charts.
    tanstackRouter({
      target: 'react',
      autoCodeSplitting: true,
      // A route's loader travels with its component: what a loader imports (week helpers, the coach's access check)
      // is then fetched with the page that needs it, not by every first visit to /login.
      codeSplittingOptions: { defaultBehavior: [['loader', 'component'], ['errorComponent'], ['notFoundComponent']] },
      routesDirectory: fromRoot('./client/routes'),
      generatedRouteTree: fromRoot('./client/routeTree.gen.ts'),
    }),
    react(),
    // The service worker (dist/client/sw.js) and the manifest: Tandem on the home screen, and opening without a network.
    VitePWA({
      strategies: 'generateSW',
      // Registered by client/features/offline/register-worker.ts once someone is signed in: a visitor to /login
      // downloads neither the plugin's register script nor the whole app in the background.
      injectRegister: false,
      registerType: 'autoUpdate',
      filename: 'sw.js',
      manifestFilename: 'manifest.webmanifest',
      includeAssets: ['favicon.svg', 'icons/apple-touch-icon.png'],
      manifest: {
        id: '/',
        name: 'Tandem',
        short_name: 'Tandem',
        description: 'A weekly check-in on ten practices of emotional connection, for the two of you.',
        lang: 'en',
        start_url: '/dashboard',
        scope: '/',
        display: 'standalone',
        // --bg of client/styles.css: the splash screen and the bar above the app match the page.
        background_color: '#f7f4ef',
        theme_color: '#f7f4ef',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // The app shell only: the page, its scripts and styles, the icons. Never an API answer: nothing personal is
        // ever written to the worker's caches, so there is nothing of anyone's to clear there after a logout.
        globPatterns: ['**/*.{html,js,css,svg,png,webmanifest}'],
        // Pages come from the network as before; only when the network fails does the cached index.html open the
        // app, which then shows what it can offline. Addresses the server answers itself (the API, the calendar feed,
        // the unsubscribe pages of emails) are left to the browser.
        navigateFallback: null,
        runtimeCaching: [
          {
            urlPattern: ({ request, url }) =>
              request.mode === 'navigate' && !/^\/(trpc|healthz|calendar|email)(\/|$)/.test(url.pathname),
            handler: 'NetworkOnly',
            options: { precacheFallback: { fallbackURL: '/index.html' } },
          },
        ],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        // One file to serve with `Cache-Control: no-cache` instead of sw.js plus a workbox-<hash>.js beside it.
        inlineWorkboxRuntime: true,
        sourcemap: false,
      },
    }),
    // A Brotli (.br) and a gzip (.gz) copy beside every built script, style sheet, page and SVG of 1 KB or more, at
    // the highest levels: compressed once here instead of on every request. The originals stay for clients that ask
    // for neither; server/http/spa.ts picks the copy by Accept-Encoding. Smaller files gain less than a packet.
    compression({
      algorithms: ['brotliCompress', 'gzip'],
      threshold: 1024,
      deleteOriginalAssets: false,
      logLevel: 'silent',
    }),
  ],
  build: {
    // Every browser Tandem supports follows <link rel="modulepreload"> itself (Safari since 17); one that does not
    // still loads each file when it is imported, only without the head start. The polyfill cost every first visit.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        codeSplitting: {
          // What every form needs (the text field, its error, validation, starting a session, the "forgot your
          // password" line of the login and reset pages) and what those import (zod, the schemas) go in one file
          // rather than several small ones: fewer requests, and one file compresses better than its parts. The first
          // visit to /login measured 128.4 KB gzip with it, 130.3 KB without; with the forgot-password line left to a
          // file of its own, 131.0 KB, and 129.6 KB in this group.
          groups: [
            {
              name: 'forms',
              test: /client[\\/](components[\\/](text-field|form-error)|lib[\\/]validation|features[\\/](auth[\\/]use-session-start|email[\\/]forgot-password-help))\./,
            },
          ],
        },
      },
    },
    outDir: fromRoot('./dist/client'),
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    port: 5173,
    // In development the API runs separately (`npm run dev`); the browser still sees one origin.
    proxy: { '/trpc': `http://localhost:${apiPort}`, '/healthz': `http://localhost:${apiPort}` },
  },
});
