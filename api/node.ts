// The self-hosted runtime: `npm start`, or `node api/node.ts`. The server itself is in
// node-server.ts; this entry first turns on Node's module compile cache, so every start after
// the first reuses the type-stripped and compiled code of the ~600 modules instead of parsing
// them again (`npm run bench -- foundation` shows both starts). NODE_COMPILE_CACHE chooses the
// folder (default: the OS temp folder); NODE_DISABLE_COMPILE_CACHE=1 turns it off.
import { enableCompileCache } from 'node:module';

enableCompileCache();
await import('./node-server.ts');
