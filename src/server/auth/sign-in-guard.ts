import type { AppDeps } from '../http/context.ts';
import { AppError } from '../http/errors.ts';
import { AttemptCounter, signInLimits } from './attempts.ts';

/**
 * The sign-in limits (README, "Sign-in limits"). Wrong passwords count per account and
 * address, per account, and per address across accounts with a higher ceiling, since a whole
 * school may sit behind one address; right passwords never count, and a right password
 * forgives the wrong ones typed just before it for that account from that address (the
 * person's own typos), in every count, so someone who often mistypes is never locked out
 * by their own successful sign-ins. Sign-in links count per
 * account and per address; links that do not work count per address.
 */
export function signInGuard(deps: Pick<AppDeps, 'config' | 'now'>) {
  const { maxAttempts, windowMs } = deps.config.login;
  const n = signInLimits(maxAttempts);
  const counter = (limit: number) => new AttemptCounter(limit, windowMs, deps.now);
  const wrong = {
    pair: counter(n.perAccountAndAddress),
    account: counter(n.perAccount),
    address: counter(n.perAddress),
  };
  const links = { account: counter(n.linksPerAccount), address: counter(n.linksPerAddress) };
  const badLinks = counter(n.badLinksPerAddress);
  // Issue 13: wrong MFA codes, per person (across steps and addresses) and per address.
  const wrongCodes = { person: counter(n.perAccountAndAddress), address: counter(n.perAddress) };
  const minutes = Math.round(windowMs / 60_000);
  const tooMany = (what: string, otherwise = '') =>
    new AppError('rate_limited', `${what} Wait ${minutes} minutes, then try again${otherwise}.`);

  return {
    checkPassword(address: string, email: string) {
      if (
        wrong.pair.blocked(`${address}|${email}`) ||
        wrong.account.blocked(email) ||
        wrong.address.blocked(address)
      ) {
        throw tooMany(
          'Too many wrong passwords for this account or from this network.',
          ', or ask for a sign-in link by email',
        );
      }
    },
    passwordFailed(address: string, email: string) {
      const pair = `${address}|${email}`;
      wrong.pair.record(pair);
      wrong.account.record(email, pair);
      wrong.address.record(address, pair);
    },
    passwordSucceeded(address: string, email: string) {
      const pair = `${address}|${email}`;
      wrong.pair.clear(pair);
      wrong.account.forgive(email, pair);
      wrong.address.forgive(address, pair);
    },
    linkAsked(address: string, email: string) {
      if (links.account.blocked(email) || links.address.blocked(address)) {
        throw tooMany('Too many sign-in links asked for.');
      }
      links.account.record(email);
      links.address.record(address);
    },
    checkLinkTries(address: string) {
      if (badLinks.blocked(address))
        throw tooMany('Too many sign-in links tried that did not work.');
    },
    linkFailed(address: string) {
      badLinks.record(address);
    },
    checkCode(address: string, personId?: string) {
      if (
        wrongCodes.address.blocked(address) ||
        (personId && wrongCodes.person.blocked(personId))
      ) {
        throw tooMany('Too many wrong sign-in codes.', ', or use one of your recovery codes');
      }
    },
    codeFailed(address: string, personId: string) {
      wrongCodes.person.record(personId);
      wrongCodes.address.record(address);
    },
  };
}
