import type { ListQuery } from '../../contracts/paging.ts';
import type { Room, RoomInput, RoomPage } from '../../contracts/rooms.ts';
import { auditSetup, type Doer } from '../audit/audit.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps } from '../http/context.ts';
import { AppError, notFound } from '../http/errors.ts';
import { authorisedSchool } from '../kernel/school-access.ts';
import { fieldError, mapConflicts } from '../kernel/set-up-conflicts.ts';
import * as q from './rooms.queries.ts';

const out = (r: { room_id: string; name: string; building: string; floor: number }): Room => ({
  id: r.room_id,
  name: r.name,
  building: r.building,
  floor: r.floor,
});

/** The school's rooms by building, floor and name; search ?q= by room or building, paged. */
export function listRooms(
  deps: AppDeps,
  doer: Pick<Doer, 'auth'>,
  schoolId: string,
  query: ListQuery,
): Promise<RoomPage> {
  return withTenant(deps.db, doer.auth.actor.trustId, async (tx) => {
    await authorisedSchool(tx, doer.auth, schoolId, 'school.view_rooms', "see this school's rooms");
    const { rows, total } = await q.listRoomsPage(tx, schoolId, query);
    const items = rows.map(out);
    return { items, total, page: query.page, pageSize: query.pageSize, rooms: items };
  });
}

const roomConflicts = {
  rooms_trust_id_school_id_name_key: {
    field: 'name',
    message: 'The school already has a room with that name. Choose another name.',
  },
};

async function refuseDuplicate(tx: Tx, schoolId: string, name: string, roomId: string | null) {
  const same = await q.findRoomByName(tx, schoolId, name);
  if (same && same.room_id !== roomId) {
    throw fieldError(
      'room_name_taken',
      'name',
      `The school already has a room called “${same.name}”. Choose another name, or edit that room.`,
    );
  }
}

const manage = (tx: Tx, doer: Doer, schoolId: string) =>
  authorisedSchool(tx, doer.auth, schoolId, 'school.manage_setup', "change this school's rooms");

export function addRoom(deps: AppDeps, doer: Doer, schoolId: string, input: RoomInput) {
  return withTenant(deps.db, doer.auth.actor.trustId, async (tx) => {
    const school = await manage(tx, doer, schoolId);
    await refuseDuplicate(tx, schoolId, input.name, null);
    const row = await mapConflicts(
      () => q.insertRoom(tx, { trust_id: school.trust_id, school_id: schoolId, ...input }),
      roomConflicts,
    );
    await auditSetup(tx, doer, 'room.added', 'room', row.room_id);
    return { room: out(row) };
  });
}

export function editRoom(
  deps: AppDeps,
  doer: Doer,
  schoolId: string,
  roomId: string,
  input: RoomInput,
) {
  return withTenant(deps.db, doer.auth.actor.trustId, async (tx) => {
    await manage(tx, doer, schoolId);
    if (!(await q.findRoom(tx, schoolId, roomId))) throw notFound('The room');
    await refuseDuplicate(tx, schoolId, input.name, roomId);
    const row = await mapConflicts(() => q.updateRoom(tx, schoolId, roomId, input), roomConflicts);
    if (!row) throw notFound('The room');
    await auditSetup(tx, doer, 'room.edited', 'room', roomId);
    return { room: out(row) };
  });
}

export function removeRoom(deps: AppDeps, doer: Doer, schoolId: string, roomId: string) {
  return withTenant(deps.db, doer.auth.actor.trustId, async (tx) => {
    await manage(tx, doer, schoolId);
    const room = await q.findRoom(tx, schoolId, roomId);
    if (!room) throw notFound('The room');
    const lessons = await q.lessonsInRoom(tx, roomId);
    if (lessons > 0) {
      throw new AppError(
        'room_in_use',
        `${room.name} is used by ${lessons} lesson${lessons === 1 ? '' : 's'} on the timetable. Move ${lessons === 1 ? 'that lesson' : 'those lessons'} to another room, or remove ${lessons === 1 ? 'it' : 'them'}, first.`,
        { lessons },
      );
    }
    await mapConflicts(() => q.deleteRoom(tx, schoolId, roomId), {});
    await auditSetup(tx, doer, 'room.removed', 'room', roomId);
  });
}
