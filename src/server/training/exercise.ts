/**
 * The neutral-language exercise's described scene: the trainee writes notes about it, the
 * note checker gives feedback, and they rewrite until it passes.
 */
export const EXERCISE_SCENE =
  'A Year 8 science lesson, ten minutes in. Ms Rahman asks the class why the candle went out under the jar. ' +
  'Most pupils talk in pairs; two pairs write their ideas on mini whiteboards; a few pupils at the back wait without talking. ' +
  'Ms Rahman moves between the tables and asks “How do you know?” A pupil, Kieran, answers that “the air ran out”. ' +
  'Write the notes you would keep for this room: what pupils were doing, in neutral words, naming nobody.';
