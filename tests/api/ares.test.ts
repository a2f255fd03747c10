import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARES_UNAVAILABLE } from '../../api/domain/ares/lookup-ares.ts';
import { aresSubject, startAresFake, unusedBaseUrl, type AresFake } from '../support/ares-fake.ts';
import { call, createHarness, errorOf, json, signUp, type Harness, type SignedUp } from './support.ts';

let h: Harness;
let fake: AresFake;
let alice: SignedUp;
let bob: SignedUp;

beforeAll(async () => {
  h = createHarness();
  fake = await startAresFake();
  h.platform.config.aresBaseUrl = fake.url;
  alice = await signUp(h.app);
  bob = await signUp(h.app);
});
afterAll(async () => {
  await fake.close();
  h.close();
});

const lookup = (ico: string, who: SignedUp = alice) => call(h.app, 'GET', `/w/${who.workspace.slug}/ares/${encodeURIComponent(ico)}`, undefined, { cookie: who.cookie });

describe('GET /w/:ws/ares/:ico', () => {
  it('maps the registry subject to company fields', async () => {
    const res = await lookup('12345679');
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      regNo: '12345679',
      name: 'Ukázková Obchodní s.r.o.',
      vatNo: 'CZ12345679',
      address: { street: 'Ukázková 1234/5a', city: 'Praha 5', postalCode: '150 00' },
      country: 'CZ',
      legalForm: '112',
      legalFormName: 'Společnost s ručením omezeným',
      founded: '2015-03-02',
      dissolved: null,
    });
    const last = fake.requests[fake.requests.length - 1]!;
    expect(last.path).toBe('/ekonomicke-subjekty-v-be/rest/ekonomicke-subjekty/12345679');
    expect(last.accept).toBe('application/json');
  });

  it('builds addresses without a street name, outside Prague, and with a leading-zero PSČ', async () => {
    fake.answer('45274649', {
      status: 200,
      body: {
        ico: '45274649',
        obchodniJmeno: 'Vesnická a.s.',
        sidlo: { kodStatu: 'CZ', nazevObce: 'Lhota', nazevCastiObce: 'Dolní Lhota', cisloDomovni: 12, psc: 25401 },
        pravniForma: '121',
        datumVzniku: '1992-05-06',
        datumZaniku: '2020-01-31',
      },
    });
    expect(await json(await lookup('45274649'))).toEqual({
      regNo: '45274649',
      name: 'Vesnická a.s.',
      vatNo: null,
      address: { street: 'Dolní Lhota 12', city: 'Lhota', postalCode: '254 01' },
      country: 'CZ',
      legalForm: '121',
      legalFormName: 'Akciová společnost',
      founded: '1992-05-06',
      dissolved: '2020-01-31',
    });
  });

  it('accepts an IČO typed with spaces', async () => {
    const res = await lookup('123 456 79');
    expect(res.status).toBe(200);
    expect((await json<{ name: string }>(res)).name).toBe(aresSubject['obchodniJmeno']);
  });

  it('answers 400 with fields.ico for a malformed or wrong-checksum IČO without calling ARES', async () => {
    const before = fake.requests.length;
    for (const ico of ['12345678', '1234567', 'abc', '123456789']) {
      const res = await lookup(ico);
      expect(res.status, ico).toBe(400);
      const error = await errorOf(res);
      expect(error.code).toBe('validation_failed');
      expect(error.fields?.['ico']).toBe('IČO must be 8 digits with a valid check digit.');
    }
    expect(fake.requests.length).toBe(before);
  });

  it('answers 404 with a clear message when ARES does not know the IČO', async () => {
    const res = await lookup('27082440');
    expect(res.status).toBe(404);
    const error = await errorOf(res);
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('27082440');
    expect(error.message).toContain('ARES');
  });

  it('answers 503 unavailable when ARES rejects the request (400) or fails (500) or sends garbage', async () => {
    fake.answer('26168685', { status: 400, body: { kod: 'CHYBA_VSTUPU', subKod: 'VSTUP_NEVALIDNI_FORMAT_ICO' } });
    fake.answer('00177041', { status: 500, body: { kod: 'OBECNA_CHYBA' } });
    fake.answer('45274649', { status: 200, raw: '<html>maintenance</html>' });
    for (const ico of ['26168685', '00177041', '45274649']) {
      const res = await lookup(ico);
      expect(res.status, ico).toBe(503);
      expect(await errorOf(res)).toEqual({ code: 'unavailable', message: ARES_UNAVAILABLE, requestId: expect.any(String) });
    }
  });

  it('answers 503 when ARES is down (connection refused)', async () => {
    h.platform.config.aresBaseUrl = await unusedBaseUrl();
    try {
      const res = await lookup('12345679');
      expect(res.status).toBe(503);
      expect((await errorOf(res)).message).toBe(ARES_UNAVAILABLE);
      expect(h.logs.some((l) => l.message === 'ares unreachable')).toBe(true);
    } finally {
      h.platform.config.aresBaseUrl = fake.url;
    }
  });

  it('gives up after 5 seconds when ARES hangs', async () => {
    fake.answer('26168685', 'hang');
    const started = Date.now();
    const res = await lookup('26168685');
    const waited = Date.now() - started;
    expect(res.status).toBe(503);
    expect((await errorOf(res)).code).toBe('unavailable');
    expect(waited).toBeGreaterThanOrEqual(4900);
    expect(waited).toBeLessThan(9000);
  }, 15_000);

  it('needs a session and membership of the workspace', async () => {
    expect((await call(h.app, 'GET', `/w/${alice.workspace.slug}/ares/12345679`)).status).toBe(401);
    const res = await call(h.app, 'GET', `/w/${alice.workspace.slug}/ares/12345679`, undefined, { cookie: bob.cookie });
    expect(res.status).toBe(404);
    expect(await lookup('12345679', bob).then((r) => r.status)).toBe(200);
  });
});
