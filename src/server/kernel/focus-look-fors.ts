import type { Tx } from '../db/with-tenant.ts';

/**
 * What a walk's focus asks observers to look for, for any feature that shows or gathers evidence
 * against it (records, debriefs, responses): shared here so that no feature reaches into the
 * records feature's queries.
 */

/** The look-fors of a focus: the trust framework's (with their lens) and the school's own. */
export async function focusLookFors(tx: Tx, focusId: string) {
  const [framework, school] = await Promise.all([
    tx
      .selectFrom('focus_look_fors as fl')
      .innerJoin('framework_look_fors as f', (j) =>
        j.onRef('f.trust_id', '=', 'fl.trust_id').onRef('f.look_for_id', '=', 'fl.look_for_id'),
      )
      .innerJoin('framework_lenses as l', (j) =>
        j.onRef('l.trust_id', '=', 'f.trust_id').onRef('l.lens_id', '=', 'f.lens_id'),
      )
      .select([
        'f.look_for_id as id',
        'f.prompt',
        'f.answer_kind',
        'f.audience',
        'f.guidance',
        'l.name as lens_name',
        'l.position as lens_position',
        'f.position',
      ])
      .where('fl.focus_id', '=', focusId)
      .orderBy('l.position')
      .orderBy('f.position')
      .execute(),
    tx
      .selectFrom('focus_school_look_fors as fs')
      .innerJoin('school_look_fors as s', (j) =>
        j
          .onRef('s.trust_id', '=', 'fs.trust_id')
          .onRef('s.school_look_for_id', '=', 'fs.school_look_for_id'),
      )
      .select([
        's.school_look_for_id as id',
        's.prompt',
        's.answer_kind',
        's.audience',
        's.guidance',
        's.lens_name',
        's.created_at',
      ])
      .where('fs.focus_id', '=', focusId)
      .orderBy('s.created_at')
      .execute(),
  ]);
  return [
    ...framework.map(({ lens_position: _l, position: _p, ...f }) => f),
    ...school.map(({ created_at: _c, ...f }) => ({
      ...f,
      lens_name: f.lens_name || 'This school',
    })),
  ];
}
