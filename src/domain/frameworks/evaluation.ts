import { type Finding, type Rule, runRules } from './text.ts';

/**
 * The "no evaluation of an individual" check (protocol rule 6): a look-for may not grade or
 * rate the teacher. Each rule says what it looks for and why; a match names the rule and the
 * words that matched, so the person editing the framework can see exactly what to change.
 */

const TEACHER =
  "(?:teacher's|teachers'|teachers|teacher|teaching|practitioner's|practitioner|lesson's|lesson|member of staff|staff member|colleague)";
("(?:teacher|teacher's|teachers|teachers'|teaching|practitioner|practitioner's|lesson|lesson's|member of staff|staff member|colleague)");
const GRADE_WORD =
  '(?:outstanding|good|requires improvement|ri|inadequate|satisfactory|needs improvement|excellent|poor|weak|strong)';
const JUDGEMENT_ADJECTIVE =
  '(?:outstanding|good|excellent|effective|ineffective|strong|weak|poor|inadequate|satisfactory|engaging|inspiring|boring|competent|incompetent|skilled|confident)';

export const evaluationRules: readonly Rule[] = [
  {
    id: 'rates-the-teacher',
    reason:
      'It asks the observer to rate, grade, score or judge the teacher or the lesson. A learning walk records evidence about pupils and learning, never a verdict on a person.',
    patterns: [
      new RegExp(
        String.raw`\b(?:rate|rates|rating|grade|grades|grading|score|scores|scoring|mark|judge|judging|evaluate|evaluating|evaluation of|appraise|appraising|appraisal of|assess|assessing|assessment of)\b(?: (?:the|this|each|their|your|my|our|a|an|overall|how well|how good|how effective|quality of|standard of|effectiveness of|performance of))* ${TEACHER}\b`,
      ),
    ],
  },
  {
    id: 'teacher-performance',
    reason:
      "It is about the teacher's performance, effectiveness or quality. Look-fors describe what pupils are doing and learning, so no answer can become a score for a teacher.",
    patterns: [
      new RegExp(
        String.raw`\b${TEACHER} (?:performance|effectiveness|competence|competency|capability|quality|grade|score|rating|judgement|judgment)\b`,
      ),
      new RegExp(
        String.raw`\b(?:performance|effectiveness|competence|capability|quality|standard) of (?:the |this |their )?${TEACHER}`,
      ),
      /\bteachers' standards\b/,
    ],
  },
  {
    id: 'grading-scale',
    reason:
      'It uses an inspection-style grading scale (outstanding, good, requires improvement…). Learning walks never grade; record how many pupils you saw doing something instead.',
    patterns: [
      new RegExp(String.raw`\b${GRADE_WORD} ?(?:/|,|\||\bor\b) ?${GRADE_WORD}\b`),
      /\bofsted (?:grade|judgement|judgment|rating)\b/,
      /\bgrade [1-4]\b/,
    ],
  },
  {
    id: 'judgement-of-the-teacher',
    reason:
      'It asks for a judgement of how good or effective the teacher or the lesson is. Describe what pupils did and said instead.',
    patterns: [
      new RegExp(
        String.raw`\bhow (?:well|effectively|clearly|good|effective|strong|skilled|competent|confident|engaging) (?:does|did|is|was|are|were|do) (?:the |this |their |your )?${TEACHER}`,
      ),
      new RegExp(
        String.raw`\b(?:is|was|are|were) (?:the |this |their |your )?${TEACHER}(?: \w+)? (?:an? )?${JUDGEMENT_ADJECTIVE}\b`,
      ),
      new RegExp(
        String.raw`\b${TEACHER}(?: [\w']+){0,3} (?:is|was|were|are|seems|seemed) (?:very |highly |not |really )?${JUDGEMENT_ADJECTIVE}\b`,
      ),
      new RegExp(String.raw`\b(?:an? )?${JUDGEMENT_ADJECTIVE} (?:teacher|practitioner)\b`),
    ],
  },
  {
    id: 'teacher-attributes',
    reason:
      "It looks at the teacher's own attributes (subject knowledge, classroom management, delivery…) rather than pupils' learning. That is appraisal, which a learning walk is not.",
    patterns: [
      /\b(?:teacher|teacher's|practitioner|practitioner's)\b(?: [\w']+){0,3} (?:subject knowledge|classroom management|behaviour management|pedagogy|pedagogical|delivery|professionalism|expertise|control of the class)\b/,
    ],
  },
  {
    id: 'numeric-scale-about-the-teacher',
    reason:
      'It puts a number scale on the teacher or the lesson (1–4, out of 10…). A scale about a person is a grade by another name; use prevalence (some, most, all pupils) instead.',
    patterns: [
      new RegExp(
        String.raw`\b${TEACHER}\b.*(?:\b(?:1|one) ?(?:-|to) ?(?:3|4|5|6|7|10|three|four|five|ten)\b|\bout of (?:4|5|10)\b|\bscale\b|\b[1-4] ?/ ?[1-4] ?/ ?[1-4]\b)`,
      ),
      new RegExp(
        String.raw`(?:\b(?:1|one) ?(?:-|to) ?(?:3|4|5|6|7|10|three|four|five|ten)\b|\bout of (?:4|5|10)\b|\bscale\b).*\b${TEACHER}\b`,
      ),
    ],
  },
  {
    id: 'ranks-teachers',
    reason:
      'It ranks or compares teachers. The platform never ranks or compares individual teachers; compare learning across groups of classes instead.',
    patterns: [
      /\b(?:rank|ranks|ranking|league table of|compare|compares|comparing|compared)(?: (?:this|the|each|all|their|our|other|with|to|against))* (?:teachers|colleagues|staff|teacher(?!'s)\b)/,
      /\b(?:with|to|against) other (?:teachers|colleagues|members of staff)\b/,
      /\b(?:best|worst|weakest|strongest|top|bottom) (?:teacher|teachers|practitioner|practitioners)\b/,
    ],
  },
];

export function checkEvaluation(text: string): Finding[] {
  return runRules('evaluation', evaluationRules, text);
}
