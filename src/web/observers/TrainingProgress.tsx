import type { TrainingProgress as Progress } from '../../contracts/observers.ts';
import { useSession } from '../lib/session.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { TableScroll } from '../ui/TableScroll.tsx';
import { percent } from './answers.ts';
import { useTrainingProgress } from './api.ts';

const columns = [
  ['guidance', 'Look-for guidance'],
  ['neutral_language', 'Neutral-language exercise'],
  ['practice_scenes', 'Practice scenes'],
  ['all', 'All three'],
] as const;

type Row = Progress['versions'][number]['schools'][number];

function Cells({ row }: { row: Omit<Row, 'schoolId' | 'schoolName'> }) {
  return (
    <>
      <td>{row.observers}</td>
      {columns.map(([module]) => {
        const cell = row.modules.find((m) => m.module === module);
        return (
          <td key={module}>
            {row.suppressed || cell?.completed == null
              ? `Hidden (fewer than ${row.k} observers)`
              : `${cell.completed} (${cell.share === null ? '–' : percent(cell.share)})`}
          </td>
        );
      })}
    </>
  );
}

/**
 * Leaders' view of observers' training (issue 15): per framework version and module, how many
 * of each school's observers completed it, hidden under the minimum group size. Never a list
 * of people; the required-training rule names anyone who still has to train when they are added.
 */
export function TrainingProgress() {
  const { me } = useSession();
  const leader = Boolean(
    me?.memberships.some((m) => ['trust_admin', 'trust_leader', 'school_leader'].includes(m.role)),
  );
  const progress = useTrainingProgress(leader);
  if (!leader) return null;
  return (
    <section aria-labelledby="training-progress">
      <h2 id="training-progress">Observers’ training, by school</h2>
      <p className="muted">
        How many of each school’s observers completed each part, for each version. Schools with
        fewer observers than their minimum group size are hidden; nobody is named.
      </p>
      {progress.isPending ? <Loading what="training progress" /> : null}
      {progress.error ? <ErrorMessage error={progress.error} /> : null}
      {progress.data?.versions.map((v) => (
        <TableScroll
          key={v.versionId}
          label={`Training progress: ${v.frameworkName}, version ${v.versionNo}`}
        >
          <table>
            <caption>
              {v.frameworkName}, version {v.versionNo}
            </caption>
            <thead>
              <tr>
                <th scope="col">School</th>
                <th scope="col">Observers</th>
                {columns.map(([module, label]) => (
                  <th key={module} scope="col">
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {v.schools.map((s) => (
                <tr key={s.schoolId}>
                  <th scope="row">{s.schoolName}</th>
                  <Cells row={s} />
                </tr>
              ))}
              {v.trust ? (
                <tr>
                  <th scope="row">All schools</th>
                  <Cells row={v.trust} />
                </tr>
              ) : null}
            </tbody>
          </table>
        </TableScroll>
      ))}
    </section>
  );
}
