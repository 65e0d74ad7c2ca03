import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Account, AccountChange } from '../../contracts/people.ts';
import { roleLabels } from '../../domain/people/roles.ts';
import { roleLabelIn } from '../../domain/trusts/words.ts';
import { useOrganisationWords } from '../lib/words.ts';
import { SearchBox, useListParams } from '../ui/ListControls.tsx';
import '../ui/setup.css';
import './people.css';
import { PagedTable } from '../ui/PagedTable.tsx';
import { ErrorMessage } from '../ui/Status.tsx';
import { changeAccount, peopleKeys, usePeople } from './api.ts';

const PAGE_SIZE = 25;
type TrustRole = Account['trustRoles'][number];
const trustRoles: TrustRole[] = ['trust_admin', 'trust_leader'];

/**
 * The trust's people, for its administrators: who can sign in, their roles in each school,
 * the trust-wide roles, and disabling an account when someone leaves or a device is lost.
 */
export function PeoplePage() {
  const queryClient = useQueryClient();
  const words = useOrganisationWords();
  const single = words.noun === 'school';
  const wideRoles = single ? 'School-wide roles' : 'Trust-wide roles';
  const list = useListParams();
  const people = usePeople(list.q, list.page, PAGE_SIZE);
  const [done, setDone] = useState('');
  const told = (change: AccountChange, what: string) => {
    const walks =
      change.walksLeft > 0
        ? ` They were taken off ${change.walksLeft} walk${change.walksLeft === 1 ? '' : 's'} still to come; whoever planned ${change.walksLeft === 1 ? 'it has' : 'them has'} been asked to choose another observer.`
        : '';
    setDone(`${change.account.fullName} ${what}.${walks}`);
    return queryClient.invalidateQueries({ queryKey: peopleKeys.all() });
  };
  const disable = useMutation({
    mutationFn: (person: Account) => changeAccount(person.id, '/disable', { method: 'POST' }),
    onSuccess: (change) =>
      told(
        change,
        'can no longer sign in: their sessions, calendar feed and sign-in links have ended',
      ),
  });
  const enable = useMutation({
    mutationFn: (person: Account) => changeAccount(person.id, '/enable', { method: 'POST' }),
    onSuccess: (change) => told(change, 'can sign in again'),
  });
  const setRoles = useMutation({
    mutationFn: ({ person, roles }: { person: Account; roles: TrustRole[] }) =>
      changeAccount(person.id, '/trust-roles', {
        method: 'PUT',
        body: { roles },
      }),
    onSuccess: (change) =>
      told(
        change,
        change.account.trustRoles.length
          ? `is now ${change.account.trustRoles.map((r) => roleLabelIn(r, single).toLowerCase()).join(' and ')}`
          : `has no ${words.wide} role now`,
      ),
  });
  const failure = disable.error ?? enable.error ?? setRoles.error;

  return (
    <>
      <h1>People and accounts</h1>
      <p className="lede">
        Everyone in {words.the}, their roles and whether they can sign in. Disable an account when
        someone leaves or loses a device: their sessions, calendar feed and sign-in links end at
        once, and they come off walks still to come. Staff who leave one school are taken off its
        staff list on that school’s Staff page.
      </p>
      <SearchBox
        label="Search people"
        placeholder="Name or email"
        value={list.typed}
        onChange={list.setTyped}
      />
      <div role="status" aria-live="polite">
        {done}
      </div>
      {failure ? <ErrorMessage error={failure} /> : null}
      <PagedTable
        what="people"
        caption={`People in ${words.the}`}
        result={people}
        page={list.page}
        pageSize={PAGE_SIZE}
        onPage={list.setPage}
        head={
          <>
            <th scope="col">Name</th>
            <th scope="col">Roles</th>
            <th scope="col">{wideRoles}</th>
            <th scope="col">Account</th>
          </>
        }
        row={(person) => (
          <>
            <th scope="row">
              {person.fullName}
              <br />
              <span className="muted">{person.email}</span>
            </th>
            <td>
              {person.schools.length === 0 ? (
                <span className="muted">No school</span>
              ) : (
                <ul className="people-roles">
                  {person.schools.map((s) => (
                    <li key={s.id}>
                      {s.name}: {s.roles.map((r) => roleLabels[r].toLowerCase()).join(', ')}
                    </li>
                  ))}
                </ul>
              )}
            </td>
            <td>
              <fieldset className="people-trust-roles">
                <legend className="visually-hidden">
                  {wideRoles} of {person.fullName}
                </legend>
                {trustRoles.map((role) => (
                  <label key={role}>
                    <input
                      type="checkbox"
                      checked={person.trustRoles.includes(role)}
                      disabled={setRoles.isPending}
                      onChange={() =>
                        setRoles.mutate({
                          person,
                          roles: person.trustRoles.includes(role)
                            ? person.trustRoles.filter((r) => r !== role)
                            : [...person.trustRoles, role],
                        })
                      }
                    />{' '}
                    {roleLabelIn(role, single)}
                  </label>
                ))}
              </fieldset>
            </td>
            <td>
              {person.disabled ? (
                <>
                  <strong>Disabled</strong>{' '}
                  <button
                    type="button"
                    className="button secondary"
                    onClick={() => enable.mutate(person)}
                    disabled={enable.isPending}
                  >
                    Re-enable {person.fullName}
                  </button>
                </>
              ) : (
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => {
                    if (
                      window.confirm(
                        `Disable ${person.fullName}'s account? They will be signed out everywhere and taken off walks still to come.`,
                      )
                    ) {
                      disable.mutate(person);
                    }
                  }}
                  disabled={disable.isPending}
                >
                  Disable {person.fullName}
                </button>
              )}
            </td>
          </>
        )}
      />
    </>
  );
}
