/**
 * Development: the API on API_PORT (3001) with a watch restart, and Vite with hot reload on 5173, which forwards
 * /trpc to the API so the browser sees one origin. Ctrl+C stops both. The API logs readable lines (LOG_FORMAT=pretty)
 * unless LOG_FORMAT says otherwise.
 */
import { spawn } from 'node:child_process';

const apiPort = process.env.API_PORT ?? '3001';
const children = [
  spawn(process.execPath, ['--import', 'tsx', '--watch', 'server/index.ts'], {
    stdio: 'inherit',
    // Readable lines at a terminal; JSON stays the default everywhere else (LOG_FORMAT set here wins).
    env: { LOG_FORMAT: 'pretty', ...process.env, PORT: apiPort, SERVE_CLIENT: '0' },
  }),
  spawn(process.execPath, ['node_modules/vite/bin/vite.js'], {
    stdio: 'inherit',
    env: { ...process.env, API_PORT: apiPort },
  }),
];

const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', (code) => code && code !== 0 && stop());
