import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { SchoolRole, StaffMember } from '../../contracts/staff.ts';
import { schoolRoles } from '../../contracts/staff.ts';
import { roleLabels } from '../../domain/people/roles.ts';
import { ApiFailure } from '../lib/api.ts';
import { Field } from '../ui/Field.tsx';
import { SearchBox, useListParams } from '../ui/ListControls.tsx';
import { SetupNav } from '../ui/SetupNav.tsx';
import '../ui/setup.css';
import { useSchool } from '../schools/api.ts';
import { PagedTable } from '../ui/PagedTable.tsx';
import { EditRemove, SetupForm } from '../ui/SetupForm.tsx';
import { ErrorMessage } from '../ui/Status.tsx';
import { findStaff, removeStaffMember, saveStaffMember, staffKeys, useStaffPage } from './api.ts';

const PAGE_SIZE = 25;

type Draft = {
  fullName: string;
  email: string;
  title: string;
  roles: SchoolRole[];
  departmentIds: string[];
  staffCode: string;
  coachEmail: string;
  clearCoach: boolean;
};
const empty: Draft = {
  fullName: '',
  email: '',
  title: '',
  roles: ['teacher'],
  departmentIds: [],
  staffCode: '',
  coachEmail: '',
  clearCoach: false,
};

export function StaffPage() {
  const { schoolId = '' } = useParams();
  const queryClient = useQueryClient();
  const list = useListParams();
  const school = useSchool(schoolId);
  const staff = useStaffPage(schoolId, list.q, list.page, PAGE_SIZE);
  const [editing, setEditing] = useState<StaffMember | null>(null);
  const [draft, setDraft] = useState<Draft>(empty);
  const [done, setDone] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: staffKeys.school(schoolId) });

  const save = useMutation({
    mutationFn: async () => {
      // An empty box keeps the coach someone already has, unless "No coach" is ticked.
      let coachId: string | null = draft.clearCoach ? null : (editing?.coach?.id ?? null);
      const coachEmail = draft.coachEmail.trim().toLowerCase();
      if (coachEmail) {
        const found = await findStaff(schoolId, coachEmail, 1, 5);
        const coach = found.items.find((s) => s.email === coachEmail);
        if (!coach) {
          throw new ApiFailure(
            422,
            'coach_not_found',
            `No one on this school’s staff has the email ${coachEmail}.`,
            [
              {
                field: 'body.coachId',
                message: 'Enter the email of a colleague on this school’s staff.',
              },
            ],
          );
        }
        coachId = coach.id;
      }
      const body = {
        fullName: draft.fullName,
        email: draft.email,
        title: draft.title || null,
        roles: draft.roles,
        departmentIds: draft.departmentIds,
        staffCode: draft.staffCode || null,
        coachId,
      };
      return saveStaffMember(schoolId, editing?.id ?? null, body);
    },
    onSuccess: async (result) => {
      setDone(`${result.member.fullName} ${editing ? 'saved' : 'added to the staff'}.`);
      setEditing(null);
      setDraft(empty);
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (member: StaffMember) => removeStaffMember(schoolId, member.id).then(() => member),
    onSuccess: async (member) => {
      setDone(`${member.fullName} is no longer on the staff of this school.`);
      await refresh();
    },
  });

  const canManage = school.data?.canManageSetup ?? false;
  const toggle = <T,>(list: T[], item: T) =>
    list.includes(item) ? list.filter((x) => x !== item) : [...list, item];

  return (
    <>
      <h1>Staff{school.data ? `, ${school.data.name}` : ''}</h1>
      <SetupNav schoolId={schoolId} canEdit={school.data?.canEdit} />
      <SearchBox
        label="Search staff"
        placeholder="Name, email or staff code"
        value={list.typed}
        onChange={list.setTyped}
      />
      <div role="status" aria-live="polite">
        {done}
      </div>
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
      <PagedTable
        what="staff"
        caption="Staff"
        result={staff}
        onPage={list.setPage}
        head={
          <>
            <th scope="col">Name</th>
            <th scope="col">Roles</th>
            <th scope="col">Departments</th>
            <th scope="col">Staff code</th>
            <th scope="col">Coach or mentor</th>
            {canManage ? <th scope="col">Change</th> : null}
          </>
        }
        row={(s) => (
          <>
            <td>
              {s.title ? `${s.title} ` : ''}
              {s.fullName}
              <br />
              <span className="muted">{s.email}</span>
            </td>
            <td>{s.roles.map((r) => roleLabels[r as SchoolRole] ?? r).join(', ')}</td>
            <td>{s.departments.map((d) => d.name).join(', ')}</td>
            <td>{s.staffCode ?? ''}</td>
            <td>{s.coach?.fullName ?? ''}</td>
            {canManage ? (
              <td>
                <div className="actions">
                  <EditRemove
                    name={s.fullName}
                    onEdit={() => {
                      setEditing(s);
                      setDraft({
                        fullName: s.fullName,
                        email: s.email,
                        title: s.title ?? '',
                        roles: s.roles.filter((r): r is SchoolRole =>
                          (schoolRoles as readonly string[]).includes(r),
                        ),
                        departmentIds: s.departments.map((d) => d.id),
                        staffCode: s.staffCode ?? '',
                        coachEmail: '',
                        clearCoach: false,
                      });
                    }}
                    onRemove={() => remove.mutate(s)}
                  />
                </div>
              </td>
            ) : null}
          </>
        )}
      />
      {canManage && school.data ? (
        <SetupForm
          label={editing ? `Edit ${editing.fullName}` : 'Add a member of staff'}
          heading={editing ? `Edit ${editing.fullName}` : 'Add a member of staff'}
          intro={
            <p className="wide muted">
              Adding someone does not email them. To send a sign-in link, invite them from the
              school’s page.
            </p>
          }
          error={save.error}
          fields={['fullName', 'email', 'title', 'roles', 'departmentIds', 'staffCode', 'coachId']}
          submitLabel={editing ? 'Save' : 'Add to staff'}
          pending={save.isPending}
          onSubmit={() => {
            setDone('');
            save.mutate();
          }}
          onCancel={
            editing
              ? () => {
                  setEditing(null);
                  setDraft(empty);
                }
              : undefined
          }
        >
          <Field label="Name" name="fullName" error={save.error}>
            {(p) => (
              <input
                {...p}
                value={draft.fullName}
                onChange={(e) => setDraft({ ...draft, fullName: e.target.value })}
              />
            )}
          </Field>
          <Field label="Email address" name="email" error={save.error}>
            {(p) => (
              <input
                {...p}
                type="email"
                inputMode="email"
                value={draft.email}
                onChange={(e) => setDraft({ ...draft, email: e.target.value })}
              />
            )}
          </Field>
          <Field label="Title" name="title" error={save.error} hint="Ms, Mr, Dr… (optional)">
            {(p) => (
              <input
                {...p}
                value={draft.title}
                onChange={(e) => setDraft({ ...draft, title: e.target.value })}
              />
            )}
          </Field>
          <Field
            label="Staff code"
            name="staffCode"
            error={save.error}
            hint="As in your MIS, e.g. JSM"
          >
            {(p) => (
              <input
                {...p}
                value={draft.staffCode}
                onChange={(e) => setDraft({ ...draft, staffCode: e.target.value })}
              />
            )}
          </Field>
          <Field
            label="Coach or mentor (their email)"
            name="coachId"
            error={save.error}
            hint="Optional"
          >
            {(p) => (
              <input
                {...p}
                type="email"
                value={draft.coachEmail}
                placeholder={editing?.coach ? `Now: ${editing.coach.fullName}` : ''}
                onChange={(e) => setDraft({ ...draft, coachEmail: e.target.value })}
              />
            )}
          </Field>
          {editing?.coach ? (
            <label className="checkbox wide">
              <input
                type="checkbox"
                checked={draft.clearCoach}
                onChange={(e) => setDraft({ ...draft, clearCoach: e.target.checked })}
              />{' '}
              No coach or mentor (remove {editing.coach.fullName})
            </label>
          ) : null}
          <fieldset className="wide">
            <legend>Roles at this school</legend>
            {schoolRoles.map((role) => (
              <label key={role} className="checkbox">
                <input
                  type="checkbox"
                  checked={draft.roles.includes(role)}
                  onChange={() => setDraft({ ...draft, roles: toggle(draft.roles, role) })}
                />{' '}
                {roleLabels[role]}
              </label>
            ))}
          </fieldset>
          <fieldset className="wide">
            <legend>Departments</legend>
            {school.data.departments.map((d) => (
              <label key={d.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={draft.departmentIds.includes(d.id)}
                  onChange={() =>
                    setDraft({ ...draft, departmentIds: toggle(draft.departmentIds, d.id) })
                  }
                />{' '}
                {d.name}
              </label>
            ))}
          </fieldset>
        </SetupForm>
      ) : null}
    </>
  );
}
