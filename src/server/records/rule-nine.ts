import type { RuleNineSpanDto } from '../../contracts/records.ts';
import {
  createChecker,
  type NeutralLanguageChecker,
} from '../../domain/neutral-language/checker.ts';
import { checkRecordForHandIn } from '../../domain/neutral-language/hand-in.ts';
import { canonicalBody, type RecordBody } from '../../domain/records/body.ts';
import type { Tx } from '../db/with-tenant.ts';
import { AppError } from '../http/errors.ts';
import { schoolStaffNames } from './records.queries.ts';

/**
 * Protocol rule 9 on the server: the same checker the phone runs, with the school's staff list,
 * applied to what is handed in (a hand-in, an edit after hand-in, a correction). Drafts are not
 * checked: a phone offline may hold anything until the observer hands it in.
 */

/** Names the neutral-language checker looks for: full names and "Title Surname". */
export function checkerNames(rows: { full_name: string; title: string | null }[]): string[] {
  const names = new Set<string>();
  for (const r of rows) {
    names.add(r.full_name);
    const surname = r.full_name.trim().split(/\s+/).at(-1);
    if (r.title && surname) names.add(`${r.title} ${surname}`);
  }
  return [...names].sort();
}

/** The checker for one school: its staff names, and no pupil list (the school holds none). */
export async function schoolChecker(tx: Tx, schoolId: string): Promise<NeutralLanguageChecker> {
  return createChecker({ staffNames: checkerNames(await schoolStaffNames(tx, schoolId)) });
}

type Checked = { record_id: string; visit_id: string; body: unknown };

/**
 * Refuses (422 `neutral_language`, nothing written) while any record holds a flagged phrase that
 * was not kept with a reason, or any pupil's name. `details.spans` lists each one.
 */
export function refuseUnlessNeutral(
  checker: NeutralLanguageChecker,
  records: readonly Checked[],
  doing: string,
): void {
  const spans: RuleNineSpanDto[] = [];
  for (const r of records) {
    const { refused } = checkRecordForHandIn(checker, canonicalBody(r.body as RecordBody));
    for (const s of refused) {
      spans.push({
        recordId: r.record_id,
        visitId: r.visit_id,
        field: s.field,
        start: s.start,
        end: s.end,
        phrase: s.phrase,
        kind: s.kind,
        reason: s.reason,
        hint: s.hint,
        keepable: s.keepable,
      });
    }
  }
  if (spans.length === 0) return;
  const names = spans.filter((s) => s.kind === 'pupil_name').length;
  const first = spans[0]!;
  throw new AppError(
    'neutral_language',
    `${doing}: ${spans.length === 1 ? 'one phrase needs' : `${spans.length} phrases need`} changing first (protocol rule 9), starting with “${first.phrase}”. ${
      names > 0
        ? 'Pupils’ names must be rewritten; other flagged phrases can be rewritten or kept with a reason the teacher will see.'
        : 'Rewrite each one, or keep it with a reason the teacher will see.'
    }`,
    { spans },
  );
}
