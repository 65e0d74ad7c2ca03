/**
 * The context that tells a given name used for a person ("asked Grace to read") from the same
 * word used for something else ("Grace period", "Will pupils…", "Queen Victoria", "a trip to
 * Florence", "a poem by Simon Armitage"). Structural cues only: what stands before and after the
 * word. The checker reads these with givenNames() (given-names.ts).
 */

const words = (s: string): ReadonlySet<string> => new Set(s.trim().split(/\s+/));

/** Before a given name, these make it a title or a place, not a pupil: "Queen Victoria", "St Mary's". */
export const NOT_A_PUPIL_BEFORE = words(`
  king queen prince princess saint st lord lady sir dame pope emperor empress tsar tsarina
  duke duchess earl archbishop bishop prophet apostle lake mount loch port cape fort isle
  river union uncle aunt aunty auntie grandma grandad granny grandpa captain general admiral
  president chancellor professor
`);

/**
 * After a given name, these make it a place, building, class or thing: "Victoria Road",
 * "Alexandra Park", "Rowan class" (primary classes are often named after trees or people).
 */
export const PLACE_NOUNS = words(`
  street st road rd avenue ave lane drive close crescent park school academy college
  university hall house building block wing centre center church chapel cathedral abbey
  bridge square hill green court gardens garden way library museum hospital station line
  primary infants juniors junior nursery campus field fields site theatre stadium
  sponge day's class classes group groups table tables team set
`);

/** "in Jordan", "to Florence", "the siege of Troy": a preposition of place before a place name. */
export const PLACE_PREPOSITIONS = words(
  `in to from at near of visited visiting across around towards toward via`,
);

/** Given names that are also places, read as places after a preposition of place. */
export const PLACE_LIKE_NAMES = words(`
  jordan georgia chelsea florence savannah lincoln austin madison sienna victoria alexandra
  adelaide charlotte paris sydney chester troy phoenix preston kingston hamilton stirling
  kent devon kenya orlando dallas santiago lourdes iona skye shannon elan jersey carolina
  virginia dakota brooklyn camden
`);

/** "a poem by Simon Armitage": after one of these and "by", a name is an author or artist. */
export const WORK_NOUNS = words(`
  poem poems book books novel novels play plays story stories painting paintings song songs
  text texts extract extracts piece sonnet work works music symphony image images quote
  quotation speech letter letters diary film films picture pictures sculpture photograph
  article articles essay essays chapter written painted composed directed illustrated
  photographed
`);

/** A name does not take a determiner: "the Rose garden", "a Jack Russell", "our Victoria line". */
export const DETERMINERS = words(
  `the a an this that these those our their his her its my your each every`,
);

/**
 * A name that is also an everyday word, at the start of a sentence, is a name only when a verb or
 * a possessive follows it: "Will was reading" (a name), "Will pupils finish?" (a question),
 * "Grace period of five minutes" (not a person).
 */
export const VERBS_AFTER_A_NAME = words(`
  was is were has had did didn't wasn't isn't hasn't hadn't does doesn't said says asked
  asks told tells answered answers explained explains shouted cried laughed smiled wrote
  writes read reads kept keeps went goes came comes got gets started starts tried tries
  looked looks put puts sat sits stood stands called calls refused refuses finished
  finishes began begins worked works helped helps needed needs wanted wants showed shows
  could couldn't would wouldn't will won't can can't should shouldn't might must
  also then still just again struggled shared chose used left ran walked spoke talked
  threw hit swore
`);

/**
 * People and works taught as content, whose names include a given name: not pupils. Matched as
 * whole phrases, before any name rule, so "Oliver Twist" and "Anne Frank" are lesson content.
 * A school adds its own (local history, set texts) as `notNames`.
 */
export const CONTENT_NAMES: readonly string[] = [
  'oliver twist',
  'oliver cromwell',
  'anne frank',
  'anne boleyn',
  'charles darwin',
  'charles dickens',
  'charles i',
  'charles ii',
  'isaac newton',
  'florence nightingale',
  'mary seacole',
  'mary anning',
  'mary shelley',
  'mary and joseph',
  'martin luther king',
  'rosa parks',
  'ruby bridges',
  'grace darling',
  'walter tull',
  'emmeline pankhurst',
  'marie curie',
  'albert einstein',
  'ada lovelace',
  'alan turing',
  'william shakespeare',
  'william the conqueror',
  'edward the confessor',
  'elizabeth i',
  'elizabeth ii',
  'elizabeth fry',
  'james i',
  'henry viii',
  'jane austen',
  'jane eyre',
  'jane goodall',
  'emily bronte',
  'emily brontë',
  'charlotte bronte',
  'charlotte brontë',
  "charlotte's web",
  'emily dickinson',
  'david attenborough',
  'michael morpurgo',
  'michael rosen',
  'julia donaldson',
  'rosalind franklin',
  'stephen hawking',
  'neil armstrong',
  'amelia earhart',
  'christopher columbus',
  'guy fawkes',
  'george stephenson',
  'george orwell',
  "george's marvellous medicine",
  'pablo picasso',
  'vincent van gogh',
  'harry potter',
  'peter pan',
  'peter rabbit',
  'alice in wonderland',
  'james and the giant peach',
  'romeo and juliet',
  'adam and eve',
  "noah's ark",
  'christmas eve',
  "new year's eve",
  'christmas carol',
  'union jack',
  'ben nevis',
  'big ben',
  'jack and the beanstalk',
  'goldilocks',
  'simon armitage',
  'carol ann duffy',
  'benjamin zephaniah',
  'john agard',
  'grace nichols',
];

/** The Roman numerals of a monarch: "Henry VIII", "George V". */
export const REGNAL_NUMERALS = words(`ii iii iv vi vii viii ix xi xii`);
