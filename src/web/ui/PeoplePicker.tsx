import type { ReactNode } from 'react';
import { ErrorMessage, Loading } from './Status.tsx';

type Person = { id: string; fullName: string; roles: readonly string[] };

/** Who may be asked to observe: anyone on the staff but a site manager only. */
export const mayObserve = (person: Person) => !person.roles.every((r) => r === 'site_manager');

/**
 * Choose people from a school's staff: a fieldset of checkboxes, one per person, in the staff
 * list's order. `chosen` keeps the order in which they were ticked.
 */
export function PeoplePicker({
  legend,
  people,
  chosen,
  onChange,
  loading = false,
  error,
}: {
  legend: ReactNode;
  people: readonly Person[] | undefined;
  chosen: readonly string[];
  onChange: (ids: string[]) => void;
  loading?: boolean;
  error?: unknown;
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {loading ? <Loading what="staff" /> : null}
      {error ? <ErrorMessage error={error} /> : null}
      {people?.filter(mayObserve).map((s) => (
        <label key={s.id} className="checkbox">
          <input
            type="checkbox"
            checked={chosen.includes(s.id)}
            onChange={(e) =>
              onChange(e.target.checked ? [...chosen, s.id] : chosen.filter((o) => o !== s.id))
            }
          />
          {s.fullName}
        </label>
      ))}
    </fieldset>
  );
}
