/**
 * Suggested rewrites: what the refused text was reaching for, said as what pupils do. The topic
 * is found from the words of the text (questioning, behaviour, planning…); the rewrite keeps the
 * topic and moves the subject to pupils.
 */

type Topic = { words: RegExp; lookFor: string; pupils: string; focus: string };

const topics: Topic[] = [
  {
    words: /\b(?:question\w*|quiz\w*)\b/,
    lookFor: 'Pupils answer questions with reasons or evidence',
    pupils: 'What do you do when you are asked a question you are not sure about?',
    focus: 'How pupils answer and ask questions that extend their thinking',
  },
  {
    words: /\b(?:behaviou?r\w*|manag\w*|control\w*|routines?|disrupt\w*|coping)\b/,
    lookFor: 'Pupils follow the routines for starting, moving and working on the task',
    pupils: 'What helps you get on with your work in this subject?',
    focus: 'How pupils settle to work and follow routines across the school',
  },
  {
    words: /\b(?:differentiat\w*|adapt\w*|abilit\w*|needs|pitch\w*|challeng\w*|expectations?)\b/,
    lookFor: 'Pupils start the task without help, and some choose a harder step',
    pupils: 'What do you do when the work feels too easy or too hard?',
    focus: 'How pupils at different starting points get going on the same task',
  },
  {
    words: /\b(?:explain\w*|explanations?|instruction\w*|model\w*|clear\w*|deliver\w*)\b/,
    lookFor: 'Pupils can explain the new idea in their own words',
    pupils: 'Can you explain what you are learning in your own words?',
    focus: 'How pupils explain new ideas in their own words',
  },
  {
    words: /\b(?:plan\w*|sequenc\w*|structur\w*|prior|builds?)\b/,
    lookFor: "Pupils can say how today's work builds on what they learnt before",
    pupils: 'How does this link to something you learnt before?',
    focus: "How pupils connect today's work with what they learnt before",
  },
  {
    words: /\b(?:feedback|marking|mark\w*|improv\w*)\b/,
    lookFor: 'Pupils act on feedback to improve a piece of work',
    pupils: 'Can you show me something you improved?',
    focus: 'How pupils act on feedback to improve their work',
  },
  {
    words: /\b(?:help\w*|support\w*|stuck)\b/,
    lookFor: 'Pupils use the resources around them when they are stuck',
    pupils: 'What do you do when you are stuck?',
    focus: 'What pupils do when they are stuck',
  },
  {
    words: /\b(?:subject knowledge|vocabulary|knowledge|expert\w*)\b/,
    lookFor: "Pupils use the subject's key vocabulary accurately",
    pupils: 'What new words have you used today?',
    focus: 'How pupils use subject vocabulary in their talk and writing',
  },
  {
    words: /\b(?:engag\w*|enjoy\w*|fun|boring|interest\w*|inspir\w*|like|thumbs?|pace|pacey)\b/,
    lookFor: 'Pupils talk to each other about the work',
    pupils: 'What are you learning about today?',
    focus: 'How pupils take part in the learning',
  },
];

const fallback: Topic = {
  words: /$^/,
  lookFor: 'Most pupils can say what they are learning and why',
  pupils: 'What are you learning about today?',
  focus: 'What pupils are learning and how they talk about it',
};

export type RewriteFor = 'lookFor' | 'pupils' | 'focus';

/** A rewrite about pupils on the topic of `text`, written for a look-for, a pupil or a focus. */
export function suggestRewrite(text: string, kind: RewriteFor): string {
  const lower = text.toLowerCase();
  const topic = topics.find((t) => t.words.test(lower)) ?? fallback;
  return topic[kind];
}
