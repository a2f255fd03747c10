// `npm run dev`: the API with reload on change (port 8787) beside Vite's dev server for the
// web app (port 5173, proxying /api to the API). Ctrl+C stops both.
import { spawn, type ChildProcess } from 'node:child_process';

const children: ChildProcess[] = [
  spawn(process.execPath, ['--watch-path=api', '--watch-path=db', 'api/node.ts'], { stdio: 'inherit', env: process.env }),
  spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'dev', 'web'], { stdio: 'inherit', env: process.env }),
];

function stop(code = 0) {
  for (const c of children) c.kill('SIGTERM');
  process.exit(code);
}
for (const c of children) c.on('exit', (code) => stop(code ?? 0));
process.on('SIGINT', () => stop());
process.on('SIGTERM', () => stop());
