import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { tanstackRouter } from '@tanstack/router-plugin/vite';
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
  ],
  build: {
    // Every browser Tandem supports follows <link rel="modulepreload"> itself (Safari since 17); one that does not
    // still loads each file when it is imported, only without the head start. The polyfill cost every first visit.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        codeSplitting: {
          // What every form needs (the text field, its error, validation, starting a session) and what those import
          // (zod, the schemas) go in one file rather than six small ones: fewer requests, and one file compresses
          // better than its parts. The first visit to /login measured 128.4 KB gzip with it, 130.3 KB without.
          groups: [
            {
              name: 'forms',
              test: /client[\\/](components[\\/](text-field|form-error)|lib[\\/]validation|features[\\/]auth[\\/]use-session-start)\./,
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
