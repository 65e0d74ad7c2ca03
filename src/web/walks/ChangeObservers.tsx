import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useEveryone } from '../staff/api.ts';
import { PeoplePicker } from '../ui/PeoplePicker.tsx';
import { Refusals } from '../ui/Refusals.tsx';
import { changeWalk, walkKeys } from './api.ts';

/** On a published walk: change who observes. Teachers and the observers concerned are told. */
export function ChangeObservers({
  walkId,
  schoolId,
  current,
}: {
  walkId: string;
  schoolId: string;
  current: readonly { id: string; fullName: string }[];
}) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<Set<string>>(new Set(current.map((o) => o.id)));
  const staff = useEveryone(schoolId, open);
  const save = useMutation({
    mutationFn: () =>
      changeWalk(walkId, '/observers', {
        method: 'PUT',
        body: { observerIds: [...chosen] },
      }),
    onSuccess: (data) => {
      queryClient.setQueryData(walkKeys.detail(walkId), data);
      setOpen(false);
    },
  });
  return (
    <details open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>Change observers</summary>
      <form
        className="plan-form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <PeoplePicker
          legend="Observers (at most two; never someone whose lesson is visited)"
          people={staff.data?.staff}
          chosen={[...chosen]}
          onChange={(ids) => setChosen(new Set(ids))}
          loading={staff.isPending && open}
          error={staff.error}
        />
        <p className="muted">The visited teachers and the observers added or removed are told.</p>
        <div className="walk-actions">
          <button type="submit" className="button" disabled={save.isPending}>
            Save observers
          </button>
        </div>
        <div aria-live="polite">
          <Refusals error={save.error} />
        </div>
      </form>
    </details>
  );
}
