import { describe, expect, it } from 'vitest';
import { checkFocusText, checkIndividual, individualReasons } from './individual.ts';
import { normalisePrompt } from './text.ts';

/**
 * Rule 2: a focus or purpose never singles out a member of staff (by name, title, staff code, a
 * role one person holds, their room) nor ties the walk to appraisal, capability, performance
 * management or grading. Rule 6 applies to it too.
 */
const caught: string[] = [
  'Support for the struggling teacher in maths',
  'How the RQT copes with Year 11',
  'Whether the head of year 9 has control of assemblies',
  'Performance review evidence for the science team',
  "Gathering evidence for Jo's support plan",
  "The Year 6 teacher's handling of transitions",
  'Lessons in room B12',
  'Moderating lesson grades across the department',
  'How the PE teacher organises changing',
  'Whether the NQT in room M4 is coping',
  "The new maths teacher's behaviour management",
  'Teacher performance for appraisal',
  "Evidence for Mrs Khan's appraisal",
  'How the ECT in science manages transitions',
  'Support for the head of history with group work',
  "Questioning in the SENCo's intervention group",
  'The teacher in room 14 and their routines',
  'Is the supply teacher in S12 keeping pupils on task?',
  'Behaviour in Lab 3 on Friday afternoons',
  'Evidence for the capability procedure',
  'Walks to inform performance management reviews',
  "Checking a particular colleague's marking",
  'Graded lesson observations for the English team',
  'Whether the trainee teacher can hold the class',
  "The deputy head's Year 9 set",
  'Questioning in lessons taught in M4',
  'Staff performance across the department',
  'Pay progression evidence for upper pay range colleagues',
  'The teacher who took over 8C in January',
  'How Mr Okafor uses mini whiteboards',
  "The English lead's own teaching",
];

const allowed: string[] = [
  'How pupils in Year 9 use retrieval quizzes',
  "Pupils' independence in the science labs",
  'How teachers across the school use mini whiteboards',
  'Oracy in the humanities faculty',
  'Feedback that pupils act on, across Key Stage 3',
  "How every class teacher's routines help pupils settle",
  'What helps pupils with EAL join in discussion',
  'Reading in form time',
  'How pupils use the library at lunchtime',
  'To learn together as a staff how pupils talk about maths',
  'How pupils explain their reasoning in Year 8 maths',
  'Retrieval practice at the start of lessons in science and English',
  'Oracy: how pupils use subject vocabulary in KS3',
  'Reading for pleasure in the sixth form',
  'Questioning that draws every pupil in',
  'How pupils act on feedback in their books',
  'To see how pupils in every class talk about texts, so the reading strategy builds on what works',
  'What pupils do when they are stuck, across Years 7 to 9',
  'Independent learning in the Year 6 classrooms',
  'How pupils use working walls in Key Stage 1',
  "Pupils' use of mini whiteboards to show their thinking",
  "To find out whether pupils can say how today's work links to earlier learning",
  'Routines for starting lessons across the school',
  "How the class teacher's model is used by pupils to check their work",
  'To share what works in our next training day, so every teacher can try it',
  "Pupils' talk in pairs before whole-class discussion",
  'How pupils with SEND access the same task as their peers',
  'Vocabulary in science practicals in Y7',
  'Group work in the humanities block',
  'To see how pupils use feedback, so we can plan training together as a staff',
  'Reading aloud in tutor time',
  'Whether pupils in Year 11 can recall key quotations',
];

const staff = [
  { id: 'p-amir', name: 'Amir Patel', code: 'APA' },
  { id: 'p-khan', name: 'Sara Khan', code: 'SKH' },
];

describe('rule 2: a focus is never about an individual', () => {
  it('has a table of at least 20 foci caught and 20 allowed', () => {
    expect(caught.length).toBeGreaterThanOrEqual(20);
    expect(allowed.length).toBeGreaterThanOrEqual(20);
  });

  it.each(caught)('refuses %j, naming the words', (text) => {
    const { names, findings } = checkFocusText(text, staff);
    expect(names.length + findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(normalisePrompt(text)).toContain(f.phrase);
      expect(f.reason.length).toBeGreaterThan(40);
      expect(f.rewrite).toMatch(/^Try: “.+”\.$/);
    }
  });

  it.each(allowed)('allows %j', (text) => {
    expect(checkFocusText(text, staff)).toEqual({ names: [], findings: [] });
  });

  it.each([
    ['Whether the NQT in room M4 is coping', 'singles-out-a-role', 'NQT'],
    ['Whether the NQT in room M4 is coping', 'names-a-room', 'room M4'],
    [
      "The new maths teacher's behaviour management",
      'singles-out-a-role',
      "The new maths teacher's",
    ],
    ['Teacher performance for appraisal', 'links-to-appraisal', 'appraisal'],
  ])('explains %j under %s, naming %j', (text, rule, phrase) => {
    const { findings } = checkFocusText(text);
    expect(findings).toContainEqual(
      expect.objectContaining({ rule, phrase, reason: individualReasons[rule as 'names-a-room'] }),
    );
  });

  it('finds names and staff codes from the staff list, with their ids', () => {
    expect(checkFocusText('Group work with Amir in year 9', staff).names).toEqual([
      { text: 'Amir', ids: ['p-amir'] },
    ]);
    expect(checkFocusText('Reading (SKH)', staff).names).toEqual([
      { text: 'SKH', ids: ['p-khan'] },
    ]);
  });

  it('finds a title with a name in any prompt', () => {
    expect(checkIndividual("Is Mr Patel's classroom tidy?")).toEqual([
      expect.objectContaining({ rule: 'names-an-individual', phrase: "Mr Patel's" }),
    ]);
    expect(checkIndividual('Miss out any question you do not want to answer')).toEqual([]);
  });
});
