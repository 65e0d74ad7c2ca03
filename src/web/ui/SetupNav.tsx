import { Link } from 'react-router';

/** Links between the set-up pages of one school. */
export function SetupNav({ schoolId, canEdit }: { schoolId: string; canEdit?: boolean }) {
  const links = [
    [`/schools/${schoolId}`, 'School'],
    ...(canEdit ? [[`/schools/${schoolId}/edit`, 'Details and calendar']] : []),
    [`/schools/${schoolId}/staff`, 'Staff'],
    [`/schools/${schoolId}/rooms`, 'Rooms'],
    [`/schools/${schoolId}/day`, 'School day'],
    [`/schools/${schoolId}/lessons`, 'Lessons'],
  ];
  return (
    <nav aria-label="School set-up">
      <ul className="inline-list">
        {links.map(([to, label]) => (
          <li key={to}>
            <Link to={to!}>{label}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
