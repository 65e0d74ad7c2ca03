import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiFailure, api } from './api.ts';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const answer = (response: Response) => vi.stubGlobal('fetch', async () => response);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the API client', () => {
  const schema = z.object({ name: z.string() });

  it('returns an answer that matches its contract, as the server sent it', async () => {
    answer(json(200, { name: 'North' }));
    await expect(api('/api/x', { schema })).resolves.toEqual({ name: 'North' });
  });

  it('fails loudly in tests when an answer drifts from its contract, loaded or given', async () => {
    answer(json(200, { name: 7 }));
    await expect(api('/api/x', { schema })).rejects.toThrow(/does not match its contract/);
    answer(json(200, { name: 7 }));
    await expect(api('/api/x', { schema: async () => schema })).rejects.toThrow(
      /does not match its contract/,
    );
  });

  it("carries the server's code and message on a refusal", async () => {
    answer(json(409, { error: { code: 'clash', message: 'Room S1 is taken then.' } }));
    const failure = await api('/api/x', { schema }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiFailure);
    expect(failure).toMatchObject({
      status: 409,
      code: 'clash',
      message: 'Room S1 is taken then.',
    });
  });
});
