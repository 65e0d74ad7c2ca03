import { sql } from 'kysely';
import type { Tx } from '../db/with-tenant.ts';
import { containsPattern, offsetOf } from '../kernel/search.ts';

type ListOptions = { q: string; page: number; pageSize: number };

function roomsOf(tx: Tx, schoolId: string, q: string) {
  let query = tx.selectFrom('rooms').where('school_id', '=', schoolId);
  if (q) {
    const pattern = containsPattern(q);
    query = query.where((eb) =>
      eb.or([eb('name', 'ilike', pattern), eb('building', 'ilike', pattern)]),
    );
  }
  return query;
}

export async function listRoomsPage(tx: Tx, schoolId: string, options: ListOptions) {
  const [rows, total] = await Promise.all([
    roomsOf(tx, schoolId, options.q)
      .select(['room_id', 'name', 'building', 'floor'])
      .orderBy('building')
      .orderBy('floor')
      .orderBy('name')
      .limit(options.pageSize)
      .offset(offsetOf(options))
      .execute(),
    roomsOf(tx, schoolId, options.q)
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => r.n),
  ]);
  return { rows, total };
}

export function findRoom(tx: Tx, schoolId: string, roomId: string) {
  return tx
    .selectFrom('rooms')
    .select(['room_id', 'name', 'building', 'floor'])
    .where('school_id', '=', schoolId)
    .where('room_id', '=', roomId)
    .executeTakeFirst();
}

export function findRoomByName(tx: Tx, schoolId: string, name: string) {
  return tx
    .selectFrom('rooms')
    .select(['room_id', 'name'])
    .where('school_id', '=', schoolId)
    .where(sql<boolean>`lower(name) = lower(${name})`)
    .executeTakeFirst();
}

export function insertRoom(
  tx: Tx,
  values: { trust_id: string; school_id: string; name: string; building: string; floor: number },
) {
  return tx
    .insertInto('rooms')
    .values(values)
    .returning(['room_id', 'name', 'building', 'floor'])
    .executeTakeFirstOrThrow();
}

export function updateRoom(
  tx: Tx,
  schoolId: string,
  roomId: string,
  values: { name: string; building: string; floor: number },
) {
  return tx
    .updateTable('rooms')
    .set(values)
    .where('school_id', '=', schoolId)
    .where('room_id', '=', roomId)
    .returning(['room_id', 'name', 'building', 'floor'])
    .executeTakeFirst();
}

export function lessonsInRoom(tx: Tx, roomId: string) {
  return tx
    .selectFrom('lessons')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('room_id', '=', roomId)
    .executeTakeFirstOrThrow()
    .then((r) => r.n);
}

export function deleteRoom(tx: Tx, schoolId: string, roomId: string) {
  return tx
    .deleteFrom('rooms')
    .where('school_id', '=', schoolId)
    .where('room_id', '=', roomId)
    .executeTakeFirst();
}
