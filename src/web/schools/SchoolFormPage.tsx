import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { SetupNav } from '../ui/SetupNav.tsx';
import { ErrorMessage, Loading } from '../ui/Status.tsx';
import '../ui/setup.css';
import { createSchool, schoolKeys, updateSchool, useSchool } from './api.ts';
import { DetailsForm } from './DetailsForm.tsx';
import { Closures, Terms } from './SchoolCalendar.tsx';

export function NewSchoolPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (
    <>
      <h1>New school</h1>
      <p className="lede">
        Add the school’s details. Next you can add its terms and non-teaching days, staff, rooms and
        timetable.
      </p>
      <DetailsForm
        creating
        initial={{
          name: '',
          phase: 'primary',
          urn: '',
          address: '',
          timeZone: 'Europe/London',
          cycleWeeks: 1,
        }}
        onSave={async (d) => {
          const created = await createSchool({ ...d, urn: d.urn.trim() || null });
          await queryClient.invalidateQueries({ queryKey: schoolKeys.list() });
          navigate(`/schools/${created.id}/edit`);
        }}
      />
    </>
  );
}

export function EditSchoolPage() {
  const { schoolId = '' } = useParams();
  const queryClient = useQueryClient();
  const school = useSchool(schoolId);
  if (school.isPending) return <Loading what="the school" />;
  if (school.error) return <ErrorMessage error={school.error} />;
  const s = school.data;
  const refresh = () => queryClient.invalidateQueries({ queryKey: schoolKeys.detail(schoolId) });
  return (
    <>
      <h1>{s.name}: details and calendar</h1>
      <SetupNav schoolId={schoolId} canEdit={s.canEdit} />
      {s.canEdit ? null : (
        <p className="error" role="alert">
          Only a trust administrator can change a school’s details and calendar.
        </p>
      )}
      <h2>Details</h2>
      <DetailsForm
        key={s.id}
        creating={false}
        initial={{
          name: s.name,
          phase: s.phase,
          urn: s.urn ?? '',
          address: s.address,
          timeZone: s.timeZone,
          cycleWeeks: s.cycleWeeks as 1 | 2,
        }}
        onSave={async (d) => {
          const { cycleWeeks: _ignored, ...details } = d;
          await updateSchool(schoolId, { ...details, urn: details.urn.trim() || null });
          await refresh();
        }}
      />
      <Terms schoolId={schoolId} terms={s.terms} onChange={refresh} />
      <Closures schoolId={schoolId} closures={s.closures} onChange={refresh} />
    </>
  );
}
