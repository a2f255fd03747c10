import { exports } from 'cloudflare:workers';
import { expect, it } from 'vitest';

// The first requests of an isolate share one control-schema migration (createApp memoizes
// it): requests arriving together must all be answered, not hang on another request's I/O.
it('answers concurrent first requests of a fresh isolate', async () => {
  const responses = await Promise.all(
    Array.from({ length: 5 }, () => exports.default.fetch(new Request('https://tandem.test/api/v1/me'))),
  );
  expect(responses.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
  await Promise.all(responses.map((r) => r.arrayBuffer()));
});
