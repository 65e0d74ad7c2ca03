import type {
  CreateFocus,
  CreateFramework,
  Focus,
  FrameworkBody,
  FrameworkExchange,
  FrameworkSummary,
  SchoolLookFor,
  VersionDetail,
  VersionSummary,
} from '../../contracts/frameworks.ts';
import { FRAMEWORK_FORMAT } from '../../contracts/frameworks.ts';
import { validateFocus } from '../../domain/frameworks/focus.ts';
import { library, libraryEntry } from '../../domain/frameworks/library/index.ts';
import type { FrameworkContent, Guidance, Violation } from '../../domain/frameworks/types.ts';
import {
  validateForPublish,
  validatePrompt,
  validateStructure,
} from '../../domain/frameworks/validation.ts';
import { draftFromPublished } from '../../domain/frameworks/versioning.ts';
import { recordAudit } from '../audit/audit.ts';
import { type Tx, withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import { authorisedSchool } from '../kernel/school-access.ts';
import { type Action, type Actor, decide } from '../policy/policy.ts';
import * as q from './frameworks.queries.ts';

/** What this service needs of the app: the database and the clock. */
export type FrameworkDeps = Pick<AppDeps, 'db' | 'now'>;

/** A trust-level thing: allowed if a trust-wide role, or a role in any of the person's schools, allows it. */
function decideInTrust(actor: Actor, action: Action, trustId: string) {
  const trustWide = decide(actor, action, { trustId, schoolId: null });
  if (trustWide !== 'deny') return trustWide;
  const inAnySchool = actor.memberships.some(
    (m) => m.schoolId && decide(actor, action, { trustId, schoolId: m.schoolId }) === 'allow',
  );
  return inAnySchool ? 'allow' : 'deny';
}

function requireInTrust(auth: SignedIn, action: Action, doing: string) {
  const decision = decideInTrust(auth.actor, action, auth.actor.trustId);
  if (decision !== 'allow') throw forbidden(doing);
}

/** Loads a framework inside the tenant and asks the policy; another trust's framework is simply not found. */
async function authorisedFramework(
  tx: Tx,
  auth: SignedIn,
  frameworkId: string,
  action: Action,
  doing: string,
) {
  const framework = await q.findFramework(tx, frameworkId);
  if (!framework) throw notFound('The framework');
  const decision = decideInTrust(auth.actor, action, framework.trust_id);
  if (decision === 'not_found') throw notFound('The framework');
  if (decision === 'deny') throw forbidden(doing);
  return framework;
}

const canEditFrameworks = (auth: SignedIn) =>
  decideInTrust(auth.actor, 'framework.edit', auth.actor.trustId) === 'allow';

function versionSummary(v: q.VersionRow): VersionSummary {
  return {
    id: v.version_id,
    versionNo: v.version_no,
    status: v.status,
    publishedAt: v.published_at ? new Date(v.published_at).toISOString() : null,
  };
}

type FrameworkRow = NonNullable<Awaited<ReturnType<typeof q.findFramework>>>;

function frameworkSummary(f: FrameworkRow, versions: q.VersionRow[]): FrameworkSummary {
  return {
    id: f.framework_id,
    name: f.name,
    kind: f.kind,
    description: f.description,
    versions: versions.filter((v) => v.framework_id === f.framework_id).map(versionSummary),
  };
}

async function loadVersion(tx: Tx, framework: FrameworkRow, version: q.VersionRow) {
  const { lenses, lookFors } = await q.loadContent(tx, version.version_id);
  const rows = lenses.map((lens) => ({
    id: lens.lens_id,
    key: lens.key,
    name: lens.name,
    description: lens.description,
    lookFors: lookFors
      .filter((f) => f.lens_id === lens.lens_id)
      .map((f) => ({
        id: f.look_for_id,
        key: f.key,
        prompt: f.prompt,
        answerKind: f.answer_kind,
        audience: f.audience,
        guidance: cleanGuidance(f.guidance),
        continues: f.continues,
      })),
  }));
  const content: FrameworkContent = {
    name: version.name,
    kind: framework.kind,
    description: version.description,
    lenses: rows.map(({ id: _id, lookFors, ...lens }) => ({
      ...lens,
      lookFors: lookFors.map(({ id: _fid, ...f }) => f),
    })),
  };
  return { rows, content };
}

function cleanGuidance(g: Guidance | null | undefined): Guidance {
  const out: Guidance = {};
  if (g?.looksLike?.trim()) out.looksLike = g.looksLike.trim();
  if (g?.doesNotMean?.trim()) out.doesNotMean = g.doesNotMean.trim();
  return out;
}

async function previousContent(tx: Tx, framework: FrameworkRow, version: q.VersionRow) {
  if (version.version_no === 1) return null;
  const previous = await q.findVersionByNo(tx, framework.framework_id, version.version_no - 1);
  if (!previous) return null;
  return { row: previous, ...(await loadVersion(tx, framework, previous)) };
}

async function detail(
  tx: Tx,
  auth: SignedIn,
  framework: FrameworkRow,
  version: q.VersionRow,
): Promise<VersionDetail> {
  const versions = await q.listVersions(tx, [framework.framework_id]);
  const { rows, content } = await loadVersion(tx, framework, version);
  const previous =
    version.status === 'draft' ? await previousContent(tx, framework, version) : null;
  return {
    framework: frameworkSummary(framework, versions),
    version: versionSummary(version),
    body: { name: version.name, description: version.description, lenses: rows },
    problems: version.status === 'draft' ? validateForPublish(content, previous?.content) : [],
    canEdit: canEditFrameworks(auth) && version.status === 'draft',
  };
}

async function draftOf(tx: Tx, frameworkId: string) {
  const versions = await q.listVersions(tx, [frameworkId]);
  return versions.find((v) => v.status === 'draft');
}

function fromBody(framework: FrameworkRow, body: FrameworkBody): FrameworkContent {
  return {
    name: body.name.trim(),
    kind: framework.kind,
    description: body.description.trim(),
    lenses: body.lenses.map((lens) => ({
      key: lens.key,
      name: lens.name.trim(),
      description: lens.description.trim(),
      lookFors: lens.lookFors.map((f) => ({
        key: f.key,
        prompt: f.prompt.trim(),
        answerKind: f.answerKind,
        audience: f.audience,
        guidance: cleanGuidance(f.guidance),
        continues: f.continues,
      })),
    })),
  };
}

function invalid(problems: Violation[]) {
  const first = problems[0]!;
  return new AppError(
    'framework_invalid',
    `The draft was not saved: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : ''}`,
    problems,
  );
}

const audit = (tx: Tx, auth: SignedIn, action: string, subjectType: string, subjectId: string) =>
  recordAudit(tx, {
    trustId: auth.actor.trustId,
    actorPersonId: auth.actor.personId,
    action,
    subjectType,
    subjectId,
  });

// Frameworks.

export function listLibrary() {
  return library.map((e) => ({
    id: e.id,
    name: e.content.name,
    kind: e.content.kind,
    description: e.content.description,
    lensCount: e.content.lenses.length,
    lookForCount: e.content.lenses.reduce((n, l) => n + l.lookFors.length, 0),
  }));
}

export function listFrameworks(deps: FrameworkDeps, auth: SignedIn) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    requireInTrust(auth, 'framework.view', "see the trust's frameworks");
    const frameworks = await q.listFrameworks(tx);
    const versions = await q.listVersions(
      tx,
      frameworks.map((f) => f.framework_id),
    );
    return {
      frameworks: frameworks.map((f) => frameworkSummary(f, versions)),
      canEdit: canEditFrameworks(auth),
    };
  });
}

async function uniqueName(tx: Tx, wanted: string, suffix: string | null) {
  if (!(await q.frameworkNameTaken(tx, wanted))) return wanted;
  if (suffix === null) {
    throw new AppError(
      'name_taken',
      `The trust already has a framework called “${wanted}”. Choose another name.`,
    );
  }
  for (let n = 1; n < 100; n++) {
    const name = `${wanted} (${suffix}${n > 1 ? ` ${n}` : ''})`;
    if (!(await q.frameworkNameTaken(tx, name))) return name;
  }
  throw new AppError('name_taken', `Too many frameworks are called “${wanted}”.`);
}

/** Creates a framework and its first draft, from the given content. */
async function createWithDraft(
  tx: Tx,
  auth: SignedIn,
  content: FrameworkContent,
  auditAction: string,
) {
  const problems = validateStructure(content);
  if (problems.length > 0) throw invalid(problems);
  const { framework_id } = await q.insertFramework(tx, {
    trustId: auth.actor.trustId,
    name: content.name,
    kind: content.kind,
    description: content.description,
    createdBy: auth.actor.personId,
  });
  const { version_id } = await q.insertDraftVersion(tx, {
    trustId: auth.actor.trustId,
    frameworkId: framework_id,
    versionNo: 1,
    name: content.name,
    description: content.description,
  });
  await q.replaceContent(tx, auth.actor.trustId, version_id, content, new Map());
  await audit(tx, auth, auditAction, 'framework', framework_id);
  const framework = (await q.findFramework(tx, framework_id))!;
  const version = (await q.findVersionByNo(tx, framework_id, 1))!;
  return { framework, version };
}

export function createFramework(
  deps: FrameworkDeps,
  auth: SignedIn,
  input: CreateFramework,
): Promise<VersionDetail> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    requireInTrust(auth, 'framework.edit', 'create trust frameworks');
    const entry = input.fromLibrary === undefined ? null : libraryEntry(input.fromLibrary);
    if (entry === undefined) {
      throw new AppError(
        'unknown_library_framework',
        `There is no built-in framework “${input.fromLibrary}”. Choose one from GET /api/frameworks/library.`,
      );
    }
    const name = await uniqueName(tx, input.name.trim(), null);
    const content: FrameworkContent = entry
      ? {
          ...structuredClone(entry.content),
          name,
          description: input.description.trim() || entry.content.description,
        }
      : { name, kind: input.kind, description: input.description.trim(), lenses: [] };
    const { framework, version } = await createWithDraft(tx, auth, content, 'framework.create');
    return detail(tx, auth, framework, version);
  });
}

export function getVersion(
  deps: FrameworkDeps,
  auth: SignedIn,
  frameworkId: string,
  versionNo: number,
): Promise<VersionDetail> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const framework = await authorisedFramework(
      tx,
      auth,
      frameworkId,
      'framework.view',
      'see this framework',
    );
    const version = await q.findVersionByNo(tx, frameworkId, versionNo);
    if (!version) throw notFound(`Version ${versionNo} of this framework`);
    return detail(tx, auth, framework, version);
  });
}

export function saveDraft(
  deps: FrameworkDeps,
  auth: SignedIn,
  frameworkId: string,
  body: FrameworkBody,
): Promise<VersionDetail> {
  return withTenant(deps.db, auth.actor.trustId, (tx) =>
    saveDraftIn(tx, deps, auth, frameworkId, body),
  );
}

/** saveDraft inside a caller's transaction (moderation's guidance starts and saves a draft at once). */
export async function saveDraftIn(
  tx: Tx,
  deps: FrameworkDeps,
  auth: SignedIn,
  frameworkId: string,
  body: FrameworkBody,
): Promise<VersionDetail> {
  const framework = await authorisedFramework(
    tx,
    auth,
    frameworkId,
    'framework.edit',
    'edit trust frameworks',
  );
  const draft = await draftOf(tx, frameworkId);
  if (!draft) {
    throw new AppError(
      'no_draft',
      'This framework has no draft: published versions cannot change. Start a new version to make changes.',
    );
  }
  const content = fromBody(framework, body);
  const previous = await previousContent(tx, framework, draft);
  const problems = validateStructure(content, previous?.content ?? null);
  if (problems.length > 0) throw invalid(problems);
  const previousIds = previous
    ? await q.lookForIdsByKey(tx, previous.row.version_id)
    : new Map<string, string>();
  await q.replaceContent(tx, auth.actor.trustId, draft.version_id, content, previousIds);
  await q.updateDraftMeta(tx, draft.version_id, {
    name: content.name,
    description: content.description,
    now: deps.now(),
  });
  await audit(tx, auth, 'framework.save_draft', 'framework_version', draft.version_id);
  const saved = (await q.findVersionByNo(tx, frameworkId, draft.version_no))!;
  return detail(tx, auth, framework, saved);
}

export function publishDraft(
  deps: FrameworkDeps,
  auth: SignedIn,
  frameworkId: string,
): Promise<VersionDetail> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const framework = await authorisedFramework(
      tx,
      auth,
      frameworkId,
      'framework.edit',
      'publish trust frameworks',
    );
    const draft = await draftOf(tx, frameworkId);
    if (!draft) {
      throw new AppError('no_draft', 'This framework has no draft to publish.');
    }
    const { content } = await loadVersion(tx, framework, draft);
    const previous = await previousContent(tx, framework, draft);
    const problems = validateForPublish(content, previous?.content ?? null);
    if (problems.length > 0) {
      const prompts = new Set(problems.filter((p) => p.prompt).map((p) => p.prompt));
      const named = [...prompts].map((p) => `“${p}”`).join(', ');
      throw new AppError(
        'framework_rejected',
        prompts.size > 0
          ? `Version ${draft.version_no} was not published. ${prompts.size === 1 ? 'This prompt needs' : 'These prompts need'} changing: ${named}. ${problems[0]!.message.split('. ').slice(1).join('. ')}`
          : `Version ${draft.version_no} was not published: ${problems[0]!.message}`,
        problems,
      );
    }
    await q.publishVersion(tx, frameworkId, draft.version_id, auth.actor.personId, deps.now(), {
      name: content.name,
      description: content.description,
    });
    await audit(tx, auth, 'framework.publish', 'framework_version', draft.version_id);
    const published = (await q.findVersionByNo(tx, frameworkId, draft.version_no))!;
    const updated = (await q.findFramework(tx, frameworkId))!;
    return detail(tx, auth, updated, published);
  });
}

export function startNewVersion(
  deps: FrameworkDeps,
  auth: SignedIn,
  frameworkId: string,
): Promise<VersionDetail> {
  return withTenant(deps.db, auth.actor.trustId, (tx) => startNewVersionIn(tx, auth, frameworkId));
}

/** startNewVersion inside a caller's transaction. */
export async function startNewVersionIn(
  tx: Tx,
  auth: SignedIn,
  frameworkId: string,
): Promise<VersionDetail> {
  const framework = await authorisedFramework(
    tx,
    auth,
    frameworkId,
    'framework.edit',
    'edit trust frameworks',
  );
  const versions = await q.listVersions(tx, [frameworkId]);
  if (versions.some((v) => v.status === 'draft')) {
    throw new AppError(
      'draft_exists',
      'This framework already has a draft. Edit or publish it before starting another version.',
    );
  }
  const latest = versions.at(-1);
  if (!latest) throw notFound('A published version of this framework');
  const { content } = await loadVersion(tx, framework, latest);
  const next = draftFromPublished(content);
  const { version_id } = await q.insertDraftVersion(tx, {
    trustId: auth.actor.trustId,
    frameworkId,
    versionNo: latest.version_no + 1,
    name: next.name,
    description: next.description,
  });
  const previousIds = await q.lookForIdsByKey(tx, latest.version_id);
  await q.replaceContent(tx, auth.actor.trustId, version_id, next, previousIds);
  await audit(tx, auth, 'framework.new_version', 'framework_version', version_id);
  const draft = (await q.findVersionByNo(tx, frameworkId, latest.version_no + 1))!;
  return detail(tx, auth, framework, draft);
}

export function exportVersion(
  deps: FrameworkDeps,
  auth: SignedIn,
  frameworkId: string,
  versionNo: number,
): Promise<FrameworkExchange> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const framework = await authorisedFramework(
      tx,
      auth,
      frameworkId,
      'framework.view',
      'see this framework',
    );
    const version = await q.findVersionByNo(tx, frameworkId, versionNo);
    if (!version) throw notFound(`Version ${versionNo} of this framework`);
    const { content } = await loadVersion(tx, framework, version);
    return {
      format: FRAMEWORK_FORMAT,
      formatVersion: 1,
      exportedAt: deps.now().toISOString(),
      framework: {
        name: content.name,
        kind: content.kind,
        description: content.description,
        version: version.version_no,
        lenses: content.lenses,
      },
    };
  });
}

export function importFramework(deps: FrameworkDeps, auth: SignedIn, exchange: FrameworkExchange) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    requireInTrust(auth, 'framework.edit', 'import trust frameworks');
    const source = exchange.framework;
    const name = await uniqueName(tx, source.name.trim(), 'imported');
    // An import starts a new framework at version 1: continuity belongs to the trust it came from.
    const content: FrameworkContent = {
      name,
      kind: source.kind,
      description: source.description.trim(),
      lenses: source.lenses.map((lens) => ({
        ...lens,
        lookFors: lens.lookFors.map((f) => ({
          ...f,
          guidance: cleanGuidance(f.guidance),
          continues: null,
        })),
      })),
    };
    const { framework, version } = await createWithDraft(tx, auth, content, 'framework.import');
    return {
      framework: frameworkSummary(framework, [version]),
      problems: validateForPublish(content),
    };
  });
}

// A school's foci and own look-fors.

function schoolLookFor(r: Awaited<ReturnType<typeof q.listSchoolLookFors>>[number]): SchoolLookFor {
  return {
    id: r.school_look_for_id,
    prompt: r.prompt,
    answerKind: r.answer_kind,
    audience: r.audience,
    lensName: r.lens_name,
    guidance: cleanGuidance(r.guidance),
  };
}

async function fociOf(tx: Tx, schoolId: string): Promise<Focus[]> {
  const foci = await q.listFoci(tx, schoolId);
  const ids = foci.map((f) => f.focus_id);
  const [items, own] = await Promise.all([
    q.listFocusLookFors(tx, ids),
    q.listFocusSchoolLookFors(tx, ids),
  ]);
  return foci.map((f) => ({
    id: f.focus_id,
    title: f.title,
    purpose: f.purpose,
    frameworkId: f.framework_id,
    frameworkName: f.framework_name,
    versionId: f.version_id,
    versionNo: f.version_no,
    lookFors: items
      .filter((i) => i.focus_id === f.focus_id)
      .map((i) => ({ id: i.look_for_id, key: i.key, prompt: i.prompt, lensName: i.lens_name })),
    schoolLookFors: own
      .filter((i) => i.focus_id === f.focus_id)
      .map((i) => ({ id: i.school_look_for_id, prompt: i.prompt })),
  }));
}

export function listSchoolFoci(deps: FrameworkDeps, auth: SignedIn, schoolId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const school = await authorisedSchool(
      tx,
      auth,
      schoolId,
      'focus.view',
      "see this school's foci",
    );
    const [foci, own] = await Promise.all([
      fociOf(tx, schoolId),
      q.listSchoolLookFors(tx, schoolId),
    ]);
    return {
      foci,
      schoolLookFors: own.map(schoolLookFor),
      canEdit: decide(auth.actor, 'focus.edit', { trustId: school.trust_id, schoolId }) === 'allow',
    };
  });
}

export function createSchoolLookFor(
  deps: FrameworkDeps,
  auth: SignedIn,
  schoolId: string,
  input: {
    prompt: string;
    answerKind: SchoolLookFor['answerKind'];
    audience: SchoolLookFor['audience'];
    lensName: string;
    guidance: Guidance;
  },
): Promise<SchoolLookFor> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedSchool(tx, auth, schoolId, 'focus.edit', 'add look-fors for this school');
    const prompt = input.prompt.trim();
    const problems = validatePrompt(prompt, input.audience);
    if (problems.length > 0) {
      throw new AppError('look_for_rejected', problems[0]!.message, problems);
    }
    const { school_look_for_id } = await q.insertSchoolLookFor(tx, {
      trustId: auth.actor.trustId,
      schoolId,
      prompt,
      answerKind: input.answerKind,
      audience: input.audience,
      lensName: input.lensName.trim(),
      guidance: cleanGuidance(input.guidance),
      createdBy: auth.actor.personId,
    });
    await audit(tx, auth, 'school_look_for.create', 'school_look_for', school_look_for_id);
    const row = (await q.listSchoolLookFors(tx, schoolId)).find(
      (r) => r.school_look_for_id === school_look_for_id,
    )!;
    return schoolLookFor(row);
  });
}

export function createFocus(
  deps: FrameworkDeps,
  auth: SignedIn,
  schoolId: string,
  input: CreateFocus,
): Promise<Focus> {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedSchool(tx, auth, schoolId, 'focus.edit', "set this school's foci");
    const version = await q.findVersionById(tx, input.versionId);
    if (!version) throw notFound('That framework version');
    if (version.status !== 'published') {
      throw new AppError(
        'version_not_published',
        'A focus uses a published version of the trust framework. This one is still a draft.',
      );
    }
    const framework = (await q.findFramework(tx, version.framework_id))!;
    const versionRow = (await q.findVersionByNo(tx, version.framework_id, version.version_no))!;
    const { content, rows } = await loadVersion(tx, framework, versionRow);
    const keyById = new Map(rows.flatMap((l) => l.lookFors.map((f) => [f.id, f.key] as const)));
    const ownIds = new Set(
      (await q.listSchoolLookFors(tx, schoolId)).map((r) => r.school_look_for_id),
    );
    const lookForIds = [...new Set(input.lookForIds)];
    const schoolLookForIds = [...new Set(input.schoolLookForIds)];
    const staff = (await q.staffOfSchool(tx, schoolId)).map((s) => ({
      id: s.person_id,
      name: s.full_name,
      code: s.staff_code,
    }));
    const problems: Violation[] = validateFocus(
      {
        title: input.title,
        purpose: input.purpose,
        lookForKeys: lookForIds.map((id) => keyById.get(id) ?? id),
        schoolLookForCount: schoolLookForIds.length,
      },
      content,
      staff,
    );
    schoolLookForIds.forEach((id, i) => {
      if (!ownIds.has(id)) {
        problems.push({
          code: 'unknown_school_look_for',
          path: `schoolLookForIds[${i}]`,
          message: `“${id}” is not one of this school's own look-fors.`,
        });
      }
    });
    if (problems.length > 0) {
      throw new AppError('focus_rejected', problems[0]!.message, problems);
    }
    const focusId = await q.insertFocus(tx, {
      trustId: auth.actor.trustId,
      schoolId,
      versionId: input.versionId,
      title: input.title.trim(),
      purpose: input.purpose.trim(),
      createdBy: auth.actor.personId,
      lookForIds,
      schoolLookForIds,
    });
    await audit(tx, auth, 'focus.create', 'focus', focusId);
    return (await fociOf(tx, schoolId)).find((f) => f.id === focusId)!;
  });
}

export function removeFocus(
  deps: FrameworkDeps,
  auth: SignedIn,
  schoolId: string,
  focusId: string,
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    await authorisedSchool(tx, auth, schoolId, 'focus.edit', "change this school's foci");
    // A walk records against its focus's framework version: keep the focus while a walk uses it.
    const walks = await q.liveWalksOfFocus(tx, schoolId, focusId);
    if (walks > 0) {
      throw new AppError(
        'focus_in_use',
        `${walks === 1 ? 'A walk records' : `${walks} walks record`} against this focus. It stays while ${walks === 1 ? 'that walk is' : 'they are'} planned or published; cancel ${walks === 1 ? 'the walk' : 'them'} first, or keep the focus.`,
      );
    }
    const result = await q.deleteFocus(tx, schoolId, focusId);
    if (Number(result.numDeletedRows) === 0) throw notFound('The focus');
    await audit(tx, auth, 'focus.delete', 'focus', focusId);
  });
}
