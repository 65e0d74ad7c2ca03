import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyJpeg, withExifGps } from '../../domain/records/testing.ts';
import { withTenant } from '../db/with-tenant.ts';
import { createTestTrust, type TestTrust } from '../testing/factories.ts';
import { Client, startTestApp, type TestApp } from '../testing/test-app.ts';
import { escalateOverdueSiteActions } from './site-actions.service.ts';

/**
 * Site walks (issue 14) through HTTP. Today is Monday 23 November 2026 (the test clock). The
 * fixture's North school has rooms S1 and S2 in Main; the teacher teaches Monday P1 (09:00–10:00)
 * in S1, which becomes a science lab; the observer (also a teacher) is the head of science.
 */
describe('site walks', () => {
  let t: TestApp;
  let a: TestTrust;
  let sbm: Client;
  let head: Client;
  let teacher: Client;
  let science: Client;
  let school: string;
  let general: string;
  let labs: string;
  let lab: string;
  let corridor: string;
  let playground: string;
  const MON = '2026-11-30';
  const person = (role: Parameters<TestTrust['email']>[0]) => a.person(a.email(role));
  const mailsTo = (to: string) =>
    withTenant(t.db, a.trustId, (tx) =>
      tx
        .selectFrom('mail_outbox')
        .select(['subject', 'text_body'])
        .where('to_address', '=', to)
        .orderBy('created_at')
        .execute(),
    );
  const deps = () => ({
    db: t.db,
    config: t.config,
    transport: null,
    now: t.clock.now,
    credentialConsole: () => {},
  });

  async function signedIn(email: string) {
    const c = new Client(t.baseUrl);
    await c.signIn(email);
    return c;
  }

  async function publishedChecklist(admin: Client, fromLibrary: string, name: string) {
    const created = await admin.post('/api/frameworks', {
      name,
      kind: 'health_and_safety',
      fromLibrary,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const published = await admin.post(
      `/api/frameworks/${created.body.framework.id}/draft/publish`,
    );
    expect(published.status).toBe(200);
    return {
      versionId: published.body.version.id as string,
      items: published.body.body.lenses.flatMap((l: { lookFors: { id: string }[] }) =>
        l.lookFors.map((f) => f.id),
      ) as string[],
    };
  }

  let generalItems: string[];
  let labItems: string[];

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTestTrust(t.db, 'site');
    school = a.school('North');
    const admin = await signedIn(a.email('trust_admin'));
    const g = await publishedChecklist(admin, 'health-and-safety', 'Site audit');
    const l = await publishedChecklist(admin, 'science-labs', 'Labs');
    general = g.versionId;
    generalItems = g.items;
    labs = l.versionId;
    labItems = l.items;
    sbm = await signedIn(a.email('site_manager'));
    head = await signedIn(a.email('school_leader'));
    teacher = await signedIn(a.email('teacher'));
    science = await signedIn(a.email('observer'));
    const estate = await sbm.get(`/api/schools/${school}/estate`);
    expect(estate.status).toBe(200);
    lab = estate.body.places.find((p: { name: string }) => p.name === 'S1').id;
    const kind = await sbm.request('PUT', `/api/schools/${school}/estate/${lab}`, {
      kind: 'science_lab',
    });
    expect(kind.status).toBe(200);
    expect(kind.body.place).toMatchObject({ kind: 'science_lab', teaching: true });
    const c = await sbm.post(`/api/schools/${school}/estate`, {
      name: 'Main corridor',
      building: 'Main',
      floor: 0,
      kind: 'corridor',
    });
    expect(c.status).toBe(201);
    expect(c.body.place.teaching).toBe(false);
    corridor = c.body.place.id;
    const p = await sbm.post(`/api/schools/${school}/estate`, {
      name: 'Top playground',
      building: 'Grounds',
      floor: 0,
      kind: 'playground',
    });
    playground = p.body.place.id;
  });
  afterAll(() => t?.close());

  const statement = 'To plan repairs and report to governors each term.';
  const plan = (over: Record<string, unknown> = {}) => ({
    date: MON,
    windowStart: '09:00',
    windowEnd: '10:00',
    leadId: person('site_manager'),
    checklistVersionId: general,
    howResultsUsed: statement,
    namesRooms: false,
    places: [
      { roomId: lab, checklistVersionId: labs, specialistId: person('observer') },
      { roomId: corridor },
      { roomId: playground },
    ],
    ...over,
  });

  async function publishedWalk(over: Record<string, unknown> = {}) {
    const created = await sbm.post(`/api/schools/${school}/site-walks`, plan(over));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const published = await sbm.post(`/api/site-walks/${created.body.siteWalk.id}/publish`);
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    return published.body as { siteWalk: { id: string }; teachersNoticed: number };
  }

  describe('planning: at most two people in any place', () => {
    it('plans a lab, a corridor and a playground with the head of science for the lab only', async () => {
      const created = await sbm.post(`/api/schools/${school}/site-walks`, plan());
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const w = created.body.siteWalk;
      expect(w.places.map((p: { name: string }) => p.name)).toEqual([
        'S1',
        'Main corridor',
        'Top playground',
      ]);
      expect(w.places[0].specialist.id).toBe(person('observer'));
      expect(w.places[0].checklist.versionId).toBe(labs);
      expect(w.places[1].specialist).toBeNull();
      expect(w.walkers.map((p: { id: string }) => p.id)).toEqual([person('site_manager')]);
    });

    it('refuses a specialist where two already walk, and a specialist beside a guest', async () => {
      const withCompanion = await sbm.post(
        `/api/schools/${school}/site-walks`,
        plan({ companionId: person('school_leader') }),
      );
      expect(withCompanion.status).toBe(422);
      expect(withCompanion.body.error.code).toBe('site_people_refused');
      expect(withCompanion.body.error.details).toEqual([
        expect.objectContaining({ code: 'too_many_in_place', placeId: lab, count: 3 }),
      ]);
      const withGuest = await sbm.post(
        `/api/schools/${school}/site-walks`,
        plan({ guests: [{ name: 'A. Officer', organisation: 'Fire service' }] }),
      );
      expect(withGuest.status).toBe(422);
      expect(withGuest.body.error.details[0].placeId).toBe(lab);
    });

    it('needs the business or site manager as the lead', async () => {
      const res = await head.post(
        `/api/schools/${school}/site-walks`,
        plan({ leadId: person('school_leader') }),
      );
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('not_a_site_lead');
      const teacherPlans = await teacher.post(`/api/schools/${school}/site-walks`, plan());
      expect(teacherPlans.status).toBe(403);
    });
  });

  it('tells the teacher in the lab, with the checklist link and the statement; no notice for the corridor', async () => {
    const before = (await mailsTo(a.email('teacher'))).length;
    const { siteWalk, teachersNoticed } = await publishedWalk();
    expect(teachersNoticed).toBe(1);
    const mails = (await mailsTo(a.email('teacher'))).slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text_body).toContain(`/site-walks/${siteWalk.id}/checklist`);
    expect(mails[0]!.text_body).toContain(statement);
    expect(mails[0]!.text_body).toContain('will not name individual rooms or teachers');
    expect(mails[0]!.text_body).toContain('S1 (Main) at about 09:00');
    const specialist = await mailsTo(a.email('observer'));
    expect(specialist.at(-1)!.subject).toMatch(/join a health-and-safety walk/);
    const checklist = await teacher.get(`/api/site-walks/${siteWalk.id}/checklist`);
    expect(checklist.status).toBe(200);
    expect(checklist.body.checklists.map((c: { name: string }) => c.name).sort()).toEqual([
      'Labs',
      'Site audit',
    ]);
    expect(checklist.body.walk.howResultsUsed).toBe(statement);
    // The teacher reads the checklist, not the walk and its findings.
    expect((await teacher.get(`/api/site-walks/${siteWalk.id}`)).status).toBe(403);
  });

  describe('a guest’s single-use link', () => {
    let walkId: string;
    let token: string;
    let otherWalk: string;
    beforeAll(async () => {
      const guestWalk = await publishedWalk({
        places: [{ roomId: corridor }, { roomId: playground }],
        guests: [{ name: 'Pat Inspector', organisation: 'Local authority' }],
      });
      walkId = guestWalk.siteWalk.id;
      otherWalk = (await publishedWalk({ places: [{ roomId: corridor }] })).siteWalk.id;
    });

    it('opens once, and records findings for its walk only', async () => {
      const detail = await sbm.get(`/api/site-walks/${walkId}`);
      const guestId = detail.body.siteWalk.guests[0].id;
      const link = await sbm.post(`/api/site-walks/${walkId}/guests/${guestId}/link`);
      expect(link.status).toBe(200);
      const anonymous = new Client(t.baseUrl);
      const opened = await anonymous.post('/api/site-guest/open', { link: link.body.url });
      expect(opened.status, JSON.stringify(opened.body)).toBe(200);
      token = opened.body.token;
      expect(opened.body.walkId).toBe(walkId);
      const again = await anonymous.post('/api/site-guest/open', { link: link.body.url });
      expect(again.status).toBe(401);
      expect(again.body.error.code).toBe('guest_link_invalid');

      const auth = { authorization: `Guest ${token}` };
      const findingId = crypto.randomUUID();
      const recorded = await anonymous.request(
        'PUT',
        `/api/site-guest/findings/${findingId}`,
        {
          walkId,
          placeId: playground,
          itemId: generalItems[0],
          outcome: 'needs_attention',
          likelihood: 2,
          severity: 3,
          notes: 'Gate latch loose.',
        },
        auth,
      );
      expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
      expect(recorded.body.finding).toMatchObject({ byGuest: true, band: 'medium' });
      const elsewhere = await anonymous.request(
        'PUT',
        `/api/site-guest/findings/${crypto.randomUUID()}`,
        { walkId: otherWalk, placeId: corridor, itemId: generalItems[0], outcome: 'satisfactory' },
        auth,
      );
      expect(elsewhere.status).toBe(404);
      const mine = await anonymous.request('GET', '/api/site-guest/walk', undefined, auth);
      expect(mine.status).toBe(200);
      expect(mine.body.findings.map((f: { id: string }) => f.id)).toEqual([findingId]);
      // The lead sees the guest's finding on the walk.
      const seen = await sbm.get(`/api/site-walks/${walkId}`);
      expect(seen.body.siteWalk.findings.some((f: { id: string }) => f.id === findingId)).toBe(
        true,
      );
    });

    it('opens nothing else: every other route answers 401, a forged token too', async () => {
      const auth = { authorization: `Guest ${token}` };
      const anonymous = new Client(t.baseUrl);
      for (const [method, path, body] of [
        ['GET', `/api/site-walks/${walkId}`, undefined],
        ['GET', `/api/site-walks/${walkId}/checklist`, undefined],
        ['GET', `/api/schools/${school}/estate`, undefined],
        ['GET', `/api/schools/${school}/site-actions`, undefined],
        ['GET', `/api/schools/${school}/site-report.csv`, undefined],
        ['GET', '/api/me', undefined],
        ['GET', '/api/schools', undefined],
        [
          'PUT',
          `/api/site-findings/${crypto.randomUUID()}`,
          { walkId, placeId: corridor, itemId: generalItems[0], outcome: 'satisfactory' },
        ],
        ['POST', `/api/site-walks/${walkId}/publish`, undefined],
      ] as const) {
        const res = await anonymous.request(method, path, body, auth);
        expect(res.status, `${method} ${path}`).toBe(401);
      }
      const forged = await anonymous.request('GET', '/api/site-guest/walk', undefined, {
        authorization: `Guest ${a.trustId}.${'x'.repeat(32)}`,
      });
      expect(forged.status).toBe(401);
      const none = await anonymous.get('/api/site-guest/walk');
      expect(none.status).toBe(401);
    });
  });

  describe('findings, the urgent alert and site actions', () => {
    let walkId: string;
    let criticalId: string;
    let actionId: string;
    const gas = () => labItems[3]!;

    beforeAll(async () => {
      walkId = (await publishedWalk()).siteWalk.id;
    });

    it('raises one urgent alert for a critical finding, even when it is resent', async () => {
      criticalId = crypto.randomUUID();
      const body = {
        walkId,
        placeId: lab,
        itemId: gas(),
        outcome: 'needs_attention',
        likelihood: 5,
        severity: 5,
        notes: 'Gas tap on bench 3 turns with no resistance; smell of gas.',
        makeSafe: true,
      };
      const headBefore = (await mailsTo(a.email('school_leader'))).length;
      const first = await sbm.request('PUT', `/api/site-findings/${criticalId}`, body);
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      expect(first.body).toMatchObject({ outcome: 'created', alertSent: true });
      expect(first.body.finding).toMatchObject({ band: 'critical', makeSafe: true });
      for (let i = 0; i < 2; i++) {
        const again = await sbm.request('PUT', `/api/site-findings/${criticalId}`, body);
        expect(again.status).toBe(200);
        expect(again.body).toMatchObject({ outcome: 'unchanged', alertSent: false });
      }
      // An edit of the note resends it changed: still no second alert.
      const edited = await sbm.request('PUT', `/api/site-findings/${criticalId}`, {
        ...body,
        notes: `${body.notes} Isolated at the valve.`,
      });
      expect(edited.body).toMatchObject({ outcome: 'updated', alertSent: false });
      const headMails = (await mailsTo(a.email('school_leader'))).slice(headBefore);
      expect(headMails.filter((m) => m.subject.startsWith('Urgent'))).toHaveLength(1);
      expect(headMails[0]!.subject).toBe('Urgent: make safe now at S1 (Main)');
      const managerMails = await mailsTo(a.email('site_manager'));
      expect(managerMails.filter((m) => m.subject.startsWith('Urgent'))).toHaveLength(1);
      const notices = await head.get('/api/me/notices');
      expect(
        notices.body.notices.filter((n: { kind: string }) => n.kind === 'site_urgent_alert'),
      ).toHaveLength(1);
    });

    it('lets the specialist record in the lab only, and refuses a bad record with nothing saved', async () => {
      const inLab = await science.request('PUT', `/api/site-findings/${crypto.randomUUID()}`, {
        walkId,
        placeId: lab,
        itemId: labItems[0],
        outcome: 'satisfactory',
      });
      expect(inLab.status).toBe(201);
      const corridorFinding = await science.request(
        'PUT',
        `/api/site-findings/${crypto.randomUUID()}`,
        { walkId, placeId: corridor, itemId: generalItems[0], outcome: 'satisfactory' },
      );
      expect(corridorFinding.status).toBe(422);
      expect(corridorFinding.body.error.code).toBe('place_not_on_walk');
      const noRisk = await sbm.request('PUT', `/api/site-findings/${crypto.randomUUID()}`, {
        walkId,
        placeId: corridor,
        itemId: generalItems[1],
        outcome: 'needs_attention',
      });
      expect(noRisk.status).toBe(422);
      expect(noRisk.body.error.code).toBe('risk_missing');
      const wrongItem = await sbm.request('PUT', `/api/site-findings/${crypto.randomUUID()}`, {
        walkId,
        placeId: corridor,
        itemId: labItems[0],
        outcome: 'satisfactory',
      });
      expect(wrongItem.body.error.code).toBe('item_not_on_checklist');
    });

    it('keeps photos of hazards only without camera data', async () => {
      const put = (bytes: Uint8Array) =>
        fetch(`${t.baseUrl}/api/site-findings/${criticalId}/photos/${crypto.randomUUID()}`, {
          method: 'PUT',
          headers: {
            'content-type': 'image/jpeg',
            cookie: sbm.cookie!,
            'x-csrf-token': sbm.csrfToken!,
          },
          body: Buffer.from(bytes),
        });
      const withGps = await put(withExifGps(tinyJpeg()));
      expect(withGps.status).toBe(422);
      expect((await withGps.json()).error.code).toBe('photo_has_metadata');
      expect((await put(tinyJpeg())).status).toBe(201);
    });

    it('turns the finding into an action, merges a later one, closes it with evidence and verifies it on the next walk', async () => {
      const raised = await sbm.post(`/api/site-findings/${criticalId}/action`, {
        ownerName: 'Acme Gas Services Ltd',
      });
      expect(raised.status, JSON.stringify(raised.body)).toBe(200);
      actionId = raised.body.action.id;
      // Critical: within 24 hours of today (Monday 23 November).
      expect(raised.body.action).toMatchObject({
        band: 'critical',
        targetDate: '2026-11-24',
        status: 'open',
        owner: { id: null, name: 'Acme Gas Services Ltd' },
      });

      // A second walk finds the same item at the same place: it joins the open action.
      const second = (await publishedWalk({ date: '2026-12-01' })).siteWalk.id;
      const later = crypto.randomUUID();
      await sbm.request('PUT', `/api/site-findings/${later}`, {
        walkId: second,
        placeId: lab,
        itemId: gas(),
        outcome: 'needs_attention',
        likelihood: 2,
        severity: 2,
      });
      const duplicate = await sbm.post(`/api/site-findings/${later}/action`, {
        ownerName: 'Acme',
      });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.error.details.actionId).toBe(actionId);
      const merged = await sbm.post(`/api/site-findings/${later}/action`, { mergeInto: actionId });
      expect(merged.status).toBe(200);
      expect(merged.body.action.findingIds).toEqual([criticalId, later]);
      expect(merged.body.action.band).toBe('critical');

      // The next walk of the lab shows the open action.
      const detail = await sbm.get(`/api/site-walks/${second}`);
      expect(detail.body.siteWalk.places[0].actions).toEqual([
        expect.objectContaining({ id: actionId, status: 'open' }),
      ]);

      const withoutEvidence = await sbm.post(`/api/site-actions/${actionId}/close`, {
        note: 'Valve replaced by the engineer.',
        photoId: crypto.randomUUID(),
      });
      expect(withoutEvidence.status).toBe(422);
      expect(withoutEvidence.body.error.code).toBe('site_action_refused');
      const photoId = crypto.randomUUID();
      const photo = await fetch(`${t.baseUrl}/api/site-actions/${actionId}/photos/${photoId}`, {
        method: 'PUT',
        headers: {
          'content-type': 'image/jpeg',
          cookie: sbm.cookie!,
          'x-csrf-token': sbm.csrfToken!,
        },
        body: Buffer.from(tinyJpeg()),
      });
      expect(photo.status).toBe(201);
      const closed = await sbm.post(`/api/site-actions/${actionId}/close`, {
        note: 'Valve replaced by the engineer.',
        photoId,
      });
      expect(closed.status, JSON.stringify(closed.body)).toBe(200);
      expect(closed.body.action).toMatchObject({ status: 'closed', closurePhotoId: photoId });

      // Verified on the next walk of the lab, once that walk has come.
      const next = (await publishedWalk({ date: '2026-12-07' })).siteWalk.id;
      const early = await sbm.post(`/api/site-actions/${actionId}/verify`, { walkId: next });
      expect(early.status).toBe(422);
      expect(early.body.error.code).toBe('site_action_refused');
      const shown = await sbm.get(`/api/site-walks/${next}`);
      expect(shown.body.siteWalk.places[0].actions).toEqual([
        expect.objectContaining({ id: actionId, status: 'closed' }),
      ]);
      const fortnight = 14 * 86_400_000;
      t.clock.advance(fortnight);
      const manager = await signedIn(a.email('site_manager'));
      const verified = await manager.post(`/api/site-actions/${actionId}/verify`, { walkId: next });
      t.clock.advance(-fortnight);
      expect(verified.status, JSON.stringify(verified.body)).toBe(200);
      expect(verified.body.action).toMatchObject({ status: 'verified', verifiedWalkId: next });
    });

    it('escalates an overdue action by mail: owner, then business manager, then head, each once', async () => {
      const f = crypto.randomUUID();
      await sbm.request('PUT', `/api/site-findings/${f}`, {
        walkId,
        placeId: corridor,
        itemId: generalItems[4],
        outcome: 'needs_attention',
        likelihood: 3,
        severity: 3,
        notes: 'Boxes stored on the escape route.',
      });
      const raised = await sbm.post(`/api/site-findings/${f}/action`, {
        ownerId: person('observer'),
        targetDate: '2026-11-20',
      });
      expect(raised.status, JSON.stringify(raised.body)).toBe(200);
      const id = raised.body.action.id;
      const overdue = (to: string) =>
        mailsTo(to).then((ms) => ms.filter((m) => m.subject.startsWith('Overdue site action')));
      const run = (day: string) =>
        escalateOverdueSiteActions(deps(), new Date(`${day}T08:00:00Z`), {
          trustIds: [a.trustId],
        });
      await run('2026-11-23');
      await run('2026-11-24');
      expect(await overdue(a.email('observer'))).toHaveLength(1);
      expect(await overdue(a.email('site_manager'))).toHaveLength(0);
      await run('2026-11-28');
      await run('2026-11-29');
      expect(await overdue(a.email('site_manager'))).toHaveLength(1);
      expect(await overdue(a.email('school_leader'))).toHaveLength(0);
      await run('2026-12-05');
      await run('2026-12-06');
      expect(await overdue(a.email('school_leader'))).toHaveLength(1);
      expect(await overdue(a.email('observer'))).toHaveLength(1);
      const action = await sbm.get(`/api/site-actions/${id}`);
      expect(action.body.action).toMatchObject({ escalation: 'head', overdue: true });
    });

    it('reports without naming a teacher, and names a teaching room only if the statement allowed', async () => {
      const dashboard = await head.get(`/api/schools/${school}/site-dashboard`);
      expect(dashboard.status).toBe(200);
      expect(dashboard.body.openActions.total).toBe(1);
      expect(dashboard.body.findingsByCategory.length).toBeGreaterThan(0);
      const res = await fetch(`${t.baseUrl}/api/schools/${school}/site-report.pdf`, {
        headers: { cookie: head.cookie! },
      });
      expect(res.status).toBe(200);
      const pdf = await getDocument({ data: new Uint8Array(await res.arrayBuffer()), verbosity: 0 })
        .promise;
      let text = '';
      for (let p = 1; p <= pdf.numPages; p++) {
        const content = await (await pdf.getPage(p)).getTextContent();
        text += `${content.items.map((i) => ('str' in i ? i.str : '')).join(' ')}\n`;
      }
      expect(text).toContain('Site safety audit report');
      expect(text).toContain('Main corridor');
      expect(text).toContain('A science lab in Main');
      for (const s of a.fixture.schools[0]!.staff) expect(text).not.toContain(s.fullName);
      expect(text).not.toMatch(/\bS1\b/);
      const csv = await fetch(`${t.baseUrl}/api/schools/${school}/site-report.csv`, {
        headers: { cookie: head.cookie! },
      });
      const csvText = await csv.text();
      expect(csvText).toContain('Acme Gas Services Ltd');
      expect(csvText).not.toMatch(/\bS1\b/);
      for (const s of a.fixture.schools[0]!.staff) expect(csvText).not.toContain(s.fullName);
      // The teacher has no site dashboard; the trust leader sees every school's.
      expect((await teacher.get(`/api/schools/${school}/site-dashboard`)).status).toBe(403);
      const leader = await signedIn(a.email('trust_leader'));
      const trust = await leader.get('/api/trust/site-dashboard');
      expect(trust.status).toBe(200);
      expect(trust.body.schools.find((s: { id: string }) => s.id === school).openActions).toBe(1);
    });

    it('feeds nothing into the teaching-and-learning insights', async () => {
      const { facts, cells } = await withTenant(t.db, a.trustId, async (tx) => ({
        facts: await tx
          .selectFrom('insights_walk_facts')
          .select(['counted'])
          .where('school_id', '=', school)
          .execute(),
        cells: await tx
          .selectFrom('insights_cells')
          .select('cell_id')
          .where('school_id', '=', school)
          .execute(),
      }));
      // The site walks have facts rows (kept by triggers on every walk) but none is counted.
      expect(facts.length).toBeGreaterThan(0);
      expect(facts.every((f) => f.counted === false)).toBe(true);
      expect(cells).toEqual([]);
      const insights = await head.get(`/api/schools/${school}/insights`);
      expect(insights.status).toBe(200);
      expect(JSON.stringify(insights.body)).not.toContain('Gas');
    });
  });

  it('lays a weekly inspection out over the calendar in advance, across closures and holidays', async () => {
    const res = await sbm.post(`/api/schools/${school}/site-schedules`, {
      title: 'Weekly playground check',
      cadence: 'weekly',
      weekday: 5,
      windowStart: '08:00',
      windowEnd: '08:30',
      leadId: person('site_manager'),
      checklistVersionId: general,
      roomIds: [playground],
      howResultsUsed: 'To keep the playground safe before children arrive.',
      namesRooms: true,
      startsOn: '2026-11-23',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // The spring half-term week has no walk; the INSET Friday moves to the Thursday.
    expect(res.body.skipped).toEqual([expect.stringContaining('Spring half term')]);
    // 4 in autumn (from 26 November), 11 in spring, 15 in summer.
    expect(res.body.walksCreated).toBe(30);
    const list = await sbm.get(`/api/schools/${school}/site-walks`);
    const scheduled = list.body.walks.filter((w: { scheduled: boolean }) => w.scheduled);
    expect(scheduled.map((w: { date: string }) => w.date)).toContain('2026-12-04');
    expect(scheduled.map((w: { date: string }) => w.date)).toContain('2026-11-26');
    expect(scheduled.map((w: { date: string }) => w.date)).not.toContain('2027-02-19');
    const schedules = await sbm.get(`/api/schools/${school}/site-schedules`);
    expect(schedules.body.schedules[0]).toMatchObject({
      title: 'Weekly playground check',
      next: '2026-11-26',
      due: 0,
      done: 0,
    });
    // The protocol report shows inspections done against the schedule too.
    const term = await withTenant(t.db, a.trustId, (tx) =>
      tx
        .selectFrom('school_terms')
        .select('term_id')
        .where('school_id', '=', school)
        .where('name', '=', 'Autumn 2026')
        .executeTakeFirstOrThrow(),
    );
    const report = await head.get(`/api/schools/${school}/protocol-report?termId=${term.term_id}`);
    expect(report.status).toBe(200);
    expect(report.body.siteInspections).toEqual([
      { schedule: 'Weekly playground check', due: 0, done: 0 },
    ]);

    // Seven weeks on, in the spring term: each term's report counts its own inspections only,
    // and the two add up to the schedule's whole count so far.
    t.clock.advance(52 * 24 * 3600 * 1000);
    // Sessions from seven weeks ago have ended: sign in again.
    sbm = await signedIn(a.email('site_manager'));
    head = await signedIn(a.email('school_leader'));
    const overall = (await sbm.get(`/api/schools/${school}/site-schedules`)).body.schedules[0];
    const spring = await withTenant(t.db, a.trustId, (tx) =>
      tx
        .selectFrom('school_terms')
        .select('term_id')
        .where('school_id', '=', school)
        .where('name', 'like', 'Spring%')
        .executeTakeFirstOrThrow(),
    );
    const inTerm = async (termId: string) =>
      (await head.get(`/api/schools/${school}/protocol-report?termId=${termId}`)).body
        .siteInspections[0];
    const autumnCount = await inTerm(term.term_id);
    const springCount = await inTerm(spring.term_id);
    expect(autumnCount).toEqual({ schedule: 'Weekly playground check', due: 4, done: 0 });
    expect(springCount.due).toBeGreaterThan(0);
    expect(autumnCount.due + springCount.due).toBe(overall.due);
  });
});
