import type { FrameworkContent } from '../types.ts';
import { lens, lookFor } from './build.ts';

// Specialist site checklists (issue 14), in our own words: each is a health-and-safety framework a
// school uses for rooms and areas with their own hazards, beside the general audit. Items describe
// the place and its equipment, never a person.

export const scienceLabs: FrameworkContent = {
  name: 'Science labs',
  kind: 'health_and_safety',
  description:
    'For laboratories and prep rooms: chemicals, gas, water, electricity and eye safety.',
  lenses: [
    lens('lab-chemicals', 'Chemicals', 'Storage, labelling and disposal.', [
      lookFor(
        'lab-chemical-store',
        'Chemicals are kept in a locked, ventilated and labelled store',
        'seen',
      ),
      lookFor(
        'lab-hazard-labels',
        'Containers in use carry hazard labels that can be read',
        'seen',
      ),
      lookFor('lab-spill-kit', 'A spill kit is in the room and stocked', 'seen'),
    ]),
    lens('lab-services', 'Gas, water and electricity', 'Isolation and supply.', [
      lookFor(
        'lab-gas-isolation',
        'The gas isolation valve is signed, reachable and turns freely',
        'seen',
      ),
      lookFor('lab-emergency-stop', 'The emergency power cut-off is signed and reachable', 'seen'),
      lookFor('lab-taps', 'Taps, sinks and drainage work without leaks', 'seen'),
    ]),
    lens('lab-protection', 'Eye and body protection', 'Protective equipment and first response.', [
      lookFor(
        'lab-eye-wash',
        'An eye-wash station or bottles are in date and unobstructed',
        'seen',
      ),
      lookFor(
        'lab-goggles',
        'Enough clean safety spectacles for a full class are available',
        'seen',
      ),
      lookFor('lab-fume-cupboard', 'The fume cupboard carries an in-date test label', 'seen'),
    ]),
  ],
};

export const dtWorkshop: FrameworkContent = {
  name: 'DT workshop',
  kind: 'health_and_safety',
  description:
    'For design and technology workshops: machines, tools, dust and protective equipment.',
  lenses: [
    lens('dt-machines', 'Machines', 'Guards, stops and marked zones.', [
      lookFor('dt-guards', 'Every machine has its guard fitted and adjusted', 'seen'),
      lookFor('dt-stops', 'Emergency stop buttons are marked and cut power when pressed', 'seen'),
      lookFor('dt-zones', 'Safe working zones around machines are marked on the floor', 'seen'),
    ]),
    lens('dt-air', 'Dust and fumes', 'Extraction and ventilation.', [
      lookFor('dt-extraction', 'Dust extraction runs and its bags or bins are not full', 'seen'),
      lookFor('dt-solder', 'Soldering areas have working fume extraction', 'seen'),
    ]),
    lens('dt-tools', 'Tools and protective equipment', 'Storage and condition.', [
      lookFor(
        'dt-tool-storage',
        'Hand tools are stored on shadow boards or in locked cupboards',
        'seen',
      ),
      lookFor('dt-ppe', 'Eye protection and aprons are available for everyone working', 'seen'),
      lookFor('dt-damaged-tools', 'Number of damaged or blunt tools found', 'count'),
    ]),
  ],
};

export const peSportsHall: FrameworkContent = {
  name: 'PE and sports hall',
  kind: 'health_and_safety',
  description: 'For the sports hall, gym and changing rooms: floors, fixed equipment and storage.',
  lenses: [
    lens('pe-floor', 'Floor and walls', 'Surfaces people run on and into.', [
      lookFor('pe-floor-surface', 'The floor is clean, dry and free of lifting boards', 'seen'),
      lookFor('pe-wall-padding', 'Wall padding and protrusions are secure and covered', 'seen'),
    ]),
    lens('pe-equipment', 'Equipment', 'Fixed and portable apparatus.', [
      lookFor(
        'pe-inspection',
        'Fixed apparatus carries a label from its last annual inspection',
        'seen',
      ),
      lookFor('pe-goals', 'Goals and posts are anchored or weighted', 'seen'),
      lookFor('pe-store', 'The equipment store is tidy, lit and its door opens freely', 'seen'),
    ]),
    lens('pe-changing', 'Changing rooms', 'Welfare and supervision arrangements.', [
      lookFor(
        'pe-changing-clean',
        'Changing rooms and showers are clean and drain properly',
        'seen',
      ),
      lookFor('pe-first-aid', 'A first aid kit and a way to call for help are in the hall', 'seen'),
    ]),
  ],
};

export const kitchenFoodTechnology: FrameworkContent = {
  name: 'Kitchen and food technology',
  kind: 'health_and_safety',
  description:
    'For the school kitchen and food rooms: hygiene, temperatures, allergens and equipment.',
  lenses: [
    lens('food-hygiene', 'Hygiene', 'Surfaces, handwashing and pests.', [
      lookFor('food-handwash', 'A handwash basin has hot water, soap and paper towels', 'seen'),
      lookFor(
        'food-surfaces',
        'Work surfaces and chopping boards are clean and in good repair',
        'seen',
      ),
      lookFor('food-pests', 'No sign of pests', 'seen'),
    ]),
    lens('food-storage', 'Storage and temperatures', 'Fridges, freezers and dates.', [
      lookFor('food-fridge-log', 'Fridge and freezer temperatures are logged and in range', 'seen'),
      lookFor('food-dates', 'Stored food is labelled and within its date', 'seen'),
      lookFor(
        'food-allergens',
        'Allergen information is displayed and ingredients are labelled',
        'seen',
      ),
    ]),
    lens('food-equipment', 'Equipment', 'Cookers, gas and fire.', [
      lookFor(
        'food-gas',
        'Gas appliances have an in-date safety check and an isolation switch',
        'seen',
      ),
      lookFor('food-fire-blanket', 'A fire blanket is mounted near the cookers', 'seen'),
      lookFor('food-knives', 'Knives are stored securely and counted back in', 'seen'),
    ]),
  ],
};

export const outdoorAreas: FrameworkContent = {
  name: 'Outdoor areas',
  kind: 'health_and_safety',
  description: 'For playgrounds, fields, the car park and the perimeter.',
  lenses: [
    lens('out-surfaces', 'Surfaces', 'Where people walk, run and play.', [
      lookFor(
        'out-trip',
        'Paths and play surfaces are free of holes, lifting slabs and standing water',
        'seen',
      ),
      lookFor('out-glass', 'No glass, sharps or litter that could injure', 'seen'),
      lookFor('out-ice', 'Gritting and drainage are in place for wet or icy weather', 'seen'),
    ]),
    lens('out-play', 'Play equipment', 'Fixed equipment and its safety surfacing.', [
      lookFor(
        'out-play-equipment',
        'Play equipment is undamaged, with no sharp edges or loose fixings',
        'seen',
      ),
      lookFor(
        'out-play-surfacing',
        'Safety surfacing under equipment is in place and unworn',
        'seen',
      ),
    ]),
    lens('out-boundary', 'Boundary and vehicles', 'Fences, gates and the car park.', [
      lookFor('out-fences', 'Fences and gates are intact and gates close and lock', 'seen'),
      lookFor('out-vehicles', 'Pedestrian routes are kept apart from vehicles', 'seen'),
      lookFor('out-lighting', 'External lighting works where people walk after dark', 'seen'),
    ]),
  ],
};
