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
      routesDirectory: fromRoot('./client/routes'),
      generatedRouteTree: fromRoot('./client/routeTree.gen.ts'),
    }),
    react(),
  ],
  build: {
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
