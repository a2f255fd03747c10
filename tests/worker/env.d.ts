// Types the Worker tests' `exports.default` (cloudflare:workers) as api/worker.ts's handler.
import type * as worker from '../../api/worker.ts';

declare global {
  namespace Cloudflare {
    interface GlobalProps {
      mainModule: typeof worker;
    }
  }
}
