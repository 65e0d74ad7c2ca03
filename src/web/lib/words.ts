import { organisationWords } from '../../domain/trusts/words.ts';
import { useSession } from './session.tsx';

/** "the trust" or, for a single school (issue 13), "the school": the words the pages use. */
export function useOrganisationWords() {
  const { me } = useSession();
  return organisationWords(me?.trust.singleSchool ?? false);
}
