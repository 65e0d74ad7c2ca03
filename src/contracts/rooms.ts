import { z } from 'zod';
import { listQueryShape, pageFields } from './paging.ts';

export const roomParamsSchema = z.object({
  schoolId: z.uuid({ error: 'A school id is a UUID, as given by GET /api/schools.' }),
  roomId: z.uuid({ error: 'A room id is a UUID, as given by the rooms list.' }),
});

export const roomSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  building: z.string(),
  floor: z.number().int(),
});
export type Room = z.infer<typeof roomSchema>;

export const roomListQuerySchema = z.object(listQueryShape).strict();

export const roomPageSchema = z.object({
  items: z.array(roomSchema),
  ...pageFields,
  /** The same items under the list's earlier name, for callers written before paging. */
  rooms: z.array(roomSchema),
});
export type RoomPage = z.infer<typeof roomPageSchema>;

export const roomInputSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, { error: 'Enter the room’s name, like "S12" or "Hall".' })
      .max(50, { error: 'A room name can be at most 50 characters.' }),
    building: z
      .string()
      .trim()
      .min(1, { error: 'Enter the building, like "Main building".' })
      .max(100, { error: 'A building name can be at most 100 characters.' }),
    floor: z
      .number({ error: 'The floor is a whole number: 0 for the ground floor, 1 for the first…' })
      .int({ error: 'The floor is a whole number: 0 for the ground floor, 1 for the first…' })
      .min(-5, { error: 'The floor is between -5 (basement) and 50.' })
      .max(50, { error: 'The floor is between -5 (basement) and 50.' }),
  })
  .strict();
export type RoomInput = z.infer<typeof roomInputSchema>;

export const roomResponseSchema = z.object({ room: roomSchema });
