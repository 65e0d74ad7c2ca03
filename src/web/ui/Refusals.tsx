import type { ProtocolViolationDto } from '../../contracts/walks.ts';
import { protocolRuleLabels } from '../../domain/protocol/types.ts';
import { ApiFailure } from '../lib/api.ts';
import { ErrorMessage } from './Status.tsx';

/** The protocol rules' names are the domain's; the walks service's own checks add "visits". */
const ruleLabels: Record<string, string> = { ...protocolRuleLabels, visits: 'Visits' };

/** The server's refusal: its message, and each broken rule with the limit and the case. */
export function Refusals({ error }: { error: unknown }) {
  if (!error) return null;
  const details =
    error instanceof ApiFailure && Array.isArray(error.details)
      ? (error.details as ProtocolViolationDto[]).filter((d) => d && 'rule' in d)
      : [];
  if (details.length === 0) return <ErrorMessage error={error} />;
  return (
    <div role="alert">
      <p className="error">The walk cannot go ahead as it stands:</p>
      <ProblemList problems={details} />
    </div>
  );
}

export function ProblemList({ problems }: { problems: readonly ProtocolViolationDto[] }) {
  return (
    <ul className="refusals">
      {problems.map((p) => (
        <li key={`${p.code}-${p.message}`}>
          <span className="rule">{ruleLabels[p.rule] ?? p.rule}:</span> {p.message}
        </li>
      ))}
    </ul>
  );
}
