import type { WalkPlanningDto } from '../../contracts/walks.ts';
import { planningQuestions } from '../../domain/walk-planning/planning-questions.ts';

/**
 * The questions to settle before a walk (issue 16), as a short guided section of the walk's
 * plan. The answers about feedback and who else receives the data are shown to the visited
 * teachers in their notice; when feedback is in person, each is offered a conversation.
 */
export function PlanningQuestions({
  value,
  onChange,
}: {
  value: WalkPlanningDto;
  onChange: (next: WalkPlanningDto) => void;
}) {
  return (
    <fieldset className="planning-questions">
      <legend>Before the walk: questions to settle</legend>
      <p className="muted">
        Visited teachers are told how feedback is given and who else receives what the walk finds.
      </p>
      {planningQuestions.map((q) => (
        <div key={q.key} className="field">
          <label htmlFor={`planning-${q.key}`}>{q.question}</label>
          <span id={`planning-${q.key}-hint`} className="muted hint">
            {q.hint}
          </span>
          <textarea
            id={`planning-${q.key}`}
            aria-describedby={`planning-${q.key}-hint`}
            rows={2}
            maxLength={1000}
            value={value[q.key]}
            onChange={(e) => onChange({ ...value, [q.key]: e.target.value })}
          />
          {q.key === 'feedbackHow' ? (
            <label className="checkbox">
              <input
                type="checkbox"
                checked={value.feedbackInPerson}
                onChange={(e) => onChange({ ...value, feedbackInPerson: e.target.checked })}
              />
              Feedback is given in person: each visited teacher is offered a short conversation
            </label>
          ) : null}
        </div>
      ))}
    </fieldset>
  );
}

/** The plan's answers on the walk's page. */
export function PlanningAnswers({ planning }: { planning: WalkPlanningDto | null | undefined }) {
  if (!planning) return null;
  const answered = planningQuestions.filter((q) => planning[q.key].trim());
  if (answered.length === 0 && !planning.feedbackInPerson) return null;
  return (
    <section aria-labelledby="planning-answers">
      <h2 id="planning-answers">Settled before the walk</h2>
      <dl>
        {answered.map((q) => (
          <div key={q.key}>
            <dt>{q.question}</dt>
            <dd>{planning[q.key]}</dd>
          </div>
        ))}
        {planning.feedbackInPerson ? (
          <div>
            <dt>Feedback in person</dt>
            <dd>Each visited teacher is offered a short conversation.</dd>
          </div>
        ) : null}
      </dl>
    </section>
  );
}
