import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ErrorCode, errorCatalogue } from '../contracts/error-codes.ts';
import { createTestTrust, type TestTrust } from './testing/factories.ts';
import { Client, startTestApp, type TestApp } from './testing/test-app.ts';

/**
 * Security finding 4, as a property over the whole API: every route of the OpenAPI document,
 * called by a signed-in trust admin with control characters, wrong types and oversized text,
 * answers 4xx with an error code, never 5xx. Bounded: a fixed handful of calls per route.
 */
type Schema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minimum?: number;
  minItems?: number;
  minLength?: number;
  pattern?: string;
};
type Operation = {
  parameters?: { in: string; name: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};
type Text = (s: Schema) => string;

/** A value of the schema's shape whose free text comes from `text`. */
function sample(schema: Schema | undefined, text: Text, depth = 0): unknown {
  if (!schema || depth > 6) return null;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const options = schema.anyOf ?? schema.oneOf;
  if (options?.length) {
    return sample(options.find((o) => o.type !== 'null') ?? options[0], text, depth + 1);
  }
  if (schema.allOf?.length) return sample(schema.allOf[0], text, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return text(schema);
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () =>
        sample(schema.items, text, depth + 1),
      );
    default:
      if (!schema.properties) return {};
      return Object.fromEntries(
        Object.entries(schema.properties).map(([k, v]) => [k, sample(v, text, depth + 1)]),
      );
  }
}

/** Every value of the shape replaced by one of the wrong type. */
function wrongTypes(schema: Schema | undefined, depth = 0): unknown {
  if (!schema || depth > 6) return 12345;
  if (schema.properties) {
    return Object.fromEntries(
      Object.keys(schema.properties).map((k) => [k, wrongTypes(schema.properties?.[k], depth + 1)]),
    );
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'string') return 12345;
  if (type === 'array') return { not: 'a list' };
  if (type === 'boolean') return 'perhaps';
  return 'not a number';
}

const withFormat = (s: Schema, free: string) => {
  if (s.format === 'uuid') return crypto.randomUUID();
  if (s.format === 'email') return 'fuzz@example.test';
  if (s.format === 'date') return '2026-12-01';
  if (s.format === 'date-time') return '2026-12-01T09:00:00Z';
  return free;
};
const texts: Record<string, Text> = {
  control: (s) => `${withFormat(s, 'ok')}\u0000\u0007x`,
  oversized: (s) => withFormat(s, 'x'.repeat(20_000)),
  plain: (s) => withFormat(s, 'Fuzz text'),
};

describe('every route answers bad input with a 4xx, never a 5xx', () => {
  let t: TestApp;
  let a: TestTrust;
  let admin: Client;
  let operations: { method: string; path: string; op: Operation }[];

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTestTrust(t.db, 'fuzz-a');
    admin = new Client(t.baseUrl);
    await admin.signIn(a.email('trust_admin'));
    const doc = (await admin.get('/api/docs/json')).body as {
      paths: Record<string, Record<string, Operation>>;
    };
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
    );
  });
  afterAll(() => t?.close());

  function urlOf(path: string, op: Operation, text: Text, rawParam?: string) {
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (rawParam !== undefined) return rawParam;
      const param = op.parameters?.find((p) => p.in === 'path' && p.name === name);
      return encodeURIComponent(String(sample(param?.schema ?? { type: 'string' }, text)));
    });
    const query = (op.parameters ?? [])
      .filter((p) => p.in === 'query')
      .map((p) => `${p.name}=${encodeURIComponent(String(sample(p.schema, text)))}`);
    return query.length ? `${url}?${query.join('&')}` : url;
  }

  it('covers the API (positive control: the document lists well over a hundred routes)', () => {
    expect(operations.length).toBeGreaterThan(100);
  });

  it('answers control characters, wrong types, oversized text and mangled ids with 4xx', async () => {
    const failures: string[] = [];
    for (const { method, path, op } of operations) {
      // The sign-out route would end the session the rest of the sweep uses.
      if (path === '/api/auth/logout') continue;
      const bodySchema = op.requestBody?.content?.['application/json']?.schema;
      const variants: { name: string; url: string; body?: unknown }[] = [
        {
          name: 'control',
          url: urlOf(path, op, texts.control!),
          body: sample(bodySchema, texts.control!),
        },
        { name: 'wrong types', url: urlOf(path, op, texts.plain!), body: wrongTypes(bodySchema) },
        {
          name: 'oversized',
          url: urlOf(path, op, texts.oversized!),
          body: sample(bodySchema, texts.oversized!),
        },
        {
          name: 'NUL id',
          url: urlOf(path, op, texts.plain!, 'a%00b'),
          body: sample(bodySchema, texts.plain!),
        },
      ];
      for (const v of variants) {
        if (v.url === path && v.name === 'NUL id') continue;
        const sendsBody = method !== 'GET' && method !== 'DELETE' && bodySchema;
        const res = await admin.request(method, v.url, sendsBody ? v.body : undefined);
        const code: string | undefined = res.body?.error?.code;
        if (res.status >= 500 || (res.status >= 400 && !code)) {
          failures.push(
            `${method} ${path} (${v.name}): ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`,
          );
        } else if (code && errorCatalogue[code as ErrorCode]?.status !== res.status) {
          // One code, one status: the catalogue's, whichever route answers.
          failures.push(
            `${method} ${path} (${v.name}): ${code} came with ${res.status}, the catalogue says ${errorCatalogue[code as ErrorCode]?.status ?? 'nothing'}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('lists every error code, with its status and meaning, once in the OpenAPI document', async () => {
    const doc = (await admin.get('/api/docs/json')).body as {
      components: { schemas: Record<string, { enum?: string[]; description?: string }> };
    };
    const listed = doc.components.schemas.ErrorCode;
    expect(listed?.enum).toEqual(Object.keys(errorCatalogue));
    expect(listed?.description).toContain('`walk_rejected` (422)');
  });
});
