import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTrust, createTestWalk, type TestTrust } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';

/**
 * Rules 2, 6 and 7 over HTTP: the examples are refused with 422 wherever text enters
 * (a trust framework's publication, a school's own look-for, a school's focus), and each
 * refusal names the words in `details` with a suggested rewrite about pupils.
 */
const evaluative: [prompt: string, phrase: string][] = [
  ['Teacher uses effective questioning', 'Teacher'],
  ['The teacher manages behaviour effectively', 'The teacher'],
  ['Quality of instruction: strong, adequate or weak', 'strong, adequate or weak'],
  ['Overall judgement of the lesson', 'Overall judgement of the lesson'],
  ['How well does the class teacher differentiate?', 'the class teacher'],
  ['The lesson was well planned', 'The lesson was well planned'],
  ['Teacher has high expectations', 'Teacher'],
];
const aboutTeacher: [prompt: string, phrase: string][] = [
  ['How does your maths teacher help you?', 'your maths teacher'],
  ['Does the adult at the front explain things well?', 'the adult'],
  ['Would you give this lesson a thumbs up or down?', 'this lesson a thumbs up'],
];
const singlingOut: [title: string, phrase: string][] = [
  ['Whether the NQT in room M4 is coping', 'NQT'],
  ["The new maths teacher's behaviour management", "The new maths teacher's"],
  ['Teacher performance for appraisal', 'appraisal'],
];

type Detail = { code: string; prompt?: string; phrase?: string; suggestion?: string };

describe('protocol text checks over HTTP (rules 2, 6 and 7)', () => {
  let t: TestApp;
  let a: TestTrust;
  let leader: Client;
  let head: Client;
  let versionId: string;
  let lookForId: string;
  const school = () => a.school('North');

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTestTrust(t.db, 'text-a');
    leader = new Client(t.baseUrl);
    await leader.signIn(a.email('trust_leader'));
    head = new Client(t.baseUrl);
    await head.signIn(a.email('school_leader'));
    const created = await leader.post('/api/frameworks', { name: 'Reading', kind: 'learning' });
    const id = created.body.framework.id as string;
    await leader.request('PUT', `/api/frameworks/${id}/draft`, {
      name: 'Reading',
      description: '',
      lenses: [
        {
          key: 'reading',
          name: 'Reading',
          lookFors: [{ key: 'aloud', prompt: 'Pupils read aloud', answerKind: 'prevalence' }],
        },
      ],
    });
    const published = await leader.post(`/api/frameworks/${id}/draft/publish`);
    expect(published.status).toBe(200);
    versionId = published.body.version.id;
    lookForId = published.body.body.lenses[0].lookFors[0].id;
  });
  afterAll(() => t?.close());

  it('refuses to publish a framework of evaluative prompts and questions about a teacher, naming each', async () => {
    const created = await leader.post('/api/frameworks', { name: 'Judging', kind: 'learning' });
    const id = created.body.framework.id as string;
    const saved = await leader.request('PUT', `/api/frameworks/${id}/draft`, {
      name: 'Judging',
      description: '',
      lenses: [
        {
          key: 'teaching',
          name: 'Teaching',
          lookFors: [
            ...evaluative.map(([prompt], i) => ({
              key: `e${i}`,
              prompt,
              answerKind: 'prevalence',
            })),
            ...aboutTeacher.map(([prompt], i) => ({
              key: `v${i}`,
              prompt,
              answerKind: 'note',
              audience: 'pupils',
            })),
          ],
        },
      ],
    });
    expect(saved.status).toBe(200);
    const refused = await leader.post(`/api/frameworks/${id}/draft/publish`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('framework_rejected');
    const details = refused.body.error.details as Detail[];
    for (const [prompt, phrase] of evaluative) {
      expect(details, prompt).toContainEqual(
        expect.objectContaining({ code: 'teacher_evaluation', prompt, phrase }),
      );
    }
    for (const [prompt, phrase] of aboutTeacher) {
      expect(details, prompt).toContainEqual(
        expect.objectContaining({ code: 'student_voice_about_teacher', prompt, phrase }),
      );
    }
    expect(details.every((d) => d.suggestion?.startsWith('Try: “'))).toBe(true);
    const version = await leader.get(`/api/frameworks/${id}/versions/1`);
    expect(version.body.version.status).toBe('draft');
  });

  it.each(evaluative)(
    "refuses the school's own look-for %j (422), naming %j",
    async (prompt, phrase) => {
      const res = await head.post(`/api/schools/${school()}/look-fors`, {
        prompt,
        answerKind: 'prevalence',
        lensName: 'Teaching',
      });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('look_for_rejected');
      expect(res.body.error.details).toContainEqual(
        expect.objectContaining({ code: 'teacher_evaluation', phrase }),
      );
    },
  );

  it.each(aboutTeacher)(
    "refuses the school's own student-voice prompt %j, naming %j",
    async (prompt, phrase) => {
      const res = await head.post(`/api/schools/${school()}/look-fors`, {
        prompt,
        answerKind: 'note',
        audience: 'pupils',
      });
      expect(res.status).toBe(422);
      expect(res.body.error.details).toContainEqual(
        expect.objectContaining({ code: 'student_voice_about_teacher', phrase }),
      );
    },
  );

  it('accepts legitimate look-fors and questions about pupils', async () => {
    for (const [prompt, audience] of [
      ['Pupils explain their reasoning using subject vocabulary', 'observer'],
      ['Working walls support independent learning', 'observer'],
      ['What do you do when you are stuck?', 'pupils'],
    ] as const) {
      const res = await head.post(`/api/schools/${school()}/look-fors`, {
        prompt,
        answerKind: audience === 'pupils' ? 'note' : 'seen',
        audience,
      });
      expect(res.status, prompt).toBe(201);
    }
  });

  it.each(singlingOut)('refuses a focus titled %j, naming %j', async (title, phrase) => {
    const res = await head.post(`/api/schools/${school()}/foci`, {
      title,
      purpose: 'To see how pupils settle to work and follow routines.',
      versionId,
      lookForIds: [lookForId],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('focus_rejected');
    expect(res.body.error.details).toContainEqual(
      expect.objectContaining({ code: 'focus_about_individual', path: 'title', phrase }),
    );
  });

  it.each(evaluative)('refuses a focus purpose %j, naming %j', async (purpose, phrase) => {
    const res = await head.post(`/api/schools/${school()}/foci`, {
      title: 'Behaviour for learning',
      purpose,
      versionId,
      lookForIds: [lookForId],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toContainEqual(
      expect.objectContaining({ code: 'teacher_evaluation', path: 'purpose', phrase }),
    );
  });

  it("refuses a focus naming a member of staff from the school's list", async () => {
    const res = await head.post(`/api/schools/${school()}/foci`, {
      title: 'Reading',
      purpose: `To see how pupils read in ${a.fixture.schools[0]!.staff[0]!.fullName.split(' ')[0]}'s lessons.`,
      versionId,
      lookForIds: [lookForId],
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details[0]).toMatchObject({ code: 'names_individual', path: 'purpose' });
  });

  it('keeps a focus while a walk records against it', async () => {
    const walk = await createTestWalk(t.db, a);
    const res = await head.request('DELETE', `/api/schools/${school()}/foci/${walk.focusId}`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('focus_in_use');
    const foci = await head.get(`/api/schools/${school()}/foci`);
    expect(foci.body.foci.map((f: { id: string }) => f.id)).toContain(walk.focusId);
  });
});
