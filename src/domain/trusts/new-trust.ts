/**
 * The rules for a new trust (issue 13), the same for the first-run wizard and the operators'
 * command: what it is called, its short name, and its first administrator.
 */

export type NewTrustKind = 'trust' | 'single_school';

export type NewTrustInput = {
  kind: NewTrustKind;
  /** The trust's name, or the school's name for a single school. */
  name: string;
  /** A short name chosen by the operator; derived from the name when absent. */
  slug?: string | undefined;
  admin: { fullName: string; email: string };
};

export type NewTrust = {
  kind: NewTrustKind;
  name: string;
  slug: string;
  admin: { fullName: string; email: string };
};

export type Problem = { field: string; message: string };

const SLUG = /^[a-z0-9-]{2,60}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** "St Mary's C of E Primary" → "st-marys-c-of-e-primary": lower case, a-z 0-9 and hyphens, 2–60 long. */
export function slugFrom(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  return slug.length >= 2 ? slug : `trust-${slug}`.replace(/-+$/g, '').padEnd(8, '0');
}

/** The next short name to try after `base` was taken: base-2, base-3, … (kept within 60). */
export function nextSlug(base: string, attempt: number): string {
  if (attempt <= 1) return base;
  const suffix = `-${attempt}`;
  return `${base.slice(0, 60 - suffix.length).replace(/-+$/g, '')}${suffix}`;
}

/** Checks and tidies a new trust; every problem is said, in the field it is about. */
export function checkNewTrust(
  input: NewTrustInput,
): { ok: true; trust: NewTrust } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const name = input.name.trim().replace(/\s+/g, ' ');
  const what = input.kind === 'single_school' ? 'school' : 'trust';
  if (name.length === 0) problems.push({ field: 'name', message: `Enter the ${what}’s name.` });
  if (name.length > 200)
    problems.push({ field: 'name', message: `The ${what}’s name is at most 200 characters.` });
  const slug = input.slug?.trim().toLowerCase() || slugFrom(name);
  if (!SLUG.test(slug)) {
    problems.push({
      field: 'slug',
      message: 'A short name is 2 to 60 lower-case letters, digits and hyphens, like "oak-trust".',
    });
  }
  const fullName = input.admin.fullName.trim().replace(/\s+/g, ' ');
  if (fullName.length === 0 || fullName.length > 200) {
    problems.push({
      field: 'admin.fullName',
      message: 'Enter the administrator’s full name (at most 200 characters).',
    });
  }
  const email = input.admin.email.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 320) {
    problems.push({
      field: 'admin.email',
      message: 'Enter the administrator’s email address, like name@school.org.uk.',
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, trust: { kind: input.kind, name, slug, admin: { fullName, email } } };
}

export const MIN_PASSWORD_LENGTH = 12;

/** A first password: long enough, and never the demo's published one. Null when it will do. */
export function passwordProblem(password: string, demoPassword: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters; a few unrelated words make a good one.`;
  }
  if (password.length > 1024) return 'A password is at most 1,024 characters.';
  if (password === demoPassword) {
    return 'That is the demo’s published password. Choose your own.';
  }
  return null;
}
