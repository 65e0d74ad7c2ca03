import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { Room } from '../../contracts/rooms.ts';
import { Field } from '../ui/Field.tsx';
import { SearchBox, useListParams } from '../ui/ListControls.tsx';
import { SetupNav } from '../ui/SetupNav.tsx';
import '../ui/setup.css';
import { useSchool } from '../schools/api.ts';
import { PagedTable } from '../ui/PagedTable.tsx';
import { EditRemove, SetupForm } from '../ui/SetupForm.tsx';
import { ErrorMessage } from '../ui/Status.tsx';
import { removeRoom, roomKeys, saveRoom, useRoomsPage } from './api.ts';

const PAGE_SIZE = 25;
type Draft = { name: string; building: string; floor: string };
const empty: Draft = { name: '', building: '', floor: '0' };

export function RoomsPage() {
  const { schoolId = '' } = useParams();
  const queryClient = useQueryClient();
  const list = useListParams();
  const school = useSchool(schoolId);
  const rooms = useRoomsPage(schoolId, list.q, list.page, PAGE_SIZE);
  const [editing, setEditing] = useState<Room | null>(null);
  const [draft, setDraft] = useState<Draft>(empty);
  const [done, setDone] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: roomKeys.school(schoolId) });
  const save = useMutation({
    mutationFn: () => {
      const body = { name: draft.name, building: draft.building, floor: Number(draft.floor) };
      return saveRoom(schoolId, editing?.id ?? null, body);
    },
    onSuccess: async (result) => {
      setDone(`${result.room.name} ${editing ? 'saved' : 'added'}.`);
      setEditing(null);
      setDraft(empty);
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (room: Room) => removeRoom(schoolId, room.id).then(() => room),
    onSuccess: async (room) => {
      setDone(`${room.name} removed.`);
      await refresh();
    },
  });
  const canManage = school.data?.canManageSetup ?? false;
  return (
    <>
      <h1>Rooms{school.data ? `, ${school.data.name}` : ''}</h1>
      <SetupNav schoolId={schoolId} canEdit={school.data?.canEdit} />
      <SearchBox
        label="Search rooms"
        placeholder="Room or building"
        value={list.typed}
        onChange={list.setTyped}
      />
      <div role="status" aria-live="polite">
        {done}
      </div>
      {remove.error ? <ErrorMessage error={remove.error} /> : null}
      <PagedTable
        what="rooms"
        caption="Rooms"
        result={rooms}
        onPage={list.setPage}
        head={
          <>
            <th scope="col">Room</th>
            <th scope="col">Building</th>
            <th scope="col">Floor</th>
            {canManage ? <th scope="col">Change</th> : null}
          </>
        }
        row={(r) => (
          <>
            <td>{r.name}</td>
            <td>{r.building}</td>
            <td>{r.floor === 0 ? 'Ground' : r.floor}</td>
            {canManage ? (
              <td>
                <div className="actions">
                  <EditRemove
                    name={r.name}
                    onEdit={() => {
                      setEditing(r);
                      setDraft({
                        name: r.name,
                        building: r.building,
                        floor: String(r.floor),
                      });
                    }}
                    onRemove={() => remove.mutate(r)}
                  />
                </div>
              </td>
            ) : null}
          </>
        )}
      />
      {canManage ? (
        <SetupForm
          label={editing ? `Edit room ${editing.name}` : 'Add a room'}
          heading={editing ? `Edit ${editing.name}` : 'Add a room'}
          error={save.error}
          fields={['name', 'building', 'floor']}
          submitLabel={editing ? 'Save room' : 'Add room'}
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
          <Field label="Room name" name="name" error={save.error}>
            {(p) => (
              <input
                {...p}
                value={draft.name}
                onChange={(e) => setDraft({ ...draft, name: e.target.value })}
              />
            )}
          </Field>
          <Field label="Building" name="building" error={save.error}>
            {(p) => (
              <input
                {...p}
                value={draft.building}
                onChange={(e) => setDraft({ ...draft, building: e.target.value })}
              />
            )}
          </Field>
          <Field label="Floor" name="floor" error={save.error} hint="0 is the ground floor">
            {(p) => (
              <input
                {...p}
                type="number"
                inputMode="numeric"
                value={draft.floor}
                onChange={(e) => setDraft({ ...draft, floor: e.target.value })}
              />
            )}
          </Field>
        </SetupForm>
      ) : null}
    </>
  );
}
