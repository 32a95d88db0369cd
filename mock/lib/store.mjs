// The stateful mock's world: organisations, teams, contacts and labels, loaded from the seed and
// changed by requests, with the documented rules (team resolution, unique names per team,
// tenant isolation, newest-first keyset pagination with signed cursors, idempotent attach and
// detach, cascade on delete, truthful bulk counts). Handlers return { status, body } without
// `request_id`, or throw an ApiError.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { invalidCursor, invalidField, missingField, notFound } from './errors.mjs';
import { idGenerator, timestamp } from './ids.mjs';

// Names are compared after Unicode NFC normalisation, trimming and case folding (upper then lower
// case, so that ß and SS, or ſ and s, fold together): `Café` (NFC or NFD) and ` café ` collide.
const nameKey = (name) => name.normalize('NFC').trim().toUpperCase().toLowerCase();

// Labels are kept oldest first; this is the list order reversed (created_at, then id).
const before = (a, b) => (a.created_at < b.created_at ? true : a.created_at > b.created_at ? false : a.id < b.id);

// Keywords that describe a schema without constraining it: a change to them leaves stored labels valid.
const ANNOTATIONS = new Set(['title', 'description', 'summary', 'examples', 'example', '$comment', 'externalDocs', 'deprecated']);
// Keywords whose value maps names to schemas: the names are data, never annotations.
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);

/** A schema with its local $refs followed and its annotations dropped, keys sorted: equal when it constrains the same way. */
function constraints(schemaOf, node, inMap = false, path = new Set()) {
  const target = schemaOf(node);
  if (Array.isArray(target)) return target.map((item) => constraints(schemaOf, item, false, path));
  if (target === null || typeof target !== 'object') return target;
  if (path.has(target)) return '(recursive)';
  path.add(target);
  const out = {};
  for (const key of Object.keys(target).sort()) {
    if (!inMap && (ANNOTATIONS.has(key) || key.startsWith('x-'))) continue;
    out[key] = constraints(schemaOf, target[key], !inMap && SCHEMA_MAPS.has(key), path);
  }
  path.delete(target);
  return out;
}

/**
 * What the world's stored data depends on in a description, as one string: the label that
 * getLabel answers and the bodies of createLabel and updateLabel, without their annotations.
 * When it changes, the labels already stored may break the new rules (a longer name, a colour
 * no longer offered), so a mock that reloads its description starts again from the seed.
 * @param {{ operations: Map<string, any>, schema: (node: any) => any }} description loaded by description.mjs
 */
export function labelStoreSchema({ operations, schema: schemaOf }) {
  const labelResponse = operations.get('getLabel')?.responses['200']?.response.content?.['application/json']?.schema;
  return JSON.stringify({
    label: labelResponse === undefined ? null : constraints(schemaOf, schemaOf(labelResponse).properties?.data),
    create: constraints(schemaOf, operations.get('createLabel')?.bodySchema ?? null),
    update: constraints(schemaOf, operations.get('updateLabel')?.bodySchema ?? null),
  });
}

export class World {
  constructor(seed) {
    this.seed = seed;
    /** @type {Map<string, any>} organisations by id: teams, labels (by id, in order, by name) and contacts */
    this.orgs = new Map();
    this.secret = randomBytes(32);
    this.nextLabelId = idGenerator('lbl');
    this.reset();
  }

  /** Back to the seed: every organisation, or only `orgId`. */
  reset(orgId) {
    if (orgId === undefined) this.orgs = new Map();
    for (const o of this.seed.organizations) {
      if (orgId !== undefined && o.id !== orgId) continue;
      const org = { id: o.id, teams: new Set(o.teams), labels: new Map(), ordered: [], names: new Map(), contacts: new Map() };
      for (const team of o.teams) org.names.set(team, new Map());
      for (const l of o.labels ?? []) this.#insert(org, { id: l.id, object: 'label', name: l.name, color: l.color, team_id: l.team_id, created_at: l.created_at, updated_at: l.updated_at });
      for (const c of o.contacts ?? []) org.contacts.set(c.id, { id: c.id, team_id: c.team_id, labels: new Set(c.label_ids ?? []) });
      this.orgs.set(o.id, org);
    }
  }

  /** Adds a label at its place in the order (created_at, then id): a seed label dated later than now stays first. */
  #insert(org, label) {
    org.labels.set(label.id, label);
    const all = org.ordered;
    let at = all.length;
    while (at > 0 && before(label, all[at - 1])) at--;
    all.splice(at, 0, label);
    org.names.get(label.team_id).set(nameKey(label.name), label.id);
  }

  /** A name must hold something besides spaces; the length rule (code points) is the description's. */
  #assertNameNotBlank(name) {
    if (name.trim() === '') throw invalidField('name', 'name must not be empty after trimming spaces');
  }

  #org(orgId) {
    const org = this.orgs.get(orgId);
    if (!org) throw new Error(`no organisation ${orgId} in the seed`);
    return org;
  }

  #label(org, id, param) {
    const label = org.labels.get(id);
    if (!label) throw notFound(param, `no label ${id} in this organisation`);
    return label;
  }

  #contact(org, id, param) {
    const contact = org.contacts.get(id);
    if (!contact) throw notFound(param, `no contact ${id} in this organisation`);
    return contact;
  }

  #assertNameFree(org, teamId, name, exceptId) {
    const holder = org.names.get(teamId).get(nameKey(name));
    if (holder && holder !== exceptId) {
      const existing = org.labels.get(holder).name;
      throw invalidField('name', `a label named "${existing}" already exists in team ${teamId} (names are compared without regard to case, surrounding spaces and Unicode normalisation)`);
    }
  }

  #sign(orgId, c, i) {
    return createHmac('sha256', this.secret).update(`${orgId}\u0000${c}\u0000${i}`).digest().subarray(0, 16);
  }

  #cursor(orgId, label) {
    const payload = Buffer.from(JSON.stringify({ c: label.created_at, i: label.id })).toString('base64url');
    return `${payload}.${this.#sign(orgId, label.created_at, label.id).toString('base64url')}`;
  }

  #readCursor(orgId, cursor) {
    const [payload, signature, extra] = cursor.split('.');
    if (!payload || !signature || extra !== undefined) throw invalidCursor();
    let position;
    try {
      position = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw invalidCursor();
    }
    if (typeof position?.c !== 'string' || typeof position?.i !== 'string') throw invalidCursor();
    const expected = this.#sign(orgId, position.c, position.i);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidCursor();
    return { created_at: position.c, id: position.i };
  }

  listLabels(orgId, { limit, cursor }) {
    const org = this.#org(orgId);
    const all = org.ordered;
    // Index of the first label at or after the cursor position (oldest-first array).
    let end = all.length;
    if (cursor !== undefined) {
      const position = this.#readCursor(orgId, cursor);
      let lo = 0;
      let hi = all.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (before(all[mid], position)) lo = mid + 1;
        else hi = mid;
      }
      end = lo;
    }
    const start = Math.max(0, end - limit);
    const data = all.slice(start, end).reverse();
    const hasMore = start > 0;
    return { status: 200, body: { data, has_more: hasMore, next_cursor: hasMore ? this.#cursor(orgId, data[data.length - 1]) : null } };
  }

  /** `defaultColor` comes from the description (the request body's `color.default`). */
  createLabel(orgId, body, defaultColor) {
    const org = this.#org(orgId);
    let teamId = body.team_id;
    if (teamId === undefined) {
      if (org.teams.size !== 1) throw missingField('team_id', 'team_id is required: this organisation has several teams');
      [teamId] = org.teams;
    } else if (!org.teams.has(teamId)) {
      throw invalidField('team_id', `team_id ${teamId} is not a team of this organisation`);
    }
    this.#assertNameNotBlank(body.name);
    this.#assertNameFree(org, teamId, body.name);
    const now = timestamp();
    const label = { id: this.nextLabelId(), object: 'label', name: body.name, color: body.color ?? defaultColor, team_id: teamId, created_at: now, updated_at: now };
    this.#insert(org, label);
    return { status: 201, body: { data: label } };
  }

  getLabel(orgId, id) {
    return { status: 200, body: { data: this.#label(this.#org(orgId), id, 'id') } };
  }

  updateLabel(orgId, id, body) {
    const org = this.#org(orgId);
    const label = this.#label(org, id, 'id');
    if (body.name !== undefined) {
      this.#assertNameNotBlank(body.name);
      this.#assertNameFree(org, label.team_id, body.name, label.id);
      org.names.get(label.team_id).delete(nameKey(label.name));
      label.name = body.name;
      org.names.get(label.team_id).set(nameKey(label.name), label.id);
    }
    if (body.color !== undefined) label.color = body.color;
    label.updated_at = timestamp();
    return { status: 200, body: { data: label } };
  }

  deleteLabel(orgId, id) {
    const org = this.#org(orgId);
    const label = this.#label(org, id, 'id');
    org.labels.delete(id);
    org.ordered.splice(org.ordered.indexOf(label), 1);
    org.names.get(label.team_id).delete(nameKey(label.name));
    for (const contact of org.contacts.values()) contact.labels.delete(id);
    return { status: 200, body: { data: { id, object: 'label', deleted: true } } };
  }

  #sameTeam(label, contact) {
    if (label.team_id !== contact.team_id) {
      throw invalidField(
        'label_id',
        `label ${label.id} belongs to team ${label.team_id} and contact ${contact.id} to team ${contact.team_id}: they must be in the same team`,
      );
    }
  }

  attachContactLabel(orgId, contactId, labelId) {
    const org = this.#org(orgId);
    const contact = this.#contact(org, contactId, 'id');
    const label = this.#label(org, labelId, 'label_id');
    this.#sameTeam(label, contact);
    contact.labels.add(labelId);
    return { status: 200, body: { data: { contact_id: contactId, label_id: labelId, attached: true } } };
  }

  detachContactLabel(orgId, contactId, labelId) {
    const org = this.#org(orgId);
    const contact = this.#contact(org, contactId, 'id');
    this.#label(org, labelId, 'label_id');
    contact.labels.delete(labelId);
    return { status: 200, body: { data: { contact_id: contactId, label_id: labelId, attached: false } } };
  }

  bulkLabelContacts(orgId, { contact_ids: contactIds, label_id: labelId, operation }) {
    const org = this.#org(orgId);
    const label = org.labels.get(labelId);
    if (!label) throw invalidField('label_id', `label_id ${labelId} is not a label of this organisation`);
    const counts = { applied: 0, skipped_cross_org: 0, skipped_team_mismatch: 0 };
    // One transaction: decide everything first, then apply.
    const targets = [];
    for (const id of contactIds) {
      const contact = org.contacts.get(id);
      if (!contact) counts.skipped_cross_org++;
      else if (contact.team_id !== label.team_id) counts.skipped_team_mismatch++;
      else targets.push(contact);
    }
    for (const contact of targets) operation === 'attach' ? contact.labels.add(labelId) : contact.labels.delete(labelId);
    counts.applied = targets.length;
    return { status: 200, body: { data: counts } };
  }

  /**
   * getMe: the organisation, the key (never the key itself: its last 4 characters) and the
   * bucket sizes the same key sees in X-RateLimit-Limit.
   */
  keyContext({ org: orgId, key }, { write, read }) {
    const org = this.seed.organizations.find((o) => o.id === orgId);
    if (!org) throw new Error(`no organisation ${orgId} in the seed`);
    return {
      status: 200,
      body: {
        data: {
          organization: { id: org.id, object: 'organization', name: org.name },
          api_key: { id: key.id, object: 'api_key', label: key.label, last4: key.key.slice(-4) },
          rate_limits: { tier: org.tier, write_per_minute: write, read_per_minute: read },
        },
      },
    };
  }

  /** A contact as the mock sees it, for tests and the inspection route (not part of the API); only `orgId`'s when given. */
  inspectContact(contactId, orgId) {
    for (const org of this.orgs.values()) {
      if (orgId !== undefined && org.id !== orgId) continue;
      const contact = org.contacts.get(contactId);
      if (contact) return { id: contact.id, organization_id: org.id, team_id: contact.team_id, label_ids: [...contact.labels].sort() };
    }
    return undefined;
  }
}
