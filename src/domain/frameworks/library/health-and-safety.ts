import type { FrameworkContent } from '../types.ts';
import { lens, lookFor } from './build.ts';

/** A site audit checklist for health-and-safety walks. Findings are about the site, never a person. */
export const healthAndSafety: FrameworkContent = {
  name: 'Health and safety audit',
  kind: 'health_and_safety',
  description:
    'A walk-round checklist of the site. Record what is in place; log anything that needs action as a finding with a photo.',
  lenses: [
    lens('fire-safety', 'Fire safety', 'Detection, equipment and procedures.', [
      lookFor('extinguishers', 'Fire extinguishers are in place, in date and unobstructed', 'seen'),
      lookFor('fire-doors', 'Fire doors close fully and are not wedged open', 'seen'),
      lookFor('fire-notices', 'Fire action notices are displayed and legible', 'seen'),
    ]),
    lens('exits', 'Exits and escape routes', 'Ways out of the building.', [
      lookFor('exits-clear', 'Fire exits are clear, signed and open easily from inside', 'seen'),
      lookFor('routes-clear', 'Corridors and stairs on escape routes are free of storage', 'seen'),
    ]),
    lens('electrical', 'Electrical safety', 'Equipment, cables and sockets.', [
      lookFor('pat-labels', 'Portable equipment carries an in-date test label', 'seen'),
      lookFor('damaged-cables', 'Number of damaged cables, plugs or sockets seen', 'count'),
      lookFor('overloaded', 'Sockets are not overloaded with chained adaptors', 'seen'),
    ]),
    lens('trip-hazards', 'Slips and trips', 'Floors, cables and clutter.', [
      lookFor('floors', 'Floor coverings are secure and free of damage', 'seen'),
      lookFor('trailing-cables', 'No cables trail across walkways', 'seen'),
    ]),
    lens('specialist-rooms', 'Science and DT rooms', 'Rooms with chemicals, machines or gas.', [
      lookFor('chemicals-stored', 'Chemicals are stored in locked, labelled cabinets', 'seen'),
      lookFor('machine-guards', 'Machine guards and emergency stops are in place and work', 'seen'),
      lookFor(
        'gas-shutoff',
        'Gas and electrical isolation switches are signed and reachable',
        'seen',
      ),
    ]),
    lens('first-aid', 'First aid', 'Kits, people and records.', [
      lookFor('first-aid-kits', 'First aid kits are stocked and in date', 'seen'),
      lookFor('first-aiders-listed', 'Names of first aiders are displayed', 'seen'),
    ]),
    lens('security', 'Security', 'Access to the site and buildings.', [
      lookFor('perimeter', 'Perimeter gates and fences are secure', 'seen'),
      lookFor('visitors', 'Visitors sign in and wear identification', 'seen'),
    ]),
    lens('welfare', 'Welfare', 'Toilets, water, temperature and light.', [
      lookFor('toilets', 'Toilets are clean, stocked and working', 'seen'),
      lookFor('drinking-water', 'Drinking water is available', 'seen'),
      lookFor('welfare-note', 'Notes on temperature, light and ventilation', 'note'),
    ]),
  ],
};
