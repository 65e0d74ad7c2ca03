import { Link, useParams } from 'react-router';
import { ApiFailure } from '../lib/api.ts';
import { useSession } from '../lib/session.tsx';
import { PeerObserversSection } from '../peer-walks/PeerObserversSection.tsx';
import { useStaffFirstPage } from '../staff/api.ts';
import { SetupNav } from '../ui/SetupNav.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { useSchool } from './api.ts';
import { InviteForm } from './InviteForm.tsx';
import { RoomList } from './RoomList.tsx';

export function SchoolPage() {
  const { schoolId = '' } = useParams();
  const { me } = useSession();
  const mayInvite = Boolean(
    me?.memberships.some(
      (m) =>
        (m.role === 'trust_admin' && m.schoolId === null) ||
        (m.role === 'school_leader' && m.schoolId === schoolId),
    ),
  );
  const school = useSchool(schoolId);
  const staff = useStaffFirstPage(schoolId);
  if (school.isPending) return <Loading what="the school" />;
  if (school.error) return <ErrorMessage error={school.error} />;
  const s = school.data;
  const staffHidden = staff.error instanceof ApiFailure && staff.error.status === 403;
  return (
    <>
      <h1>{s.name}</h1>
      {s.canManageSetup || s.canEdit ? <SetupNav schoolId={schoolId} canEdit={s.canEdit} /> : null}
      <dl className="figures">
        <div>
          <dt>Staff</dt>
          <dd>{s.staffCount}</dd>
        </div>
        <div>
          <dt>Rooms</dt>
          <dd>{s.roomCount}</dd>
        </div>
        <div>
          <dt>Timetable</dt>
          <dd>{s.cycleWeeks === 2 ? 'Week A / week B' : 'One week'}</dd>
        </div>
      </dl>
      <p>
        <Link to={`/schools/${schoolId}/programmes`}>Programmes and walks</Link>
      </p>
      <section aria-labelledby="day">
        <h2 id="day">The school day</h2>
        <ol className="periods">
          {s.periods.map((p) => (
            <li key={p.id}>
              {p.name}: {p.startsAt}–{p.endsAt}
            </li>
          ))}
        </ol>
      </section>
      <section aria-labelledby="departments">
        <h2 id="departments">Departments and subjects</h2>
        <p>{s.departments.map((d) => d.name).join(', ')}</p>
        <h2>Year groups</h2>
        <p>{s.yearGroups.map((y) => y.name).join(', ')}</p>
      </section>
      {staffHidden ? null : (
        <section aria-labelledby="staff">
          <h2 id="staff">Staff</h2>
          {staff.isPending ? <Loading what="staff" /> : null}
          {staff.error ? <ErrorMessage error={staff.error} /> : null}
          {staff.data ? (
            <p>
              {staff.data.total > staff.data.staff.length
                ? `The first ${staff.data.staff.length} of ${staff.data.total}. `
                : ''}
              <Link to={`/schools/${schoolId}/staff`}>Search and manage the staff list</Link>
            </p>
          ) : null}
          {staff.data ? (
            <ul className="staff">
              {staff.data.staff.map((p) => (
                <li key={p.id}>
                  {p.fullName}{' '}
                  <span className="muted">
                    · {p.roles.map((r) => r.replace('_', ' ')).join(', ')}
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
          <h2>Rooms</h2>
          <RoomList schoolId={schoolId} />
        </section>
      )}
      {mayInvite ? (
        <p>
          <Link to={`/schools/${schoolId}/import`}>Import staff, rooms or the timetable</Link>
        </p>
      ) : null}
      {mayInvite ? <InviteForm schoolId={schoolId} schoolName={s.name} /> : null}
      {mayInvite ? <PeerObserversSection schoolId={schoolId} /> : null}
    </>
  );
}
