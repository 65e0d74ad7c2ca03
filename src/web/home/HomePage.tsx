import { Link } from 'react-router';
import type { Me } from '../../contracts/auth.ts';
import type { SchoolSummary } from '../../contracts/schools.ts';
import { GettingStarted } from '../getting-started/GettingStarted.tsx';
import { useSession } from '../lib/session.tsx';
import { useOrganisationWords } from '../lib/words.ts';
import { CalendarFeed } from '../notices/CalendarFeed.tsx';
import { useSchools } from '../schools/api.ts';
import { RoomList } from '../schools/RoomList.tsx';
import { MyTimetable } from '../schools/Timetable.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import { WhatIsDue } from './WhatIsDue.tsx';

const phaseLabels: Record<SchoolSummary['phase'], string> = {
  primary: 'Primary',
  secondary: 'Secondary',
  all_through: 'All-through',
  special: 'Special',
  alternative: 'Alternative provision',
};

export function HomePage() {
  const { me } = useSession();
  const words = useOrganisationWords();
  if (!me) return null;
  const firstName = me.person.fullName.split(' ')[0];
  return (
    <>
      <h1>Welcome, {firstName}</h1>
      <p className="roles">
        {me.memberships
          .map((m) => `${m.roleLabel}${m.schoolName ? `, ${m.schoolName}` : ''}`)
          .join(' · ')}
      </p>
      {/* Issue 13: a new trust's checklist, until every step is done. */}
      {me.memberships.some((m) => m.role === 'trust_admin') ? <GettingStarted /> : null}
      {me.home !== null ? <WhatIsDue /> : null}
      {me.home === 'trust' ? <TrustHome /> : null}
      {me.home === 'school' ? <SchoolHome me={me} /> : null}
      {me.home === 'site' ? <SiteHome me={me} /> : null}
      {me.home === 'teaching' ? <TeachingHome me={me} /> : null}
      {me.home === null ? (
        <p>
          Your account has no role in a school yet. Ask {words.theirs} administrator to add you.
        </p>
      ) : null}
      {me.home === 'school' || me.home === 'teaching' ? <CalendarFeed /> : null}
    </>
  );
}

function SchoolCards() {
  const schools = useSchools();
  if (schools.isPending) return <Loading what="schools" />;
  if (schools.error) return <ErrorMessage error={schools.error} />;
  return (
    <ul className="cards">
      {schools.data.schools.map((s) => (
        <li key={s.id} className="card">
          <h3>
            <Link to={`/schools/${s.id}`}>{s.name}</Link>
          </h3>
          <p>
            {phaseLabels[s.phase]}
            {s.urn ? ` · URN ${s.urn}` : ''}
          </p>
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
              <dt>Lessons per {s.cycleWeeks === 2 ? 'fortnight' : 'week'}</dt>
              <dd>{s.lessonsPerCycle}</dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}

/** The trust's home; a single school's (issue 13) says "school" and offers no second school. */
function TrustHome() {
  const words = useOrganisationWords();
  const single = words.noun === 'school';
  return (
    <section aria-labelledby="trust-schools">
      <h2 id="trust-schools">{single ? 'Your school' : 'Schools in the trust'}</h2>
      <SchoolCards />
      <p>
        <Link to="/insights">Insights across {words.the}: evidence, coverage and support</Link>
      </p>
      <p>
        <Link to="/frameworks">Frameworks: lenses and look-fors shared across {words.the}</Link>
      </p>
      {single ? null : (
        <p>
          <Link to="/schools/new">Add a school</Link> (trust administrators): details, terms and
          non-teaching days; then each school’s staff, rooms and timetable from its page.
        </p>
      )}
      <p>
        <Link to="/people">People and accounts</Link> ({words.administrators}): {words.wide} roles,
        and disabling the account of someone who has left.
      </p>
      <p>
        <Link to="/outbox">Mail outbox</Link>
      </p>
      <AfterTheWalkLinks />
    </section>
  );
}

/** Trust leaders see each school's debrief outcomes, actions and staff summaries (never records). */
function AfterTheWalkLinks() {
  const schools = useSchools();
  if (!schools.data) return null;
  return (
    <>
      <h3>After the walk</h3>
      <ul>
        {schools.data.schools.map((s) => (
          <li key={s.id}>
            {s.name}: <Link to={`/schools/${s.id}/debriefs`}>debriefs</Link>,{' '}
            <Link to={`/schools/${s.id}/actions`}>actions</Link>,{' '}
            <Link to={`/schools/${s.id}/staff-summaries`}>staff summaries</Link>,{' '}
            <Link to={`/schools/${s.id}/reviews`}>reviews and staff pulse</Link>,{' '}
            <Link to={`/schools/${s.id}/self-evaluation`}>self-evaluation</Link>
          </li>
        ))}
      </ul>
    </>
  );
}

function SchoolHome({ me }: { me: Me }) {
  const words = useOrganisationWords();
  return (
    <section aria-labelledby="your-school">
      <h2 id="your-school">
        Your school{me.memberships.filter((m) => m.role === 'school_leader').length > 1 ? 's' : ''}
      </h2>
      <SchoolCards />
      <ul>
        {me.memberships
          .filter((m) => m.role === 'school_leader' && m.schoolId)
          .map((m) => (
            <li key={m.schoolId}>
              <Link to={`/schools/${m.schoolId}/foci`}>Foci and look-fors, {m.schoolName}</Link>
            </li>
          ))}
        {me.memberships
          .filter((m) => m.role === 'school_leader' && m.schoolId)
          .map((m) => (
            <li key={`setup-${m.schoolId}`}>
              Set up {m.schoolName}: <Link to={`/schools/${m.schoolId}/staff`}>staff</Link>,{' '}
              <Link to={`/schools/${m.schoolId}/rooms`}>rooms</Link>,{' '}
              <Link to={`/schools/${m.schoolId}/day`}>school day</Link>,{' '}
              <Link to={`/schools/${m.schoolId}/lessons`}>lessons</Link>
            </li>
          ))}
        {me.memberships
          .filter((m) => m.role === 'school_leader' && m.schoolId)
          .map((m) => (
            <li key={`insights-${m.schoolId}`}>
              <Link to={`/schools/${m.schoolId}/insights`}>Insights, {m.schoolName}</Link>
            </li>
          ))}
        {me.memberships
          .filter((m) => m.role === 'school_leader' && m.schoolId)
          .map((m) => (
            <li key={`programmes-${m.schoolId}`}>
              <Link to={`/schools/${m.schoolId}/programmes`}>
                Programmes and walks, {m.schoolName}
              </Link>
            </li>
          ))}
        {me.memberships
          .filter((m) => m.role === 'school_leader' && m.schoolId)
          .map((m) => (
            <li key={`after-${m.schoolId}`}>
              After the walk, {m.schoolName}:{' '}
              <Link to={`/schools/${m.schoolId}/debriefs`}>debriefs</Link>,{' '}
              <Link to={`/schools/${m.schoolId}/actions`}>actions board</Link>,{' '}
              <Link to={`/schools/${m.schoolId}/staff-summaries`}>staff summaries</Link>,{' '}
              <Link to={`/schools/${m.schoolId}/reviews`}>reviews with staff</Link>,{' '}
              <Link to={`/schools/${m.schoolId}/self-evaluation`}>
                self-evaluation of walk practice
              </Link>
            </li>
          ))}
        <li>
          <Link to="/my-records">Records of visits: my classes, my coaching, flags to answer</Link>
        </li>
        <li>
          <Link to="/capture">My walks: the walks I observe</Link>
        </li>
        <li>
          <Link to="/frameworks">
            {words.noun === 'school' ? 'The school’s frameworks' : 'The trust’s frameworks'}
          </Link>
        </li>
        <li>
          <Link to="/outbox">Mail outbox</Link>
        </li>
      </ul>
    </section>
  );
}

function SiteHome({ me }: { me: Me }) {
  const schools = me.memberships.filter((m) => m.role === 'site_manager' && m.schoolId);
  return (
    <>
      {schools.map((m) => (
        <section key={m.schoolId} aria-labelledby={`rooms-${m.schoolId}`}>
          <h2 id={`rooms-${m.schoolId}`}>Rooms and buildings, {m.schoolName}</h2>
          <RoomList schoolId={m.schoolId!} />
          <p>
            Every member of staff takes part in the school’s learning walks:{' '}
            <Link to={`/schools/${m.schoolId}/programmes`}>the programme and its consultation</Link>
            , and <Link to={`/schools/${m.schoolId}/reviews`}>reviews with staff</Link> (the
            anonymous staff pulse).
          </p>
        </section>
      ))}
    </>
  );
}

function TeachingHome({ me }: { me: Me }) {
  const schoolIds = [
    ...new Set(
      me.memberships
        .filter((m) => (m.role === 'teacher' || m.role === 'observer') && m.schoolId)
        .map((m) => m.schoolId!),
    ),
  ];
  return (
    <>
      {me.memberships.some((m) => m.role === 'observer') ? (
        <p>
          <Link to="/capture">My walks: the walks I observe, on this phone, even offline</Link>
        </p>
      ) : null}
      <p>
        <Link to="/my-visits">My visits, and invite a walk into a lesson</Link>
      </p>
      <p>
        <Link to="/my-records">Records of my visits: read, respond, reflect</Link>
      </p>
      <p>
        <Link to="/my-actions">My actions</Link>
      </p>
      {[...new Set(me.memberships.filter((m) => m.schoolId).map((m) => m.schoolId!))].map(
        (schoolId) => (
          <p key={`summaries-${schoolId}`}>
            <Link to={`/schools/${schoolId}/staff-summaries`}>
              Staff summaries: what learning walks found across the school
            </Link>
          </p>
        ),
      )}
      {[...new Set(me.memberships.filter((m) => m.schoolId).map((m) => m.schoolId!))].map(
        (schoolId) => (
          <p key={`programmes-${schoolId}`}>
            <Link to={`/schools/${schoolId}/programmes`}>
              The school’s programme of learning walks
            </Link>
          </p>
        ),
      )}
      {[...new Set(me.memberships.filter((m) => m.schoolId).map((m) => m.schoolId!))].map(
        (schoolId) => (
          <p key={`reviews-${schoolId}`}>
            <Link to={`/schools/${schoolId}/reviews`}>
              Reviews with staff: the anonymous staff pulse on learning walks
            </Link>
          </p>
        ),
      )}
      {schoolIds.map((schoolId) => (
        <MyTimetable key={schoolId} schoolId={schoolId} personId={me.person.id} />
      ))}
    </>
  );
}
