import type { SiteDashboard } from '../../contracts/site-walks.ts';
import { dayNumber, formatDate } from '../../domain/calendar/calendar.ts';
import { ageBucket, findingOutcomeLabels } from '../../domain/site-walks/actions.ts';
import type { AreaKind } from '../../domain/site-walks/areas.ts';
import { applyStatement } from '../../domain/site-walks/naming.ts';
import { riskBandLabels, riskBands } from '../../domain/site-walks/risk.ts';
import type { Tx } from '../db/with-tenant.ts';
import { withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { forbidden } from '../http/errors.ts';
import { banner, heading, paragraph, renderReport, table } from '../insights/pdf-layout.ts';
import { authorisedSchool } from '../kernel/school-access.ts';
import { listStaffNames } from '../kernel/school-people.ts';
import { localDate, todayIn } from '../kernel/school-time.ts';
import { decide } from '../policy/policy.ts';
import { schedulesIn } from './schedules.service.ts';
import { actionDto } from './site-actions.service.ts';
import * as q from './site-walks.queries.ts';

// Reports on site safety (issue 14): the school's dashboard, the trust's view across schools,
// a PDF for governors and a CSV of findings and actions. Places may be named; a teaching room is
// named only where the walk's statement said so; a teacher is never named (notes are cleaned of
// staff names). Site findings feed nothing in the teaching-and-learning insights.

async function dashboardIn(
  tx: Tx,
  deps: Pick<AppDeps, 'now'>,
  school: { school_id: string; name: string; time_zone: string },
): Promise<SiteDashboard> {
  const now = deps.now();
  const today = todayIn(school.time_zone, now);
  const actions = (await q.listActions(tx, school.school_id)).map((a) => actionDto(a, now));
  const open = actions.filter((a) => a.status === 'open' || a.status === 'in_progress');
  const byBandAndAge = riskBands.map((band) => {
    const row = { band, underAWeek: 0, oneToFourWeeks: 0, overFourWeeks: 0 };
    for (const a of open.filter((x) => x.band === band)) {
      const age = dayNumber(today) - dayNumber(localDate(new Date(a.createdAt), school.time_zone));
      const bucket = ageBucket(age);
      if (bucket === 'under_a_week') row.underAWeek++;
      else if (bucket === 'one_to_four_weeks') row.oneToFourWeeks++;
      else row.overFourWeeks++;
    }
    return row;
  });
  const findings = await q.findingsForReport(tx, school.school_id);
  const cells = new Map<string, { month: string; category: string; count: number }>();
  for (const f of findings) {
    if (f.outcome !== 'needs_attention') continue;
    const month = f.walk_date.slice(0, 7);
    const category = f.category ?? 'Other';
    const key = `${month}|${category}`;
    const cell = cells.get(key) ?? { month, category, count: 0 };
    cell.count++;
    cells.set(key, cell);
  }
  const schedules = await schedulesIn(tx, deps, school.school_id);
  return {
    school: { id: school.school_id, name: school.name },
    today,
    openActions: {
      total: open.length,
      overdue: open.filter((a) => a.overdue).length,
      byBandAndAge: byBandAndAge.reverse(),
    },
    findingsByCategory: [...cells.values()].sort(
      (a, b) => a.month.localeCompare(b.month) || a.category.localeCompare(b.category),
    ),
    inspections: schedules.map((s) => ({ schedule: s.title, due: s.due, done: s.done })),
    walksDone: await q.completedWalkCount(tx, school.school_id),
  };
}

export function siteDashboard(deps: AppDeps, auth: SignedIn, schoolId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const school = await authorisedSchool(tx, auth, schoolId, 'site.view', 'see site safety');
    return dashboardIn(tx, deps, school);
  });
}

export function trustSiteDashboard(deps: AppDeps, auth: SignedIn) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    if (
      decide(auth.actor, 'site.view_trust', { trustId: auth.actor.trustId, schoolId: null }) !==
      'allow'
    )
      throw forbidden('see site safety across the trust');
    const schools = await q.trustSchools(tx);
    const out = [];
    for (const s of schools) {
      const d = await dashboardIn(tx, deps, s);
      out.push({
        id: s.school_id,
        name: s.name,
        openActions: d.openActions.total,
        overdue: d.openActions.overdue,
        critical: d.openActions.byBandAndAge
          .filter((b) => b.band === 'critical')
          .reduce((n, b) => n + b.underAWeek + b.oneToFourWeeks + b.overFourWeeks, 0),
        inspectionsDue: d.inspections.reduce((n, i) => n + i.due, 0),
        inspectionsDone: d.inspections.reduce((n, i) => n + i.done, 0),
      });
    }
    return { schools: out };
  });
}

/** Findings and actions as the reports show them: the statement applied, no one named. */
async function reportRows(tx: Tx, deps: Pick<AppDeps, 'now'>, schoolId: string) {
  const staff = (await listStaffNames(tx, schoolId)).map((s) => ({ fullName: s.full_name }));
  const findings = await q.findingsForReport(tx, schoolId);
  const rows = findings.map((f) => {
    const [shown] = applyStatement(
      [
        {
          place: {
            name: f.room_name,
            building: f.building,
            floor: f.floor,
            kind: f.area_kind as AreaKind,
            teaching: f.teaching,
          },
          item: f.prompt ?? 'Checklist item',
          notes: f.notes,
        },
      ],
      { howResultsUsed: '', namesRooms: f.names_rooms },
      staff,
    );
    return {
      date: f.walk_date,
      place: shown!.place,
      category: f.category ?? 'Other',
      item: shown!.item,
      outcome: findingOutcomeLabels[f.outcome],
      band: f.band ? riskBandLabels[f.band] : '',
      makeSafe: f.make_safe,
      notes: shown!.notes,
      actionId: f.action_id,
    };
  });
  // An action's place is named as its latest finding's walk allowed.
  const placeOfAction = new Map(rows.filter((r) => r.actionId).map((r) => [r.actionId!, r.place]));
  const actions = (await q.listActions(tx, schoolId)).map((a) => {
    const dto = actionDto(a, deps.now());
    return {
      place: placeOfAction.get(a.action_id) ?? 'A place on the site',
      title: applyStatement(
        [
          {
            place: {
              name: a.room_name,
              building: a.building,
              floor: 0,
              kind: 'other',
              teaching: true,
            },
            item: '',
            notes: dto.title,
          },
        ],
        {
          howResultsUsed: '',
          namesRooms: placeOfAction.get(a.action_id)?.includes(a.room_name) ?? false,
        },
        staff,
      )[0]!.notes,
      category: dto.category,
      band: riskBandLabels[dto.band],
      status: dto.status,
      targetDate: dto.targetDate,
      overdue: dto.overdue,
      // Contractors are named as businesses; a member of staff as a role, never by name.
      owner: a.owner_id ? 'Site team' : a.owner_name,
      closedAt: dto.closedAt?.slice(0, 10) ?? '',
    };
  });
  return { rows, actions };
}

const csvCell = (v: string | number | boolean) => {
  const s = String(v);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function siteReportCsv(deps: AppDeps, auth: SignedIn, schoolId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const school = await authorisedSchool(tx, auth, schoolId, 'site.view', 'see site safety');
    const { rows, actions } = await reportRows(tx, deps, schoolId);
    const lines = [
      [
        'record',
        'date',
        'place',
        'category',
        'item or action',
        'outcome or status',
        'risk',
        'make safe now',
        'target date',
        'owner',
        'notes',
      ],
      ...rows.map((r) => [
        'finding',
        r.date,
        r.place,
        r.category,
        r.item,
        r.outcome,
        r.band,
        r.makeSafe ? 'yes' : 'no',
        '',
        '',
        r.notes,
      ]),
      ...actions.map((a) => [
        'action',
        a.closedAt,
        a.place,
        a.category,
        a.title,
        a.status,
        a.band,
        '',
        a.targetDate,
        a.owner,
        a.overdue ? 'overdue' : '',
      ]),
    ];
    return {
      name: school.name,
      csv: `${lines.map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`,
    };
  });
}

export function siteReportPdf(deps: AppDeps, auth: SignedIn, schoolId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const school = await authorisedSchool(tx, auth, schoolId, 'site.view', 'see site safety');
    const trust = await tx.selectFrom('trusts').select('name').executeTakeFirstOrThrow();
    const dashboard = await dashboardIn(tx, deps, school);
    const { rows, actions } = await reportRows(tx, deps, schoolId);
    const title = 'Site safety audit report';
    const pdf = await renderReport({ title, trustName: trust.name }, (doc) => {
      banner(doc, trust.name, title, [
        `${school.name} · ${formatDate(dashboard.today)}`,
        'For governors. Places are named; rooms only where staff were told they would be; no one is named.',
      ]);
      heading(doc, 'Open actions by risk');
      table(
        doc,
        [
          { header: 'Risk', width: 2 },
          { header: 'Under a week', width: 1, align: 'right' },
          { header: '1–4 weeks', width: 1, align: 'right' },
          { header: 'Over 4 weeks', width: 1, align: 'right' },
        ],
        dashboard.openActions.byBandAndAge.map((b) => [
          riskBandLabels[b.band],
          String(b.underAWeek),
          String(b.oneToFourWeeks),
          String(b.overFourWeeks),
        ]),
      );
      paragraph(
        doc,
        `${dashboard.openActions.total} open, ${dashboard.openActions.overdue} overdue.`,
        { muted: true },
      );
      heading(doc, 'Inspections against the schedule');
      if (dashboard.inspections.length === 0)
        paragraph(doc, 'No recurring inspections are scheduled.', { muted: true });
      else
        table(
          doc,
          [
            { header: 'Inspection', width: 3 },
            { header: 'Due so far', width: 1, align: 'right' },
            { header: 'Done', width: 1, align: 'right' },
          ],
          dashboard.inspections.map((i) => [i.schedule, String(i.due), String(i.done)]),
        );
      heading(doc, 'Findings that need attention');
      const needs = rows.filter((r) => r.outcome === findingOutcomeLabels.needs_attention);
      if (needs.length === 0) paragraph(doc, 'None recorded.', { muted: true });
      else
        table(
          doc,
          [
            { header: 'Date', width: 1.2 },
            { header: 'Place', width: 2 },
            { header: 'Item', width: 3 },
            { header: 'Risk', width: 1 },
          ],
          needs.map((r) => [r.date, r.place, r.item, r.band + (r.makeSafe ? ' (made safe)' : '')]),
        );
      heading(doc, 'Site actions');
      if (actions.length === 0) paragraph(doc, 'None.', { muted: true });
      else
        table(
          doc,
          [
            { header: 'Place', width: 2 },
            { header: 'Action', width: 3 },
            { header: 'Risk', width: 1 },
            { header: 'Status', width: 1.2 },
            { header: 'Target', width: 1.2 },
          ],
          actions.map((a) => [a.place, a.title, a.band, a.status.replace('_', ' '), a.targetDate]),
        );
    });
    return { name: school.name, pdf };
  });
}
