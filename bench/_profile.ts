import { Client, startTestApp } from '../src/server/testing/test-app.ts';
import { writeTrust } from '../src/server/demo/write-trust.ts';
import { hashPassword } from '../src/server/auth/passwords.ts';
import { bigSchool, timetableCsv } from './import.bench.ts';
const t = await startTestApp();
const written = await writeTrust(t.db, bigSchool(), await hashPassword('bench password 2026'));
const schoolId = written.schoolIds.get('Bench Academy')!;
const client = new Client(t.baseUrl);
await client.signIn('head@bench-school.test', 'bench password 2026');
for (const s of ['A', 'B', 'A']) {
  const body = { fileName: 't.csv', contentBase64: timetableCsv(s).toString('base64'), confirmRemovals: true };
  let t0 = performance.now();
  const p = await client.post(`/api/schools/${schoolId}/imports/timetable/preview`, body);
  console.log('preview', s, Math.round(performance.now() - t0), p.body.diff?.counts);
  t0 = performance.now();
  const res = await fetch(`${t.baseUrl}/api/schools/${schoolId}/imports/timetable/apply`, { method: 'POST', headers: { cookie: client.cookie!, 'x-csrf-token': client.csrfToken!, 'content-type': 'application/json', accept: 'application/x-ndjson' }, body: JSON.stringify(body) });
  const reader = res.body!.getReader(); const dec = new TextDecoder();
  for (;;) { const { value, done } = await reader.read(); if (done) break; for (const l of dec.decode(value).trim().split('\n')) { const j = JSON.parse(l); console.log(Math.round(performance.now() - t0), j.type, j.phase ?? j.status, j.message ?? ''); } }
}
await t.close();
