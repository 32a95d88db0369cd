// Property-based checks (fast-check, seeded): for every operation with a request body, generated
// valid bodies must succeed with a schema-valid answer that reflects the request, and generated
// invalid bodies must give a 400 whose `param` names a field that really is invalid (the
// description, through ajv, is the oracle). Bodies are drawn up front with the seed, then sent
// concurrently; a failure prints the seed and the body.
import fc from 'fast-check';
import { forEachConcurrently } from '../../scripts/lib/concurrently.mjs';
import type { Case } from './case.js';
import type { Context } from './context.js';
import { CaseFailure, check, type Exchange } from './http.js';
import { patternedStrings } from './negative.js';
import { walk } from './scenarios.js';
import { deref, operation, requestSchema, type Json } from './openapi.js';

const CONCURRENCY = 24;
const nameKey = (name: string) => name.trim().toLowerCase();

interface Draw {
  path?: Record<string, string>;
  body: Json;
}

/** Fixture values the bodies refer to: labels to update and attach, contacts to label. */
interface World {
  team: string;
  labels: string[];
  contacts: string[];
  strangers: string[];
  /** name key → label id, for the team the properties write in. */
  names: Map<string, string>;
}

/** An arbitrary for a valid value of a (dereferenced) schema; reference fields come from the world. */
function validValue(field: string, raw: Json, doc: Json, world: World): fc.Arbitrary<unknown> {
  const schema = deref(doc, raw);
  if (field === 'team_id') return fc.constant(world.team);
  if (field === 'label_id') return fc.constantFrom(...world.labels);
  if (field === 'contact_ids') {
    const random = patternedStrings(deref(doc, schema.items), 50, 3);
    return fc.uniqueArray(fc.constantFrom(...world.contacts, ...world.strangers, ...random), { minLength: schema.minItems ?? 1, maxLength: 12 });
  }
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.type === 'string') {
    const text = fc.string({ unit: fc.oneof(fc.constant('a'), fc.constantFrom(' ', 'É', '🏷', '-'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), minLength: schema.minLength ?? 0, maxLength: schema.maxLength ?? 64 });
    // A name that is empty after trimming is refused (kirim-api-facts.md), though the schema cannot say so.
    return field === 'name' ? text.filter((v) => v.trim() !== '') : text;
  }
  throw new Error(`no generator for ${field}`);
}

function validBody(schema: Json, doc: Json, world: World): fc.Arbitrary<Json> {
  const props = Object.fromEntries(Object.entries<Json>(schema.properties ?? {}).map(([f, s]) => [f, validValue(f, s, doc, world)]));
  const arb = fc.record(props, { requiredKeys: schema.required ?? [] });
  return schema.minProperties ? arb.filter((b) => Object.keys(b).length >= schema.minProperties) : arb;
}

/** A valid body with one or two fields broken: wrong type, out of bounds, not in the enum, not matching, missing, unknown. */
function invalidBody(schema: Json, doc: Json, world: World): fc.Arbitrary<Json> {
  const fields = Object.keys(schema.properties ?? {});
  const breakField = (field: string): fc.Arbitrary<unknown> => {
    const s = deref(doc, schema.properties[field]);
    const wrongType = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({}));
    if (s.type === 'array') return fc.oneof(wrongType, fc.constant([]), fc.array(fc.string({ maxLength: 8 }), { minLength: 1, maxLength: 3 }));
    const options: fc.Arbitrary<unknown>[] = [wrongType];
    if (s.maxLength !== undefined) options.push(fc.string({ unit: 'binary', minLength: s.maxLength + 1, maxLength: s.maxLength + 20 }));
    if (s.minLength) options.push(fc.constant(''));
    if (s.enum || s.pattern) options.push(fc.string({ minLength: 1, maxLength: 12 }).filter((v) => !(s.enum ?? []).includes(v)));
    return fc.oneof(...options);
  };
  const fault = fc.oneof(
    fc.constantFrom(...fields).chain((f) => breakField(f).map((v) => (b: Json) => ({ ...b, [f]: v }))),
    ...(schema.required?.length ? [fc.constantFrom(...schema.required).map((f: string) => (b: Json) => Object.fromEntries(Object.entries(b).filter(([k]) => k !== f)))] : []),
    fc.stringMatching(/^[a-z_]{1,12}$/).filter((k) => !fields.includes(k)).map((k) => (b: Json) => ({ ...b, [k]: 'x' })),
  );
  return fc.tuple(validBody(schema, doc, world), fc.array(fault, { minLength: 1, maxLength: 2 })).map(([body, faults]) => faults.reduce((b, f) => f(b), body));
}

/** What a valid request must do to the label or contact, beyond a 2xx and a schema-valid body. */
function checkEffect(operationId: string, draw: Draw, ex: Exchange, world: World, defaultColor: string): void {
  const { body } = draw;
  const data = ex.body.data;
  const fail = (what: string) => {
    throw new CaseFailure(`${ex.request} → ${ex.status}: ${what}: ${JSON.stringify(data)}`);
  };
  if (operationId === 'createLabel' && (data.name !== body.name || data.color !== (body.color ?? defaultColor) || data.team_id !== world.team)) fail('the label does not hold what was sent');
  if (operationId === 'updateLabel' && ((body.name !== undefined && data.name !== body.name) || (body.color !== undefined && data.color !== body.color) || data.id !== draw.path!.id)) fail('the label does not hold the update');
  if (operationId === 'attachContactLabel' && (data.contact_id !== draw.path!.id || data.label_id !== body.label_id || data.attached !== true)) fail('not the pair that was attached');
  if (operationId === 'bulkLabelContacts') {
    const applied = body.contact_ids.filter((c: string) => world.contacts.includes(c)).length;
    const mismatch = body.contact_ids.filter((c: string) => world.strangers.includes(c)).length;
    const want = { applied, skipped_cross_org: body.contact_ids.length - applied - mismatch, skipped_team_mismatch: mismatch };
    if (JSON.stringify(data) !== JSON.stringify(want)) fail(`counts are not ${JSON.stringify(want)}`);
  }
}

export function propertyCases(doc: Json): Case[] {
  const defaultColor = deref(doc, doc.components.schemas.CreateLabelRequest).properties.color.default;
  // Which team each check writes in: the two that set names get a team each, so that their
  // models of the names in use do not race each other.
  const ops: Array<[string, Case['needs'], 'other' | 'own']> = [
    ['createLabel', ['writes'], 'other'],
    ['updateLabel', ['writes'], 'own'],
    ['attachContactLabel', ['writes', 'contacts'], 'other'],
    ['bulkLabelContacts', ['writes', 'contacts'], 'own'],
  ];
  return ops.map(([operationId, needs, where]): Case => {
    const entry = operation(operationId, doc);
    const schema = requestSchema(entry, doc);
    const success = Number(entry.statuses.find((s) => s.startsWith('2')));
    return {
      name: `${operationId} properties: generated valid bodies succeed, generated invalid bodies name an invalid field`,
      group: 'property',
      covers: [`${operationId} ${success}`, `${operationId} 400`],
      needs,
      async run(ctx: Context) {
        const team = where === 'other' ? (ctx.target.otherTeamId ?? ctx.teamId) : ctx.teamId;
        const labels: string[] = [];
        for (let i = 0; i < 6; i++) labels.push((await ctx.createLabel({ team_id: team })).id);
        const world: World = {
          team,
          labels,
          contacts: ctx.contactsOf(team),
          strangers: Object.entries(ctx.target.contacts ?? {}).filter(([t]) => t !== team).flatMap(([, ids]) => ids),
          names: new Map(),
        };
        for (const label of await walk(ctx, 100)) if (label.team_id === team) world.names.set(nameKey(label.name), label.id);
        const pathOf = () => (entry.path.includes('{id}') ? fc.constantFrom(...(operationId === 'updateLabel' ? labels : world.contacts)).map((id) => ({ id })) : fc.constant(undefined));
        const seed = ctx.seed;
        const sample = (arb: fc.Arbitrary<Json>, salt: number): Draw[] =>
          fc.sample(fc.tuple(pathOf(), arb), { seed: seed + salt, numRuns: ctx.propertyRuns }).map(([path, body]) => ({ path, body }));
        // An organisation with several teams must name one (createLabel's description), though the schema cannot say so.
        const multiTeam = ctx.target.otherTeamId !== undefined;
        const bodySchema = multiTeam && schema.properties.team_id ? { ...schema, required: [...(schema.required ?? []), 'team_id'] } : schema;
        const valid = sample(validBody(bodySchema, doc, world), 1);
        const invalid = sample(invalidBody(bodySchema, doc, world), 2);
        const failures: string[] = [];
        const failed = (draw: Draw, what: string) => failures.push(`${what}\n    body: ${JSON.stringify(draw.body)}${draw.path ? ` path: ${JSON.stringify(draw.path)}` : ''}`);
        let duplicates = 0;

        // Valid bodies. A name already held by another label of the team must be refused as a
        // duplicate; two bodies of one batch with the same name wait for a later batch.
        let queue = valid;
        while (queue.length) {
          const batch: Draw[] = [];
          const later: Draw[] = [];
          const taken = new Set<string>();
          for (const draw of queue) {
            // One change per name and per label in a batch, so that the model knows the order.
            // A rename also frees the label's current name, so that name is in flux for the batch too.
            const current = operationId === 'updateLabel' ? [...world.names].find(([, id]) => id === draw.path!.id)?.[0] : undefined;
            const keys = [
              typeof draw.body.name === 'string' ? `name:${nameKey(draw.body.name)}` : '',
              operationId === 'updateLabel' ? `id:${draw.path!.id}` : '',
              current !== undefined && typeof draw.body.name === 'string' ? `name:${current}` : '',
            ].filter(Boolean);
            if (keys.some((k) => taken.has(k))) later.push(draw);
            else {
              for (const k of keys) taken.add(k);
              batch.push(draw);
            }
            if (batch.length === CONCURRENCY * 4) {
              later.push(...queue.slice(queue.indexOf(draw) + 1));
              break;
            }
          }
          queue = later;
          await forEachConcurrently(batch, CONCURRENCY, async (draw) => {
            const key = typeof draw.body.name === 'string' ? nameKey(draw.body.name) : undefined;
            const holder = key === undefined ? undefined : world.names.get(key);
            const duplicate = holder !== undefined && holder !== draw.path?.id;
            let ex: Exchange;
            try {
              ex = await ctx.http.send(operationId, { path: draw.path, body: draw.body });
            } catch (error) {
              return void failed(draw, (error as Error).message);
            }
            if (duplicate) {
              duplicates++;
              if (ex.status !== 400 || ex.body.error.param !== 'name') failed(draw, `${ex.status}: the name is held by ${holder}, expected 400 invalid_field_value name`);
              return;
            }
            if (ex.status !== success) return void failed(draw, `${ex.status} ${ex.body?.error?.code ?? ''} ${ex.body?.error?.param ?? ''} ${ex.body?.error?.message ?? ''}: a valid body, expected ${success}`);
            try {
              checkEffect(operationId, draw, ex, world, defaultColor);
            } catch (error) {
              failed(draw, (error as Error).message);
            }
            if (key !== undefined && (operationId === 'createLabel' || operationId === 'updateLabel')) {
              for (const [k, id] of world.names) if (id === ex.body.data.id) world.names.delete(k);
              world.names.set(key, ex.body.data.id);
            }
          });
        }

        // Invalid bodies: the answer must be a 400 naming a field the oracle finds invalid.
        await forEachConcurrently(invalid, CONCURRENCY, async (draw) => {
          const faults = ctx.validator.requestFaults(operationId, draw.body);
          if (bodySchema !== schema && typeof draw.body === 'object' && !('team_id' in draw.body)) faults.push({ field: 'team_id', kind: 'missing' });
          if (faults.length === 0) return void failed(draw, 'the generator made a valid body (a bug of the suite)');
          let ex: Exchange;
          try {
            ex = await ctx.http.send(operationId, { path: draw.path, body: draw.body });
          } catch (error) {
            return void failed(draw, (error as Error).message);
          }
          const error = ex.body?.error ?? {};
          const matching = faults.filter((f) => f.field === error.param && (f.kind === 'missing' ? error.code === 'missing_required_field' : f.kind === 'empty' ? false : error.code === 'invalid_field_value'));
          const empty = faults.some((f) => f.kind === 'empty') && error.param === undefined && error.code === 'missing_required_field';
          if (ex.status !== 400 || (!matching.length && !empty)) {
            failed(draw, `${ex.status} ${error.code} param=${error.param ?? '(none)'}; invalid: ${faults.map((f) => `${f.field ?? '(body)'} ${f.kind}`).join(', ')}`);
          }
        });

        check(failures.length === 0, `${failures.length} of ${valid.length + invalid.length} generated bodies broke the contract (seed ${seed}; rerun with --seed ${seed}):\n  ${failures.slice(0, 5).join('\n  ')}`);
        return `${valid.length} valid (${duplicates} duplicate names refused) + ${invalid.length} invalid bodies, seed ${seed}`;
      },
    };
  });
}
