import type { FrameworkContent } from '../types.ts';
import { healthAndSafety } from './health-and-safety.ts';
import {
  dtWorkshop,
  kitchenFoodTechnology,
  outdoorAreas,
  peSportsHall,
  scienceLabs,
} from './site-specialist.ts';
import { studentCentred } from './student-centred.ts';
import { teachingAndLearning } from './teaching-and-learning.ts';

export type LibraryEntry = { id: string; content: FrameworkContent };

/** The built-in library a trust can start from. */
export const library: readonly LibraryEntry[] = [
  { id: 'teaching-and-learning', content: teachingAndLearning },
  { id: 'student-centred', content: studentCentred },
  { id: 'health-and-safety', content: healthAndSafety },
  { id: 'science-labs', content: scienceLabs },
  { id: 'dt-workshop', content: dtWorkshop },
  { id: 'pe-sports-hall', content: peSportsHall },
  { id: 'kitchen-food-technology', content: kitchenFoodTechnology },
  { id: 'outdoor-areas', content: outdoorAreas },
];

export function libraryEntry(id: string): LibraryEntry | undefined {
  return library.find((e) => e.id === id);
}
