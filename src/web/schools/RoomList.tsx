import { useAllRooms } from '../rooms/api.ts';
import { ErrorMessage, Loading } from '../ui/Status.tsx';

type Room = { id: string; name: string; building: string; floor: number };

const floorName = (floor: number) => (floor === 0 ? 'Ground floor' : `Floor ${floor}`);

export function RoomList({ schoolId }: { schoolId: string }) {
  const rooms = useAllRooms(schoolId);
  if (rooms.isPending) return <Loading what="rooms" />;
  if (rooms.error) return <ErrorMessage error={rooms.error} />;
  // Not Map.groupBy: phones on Safari before 17.4 do not have it.
  const byBuilding = new Map<string, Room[]>();
  for (const r of rooms.data.rooms)
    byBuilding.set(r.building, [...(byBuilding.get(r.building) ?? []), r]);
  return (
    <div className="buildings">
      {[...byBuilding].map(([building, list]) => (
        <section key={building} aria-label={building}>
          <h3>{building}</h3>
          <ul>
            {list.map((r) => (
              <li key={r.id}>
                {r.name} <span className="muted">· {floorName(r.floor)}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
