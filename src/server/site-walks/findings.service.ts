import { createHash, randomBytes } from 'node:crypto';
import type { FindingInput } from '../../contracts/site-walks.ts';
import { formatDate } from '../../domain/calendar/calendar.ts';
import { inspectJpeg } from '../../domain/records/photos.ts';
import { isRiskLevel, riskBandLabels, riskOf } from '../../domain/site-walks/risk.ts';
import type { Tx } from '../db/with-tenant.ts';
import { withTenant } from '../db/with-tenant.ts';
import type { AppDeps, SignedIn } from '../http/context.ts';
import { AppError, notFound } from '../http/errors.ts';
import { hashToken } from '../http/sessions.ts';
import { authorisedSchool } from '../kernel/school-access.ts';
import { schoolPeople } from '../kernel/school-people.ts';
import { type MailInTransaction, withTenantMail } from '../mail/after-commit.ts';
import * as q from './site-walks.queries.ts';
import {
  audit,
  authorisedSiteWalk,
  findingDto,
  itemsByVersion,
  statementLines,
} from './site-walks.service.ts';

// Capture on a site walk (issue 14): findings per place and checklist item under ids the device
// made, idempotent by body hash; the one urgent alert of a "make safe now" finding; photos with
// their metadata stripped (checked again here); and the guest's single-use link.

export const MAX_SITE_PHOTO_BYTES = 2 * 1024 * 1024;
const MAX_PHOTOS = 6;
const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** Who records: a member of staff (person id) or a named guest (guest id). */
type Recorder = { personId: string; guestId: null } | { personId: null; guestId: string };

function canonical(input: FindingInput) {
  const needs = input.outcome === 'needs_attention';
  return {
    walkId: input.walkId,
    placeId: input.placeId,
    itemId: input.itemId,
    outcome: input.outcome,
    likelihood: needs ? input.likelihood : null,
    severity: needs ? input.severity : null,
    notes: input.notes.normalize('NFC').replace(/\r\n?/g, '\n').trim(),
    makeSafe: needs && input.makeSafe,
  };
}

async function saveFinding(
  tx: Tx,
  deps: Pick<AppDeps, 'now' | 'config'>,
  mail: MailInTransaction,
  trustId: string,
  walk: q.SiteWalkRow,
  findingId: string,
  input: FindingInput,
  who: Recorder,
  onlyPlaces: Set<string> | null,
) {
  if (walk.status !== 'published')
    throw new AppError(
      'site_walk_not_published',
      walk.status === 'draft'
        ? 'This site walk is not published yet: publish it before recording findings.'
        : 'This site walk was cancelled, so nothing more is recorded on it.',
    );
  const places = await q.walkPlaces(tx, walk.walk_id);
  const place = places.find((p) => p.room_id === input.placeId);
  if (!place || (onlyPlaces && !onlyPlaces.has(place.room_id)))
    throw new AppError(
      'place_not_on_walk',
      onlyPlaces
        ? 'You join this walk for your chosen places only; this place is not one of them.'
        : 'That place is not on this site walk. Choose one of the walk’s places.',
    );
  const items = (await itemsByVersion(tx, [place.checklist_version_id])).get(
    place.checklist_version_id,
  );
  const item = items?.find((i) => i.id === input.itemId);
  if (!item)
    throw new AppError(
      'item_not_on_checklist',
      `That item is not on the checklist used at ${place.name}. Choose one of its items.`,
    );
  const body = canonical(input);
  if (
    body.outcome === 'needs_attention' &&
    !(isRiskLevel(body.likelihood) && isRiskLevel(body.severity))
  )
    throw new AppError(
      'risk_missing',
      `“${item.prompt}” needs attention: rate how likely harm is and how bad it would be (1 to 5 each).`,
    );
  if (input.makeSafe && body.outcome !== 'needs_attention')
    throw new AppError(
      'risk_missing',
      '“Make safe now” is for an item that needs attention. Mark it as needing attention and rate the risk.',
    );
  const risk =
    body.outcome === 'needs_attention' && isRiskLevel(body.likelihood) && isRiskLevel(body.severity)
      ? riskOf(body.likelihood, body.severity)
      : null;
  const bodyHash = sha256(JSON.stringify(body));
  const row = {
    trust_id: trustId,
    finding_id: findingId,
    school_id: walk.school_id,
    walk_id: walk.walk_id,
    room_id: place.room_id,
    look_for_id: item.id,
    outcome: body.outcome,
    likelihood: risk?.likelihood ?? null,
    severity: risk?.severity ?? null,
    band: risk?.band ?? null,
    notes: body.notes,
    make_safe: body.makeSafe,
    body_hash: bodyHash,
    recorded_by: who.personId,
    guest_id: who.guestId,
    recorded_at: deps.now(),
  };
  let outcome: 'created' | 'unchanged' | 'updated' = 'created';
  let saved = await q.insertFinding(tx, row);
  if (!saved) {
    const existing = (await q.findFinding(tx, findingId))!;
    const same =
      existing.walk_id === walk.walk_id &&
      existing.recorded_by === who.personId &&
      existing.guest_id === who.guestId;
    if (!same)
      throw new AppError(
        'finding_exists',
        'The server already holds a different finding under this id. Nothing was overwritten: record it again as a new finding.',
      );
    if (existing.body_hash === bodyHash) {
      saved = existing;
      outcome = 'unchanged';
    } else {
      const { trust_id: _t, finding_id: _f, recorded_at: _r, ...changes } = row;
      saved = await q.updateFinding(tx, findingId, changes);
      outcome = 'updated';
    }
  }
  // The one urgent alert: the row in site_alerts is claimed once, whatever is resent.
  let alertSent = false;
  if (saved.make_safe && outcome !== 'unchanged') {
    alertSent = await q.claimAlert(tx, {
      trust_id: trustId,
      finding_id: findingId,
      school_id: walk.school_id,
      sent_at: deps.now(),
    });
    if (alertSent) await sendUrgentAlert(tx, mail, walk, place, item.prompt, saved, risk);
  }
  const photos = await q.photoIdsByFinding(tx, [findingId]);
  return { outcome, finding: findingDto(saved, photos.get(findingId) ?? []), alertSent };
}

/** Mail and an in-app notice, at once, to the school's site managers and the head. */
async function sendUrgentAlert(
  tx: Tx,
  mail: MailInTransaction,
  walk: q.SiteWalkRow,
  place: { name: string; building: string; room_id: string },
  prompt: string,
  finding: q.FindingRow,
  risk: ReturnType<typeof riskOf> | null,
) {
  const head = await q.headOf(tx, walk.school_id);
  const managers = await schoolPeople(tx, walk.school_id, ['site_manager']);
  const leaders = head ? [] : await schoolPeople(tx, walk.school_id, ['school_leader']);
  const recipients = new Map<string, string>();
  for (const p of [...managers, ...leaders]) recipients.set(p.person_id, p.email);
  if (head) recipients.set(head.person_id, head.email);
  for (const [personId, email] of recipients)
    await mail({
      kind: 'site_urgent_alert',
      personId,
      email,
      schoolId: walk.school_id,
      walkId: walk.walk_id,
      subject: `Urgent: make safe now at ${place.name} (${place.building})`,
      lines: [
        `An immediate danger was found on the health-and-safety walk of ${formatDate(walk.walk_date)}, and needs making safe now.`,
        `Place: ${place.name} (${place.building})`,
        `Checklist item: ${prompt}`,
        risk
          ? `Risk: ${riskBandLabels[risk.band]} (likelihood ${risk.likelihood} × severity ${risk.severity} = ${risk.score})`
          : '',
        finding.notes ? `Notes: ${finding.notes}` : '',
      ].filter(Boolean),
      link: `/site-walks/${walk.walk_id}`,
    });
}

export function putFinding(deps: AppDeps, auth: SignedIn, findingId: string, input: FindingInput) {
  return withTenantMail(deps, auth.actor.trustId, async (tx, mail) => {
    const { walk, specialistOf } = await authorisedSiteWalk(tx, auth, input.walkId, 'record');
    const result = await saveFinding(
      tx,
      deps,
      mail,
      auth.actor.trustId,
      walk,
      findingId,
      input,
      { personId: auth.actor.personId, guestId: null },
      specialistOf,
    );
    if (result.outcome !== 'unchanged')
      await audit(tx, auth, 'site_finding.save', 'site_finding', findingId);
    return result;
  });
}

// ---------------------------------------------------------------------------------------------
// Photos
// ---------------------------------------------------------------------------------------------

export function checkPhoto(bytes: Uint8Array) {
  const info = inspectJpeg(bytes);
  if (!info.ok)
    throw new AppError(
      'photo_not_jpeg',
      `The photo was not saved: ${info.reason} Take or choose the photo again.`,
    );
  if (info.hasExif || info.hasGps || info.hasXmp)
    throw new AppError(
      'photo_has_metadata',
      'The photo still carries camera data (EXIF or XMP, which can hold the location). The app removes it before sending; take or choose the photo again in the app.',
    );
  if (info.width > 4096 || info.height > 4096)
    throw new AppError(
      'photo_too_large',
      `The photo is ${info.width}×${info.height} pixels; the most is 4096 on a side.`,
    );
  return info;
}

/** Stores a photo of a finding or of an action's fix, idempotently under the device's id. */
export async function storePhoto(
  tx: Tx,
  deps: Pick<AppDeps, 'now'>,
  trustId: string,
  schoolId: string,
  owner: { findingId: string } | { actionId: string },
  photoId: string,
  bytes: Uint8Array,
) {
  const info = checkPhoto(bytes);
  const bytesHash = sha256(bytes);
  const summary = { id: photoId, width: info.width, height: info.height, size: bytes.length };
  const findingId = 'findingId' in owner ? owner.findingId : null;
  const actionId = 'actionId' in owner ? owner.actionId : null;
  const existing = await q.findPhoto(tx, photoId);
  if (existing) {
    if (existing.finding_id !== findingId || existing.action_id !== actionId)
      throw notFound('The photo');
    if (existing.bytes_hash === bytesHash)
      return { status: 200 as const, result: { outcome: 'unchanged' as const, photo: summary } };
    throw new AppError(
      'photo_exists',
      'The server already has a different photo under this id. Nothing was overwritten: add the photo again as a new one.',
    );
  }
  const count = await q.countPhotos(tx, findingId ? { findingId } : { actionId: actionId! });
  if (count >= MAX_PHOTOS)
    throw new AppError(
      'too_many_photos',
      `At most ${MAX_PHOTOS} photos are kept with each finding or action.`,
    );
  await q.insertPhoto(tx, {
    trust_id: trustId,
    photo_id: photoId,
    school_id: schoolId,
    finding_id: findingId,
    action_id: actionId,
    bytes,
    bytes_hash: bytesHash,
    width: info.width,
    height: info.height,
    size: bytes.length,
    created_at: deps.now(),
  });
  return { status: 201 as const, result: { outcome: 'created' as const, photo: summary } };
}

export function putFindingPhoto(
  deps: AppDeps,
  auth: SignedIn,
  findingId: string,
  photoId: string,
  bytes: Uint8Array,
) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const finding = await q.findFinding(tx, findingId);
    if (!finding) throw notFound('The finding');
    const { manage } = await authorisedSiteWalk(tx, auth, finding.walk_id, 'record');
    if (!manage && finding.recorded_by !== auth.actor.personId) throw notFound('The finding');
    const stored = await storePhoto(
      tx,
      deps,
      auth.actor.trustId,
      finding.school_id,
      { findingId },
      photoId,
      bytes,
    );
    if (stored.status === 201) await audit(tx, auth, 'site_photo.add', 'site_photo', photoId);
    return stored;
  });
}

/** A photo of a finding (anyone who may open its walk) or of an action (site.view). */
export function readSitePhoto(deps: AppDeps, auth: SignedIn, photoId: string) {
  return withTenant(deps.db, auth.actor.trustId, async (tx) => {
    const photo = await q.readPhotoBytes(tx, photoId);
    if (!photo) throw notFound('The photo');
    if (photo.finding_id) {
      const finding = (await q.findFinding(tx, photo.finding_id))!;
      await authorisedSiteWalk(tx, auth, finding.walk_id, 'view');
    } else {
      const action = await q.findAction(tx, photo.action_id!);
      if (!action) throw notFound('The photo');
      await authorisedSchool(tx, auth, action.school_id, 'site.view', 'see site actions');
    }
    await audit(tx, auth, 'site_photo.read', 'site_photo', photoId);
    return photo.bytes;
  });
}

// ---------------------------------------------------------------------------------------------
// The guest: a single-use link opens once and gives a token for this walk's findings only
// ---------------------------------------------------------------------------------------------

const CODE = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{20,100})$/;

function parseCode(code: string) {
  const m = CODE.exec(code.trim());
  return m ? { trustId: m[1]!, secret: m[2]! } : null;
}

const guestRefused = () =>
  new AppError(
    'guest_link_invalid',
    'This guest link is not valid: it may have been used already or expired. Ask the walk’s lead for a new link.',
  );

export async function openGuestLink(deps: AppDeps, link: string) {
  const code = parseCode(link.includes('#') ? link.slice(link.indexOf('#') + 1) : link);
  if (!code) throw guestRefused();
  const session = randomBytes(24).toString('base64url');
  const redeemed = await withTenant(deps.db, code.trustId, (tx) =>
    q.redeemGuestLink(tx, hashToken(code.secret), hashToken(session), deps.now()),
  );
  if (!redeemed) throw guestRefused();
  return { token: `${code.trustId}.${session}`, walkId: redeemed.walk_id };
}

/** Reads `Authorization: Guest <token>`; anything else is 401. */
export function guestToken(header: string | undefined) {
  const m = /^Guest\s+(\S+)$/.exec(header ?? '');
  const code = m ? parseCode(m[1]!) : null;
  if (!code) throw guestRefused();
  return code;
}

async function guestIn(tx: Tx, deps: Pick<AppDeps, 'now'>, secret: string) {
  const guest = await q.guestBySession(tx, hashToken(secret));
  if (!guest || (guest.link_expires_at && guest.link_expires_at <= deps.now()))
    throw guestRefused();
  const walk = await q.findSiteWalk(tx, guest.walk_id);
  if (!walk) throw guestRefused();
  return { guest, walk };
}

export function guestWalk(deps: AppDeps, token: { trustId: string; secret: string }) {
  return withTenant(deps.db, token.trustId, async (tx) => {
    const { guest, walk } = await guestIn(tx, deps, token.secret);
    const places = await q.walkPlaces(tx, walk.walk_id);
    const items = await itemsByVersion(
      tx,
      places.map((p) => p.checklist_version_id),
    );
    const findings = await q.walkFindings(tx, walk.walk_id, guest.guest_id);
    const photos = await q.photoIdsByFinding(
      tx,
      findings.map((f) => f.finding_id),
    );
    return {
      guest: { name: guest.name, organisation: guest.organisation },
      walk: {
        id: walk.walk_id,
        date: walk.walk_date,
        windowStart: walk.window_start,
        windowEnd: walk.window_end,
        howResultsUsed: statementLines(walk).join(' '),
      },
      places: places.map((p) => ({
        id: p.room_id,
        name: p.name,
        building: p.building,
        startsAt: p.starts_at,
        items: items.get(p.checklist_version_id) ?? [],
      })),
      findings: findings.map((f) => findingDto(f, photos.get(f.finding_id) ?? [])),
    };
  });
}

export function putGuestFinding(
  deps: AppDeps,
  token: { trustId: string; secret: string },
  findingId: string,
  input: FindingInput,
) {
  return withTenantMail(deps, token.trustId, async (tx, mail) => {
    const { guest, walk } = await guestIn(tx, deps, token.secret);
    // A guest's link is for its own walk: any other walk does not exist for them.
    if (input.walkId !== walk.walk_id) throw notFound('The site walk');
    const result = await saveFinding(
      tx,
      deps,
      mail,
      token.trustId,
      walk,
      findingId,
      input,
      { personId: null, guestId: guest.guest_id },
      null,
    );
    return result;
  });
}

export function putGuestPhoto(
  deps: AppDeps,
  token: { trustId: string; secret: string },
  findingId: string,
  photoId: string,
  bytes: Uint8Array,
) {
  return withTenant(deps.db, token.trustId, async (tx) => {
    const { guest } = await guestIn(tx, deps, token.secret);
    const finding = await q.findFinding(tx, findingId);
    if (!finding || finding.guest_id !== guest.guest_id) throw notFound('The finding');
    return storePhoto(tx, deps, token.trustId, finding.school_id, { findingId }, photoId, bytes);
  });
}
