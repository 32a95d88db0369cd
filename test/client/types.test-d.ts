// Type tests, checked by `npm run typecheck` (never run): what must not compile carries
// `@ts-expect-error` (tsc fails if the line compiles after all), what must narrow is pinned
// with expectTypeOf.
import { expectTypeOf } from 'vitest';
import {
  KirimApiError,
  KirimTimeoutError,
  createKirimClient,
  isKirimError,
  type ErrorType,
  type Kirim,
  type KirimResult,
  type Label,
  type LabelColor,
  type Page,
  type components,
  type KeyContext,
  type Health,
} from '../../src/index.js';

declare const kirim: Kirim;
const ID = 'lbl_01JCZ4V9Q8M3T5N7P2R6W0X1YA';

export async function requestsThatMustNotCompile() {
  // @ts-expect-error an unknown body field
  await kirim.labels.create({ name: 'Bug', colour: 'red' });
  // @ts-expect-error a colour that is not one of the 13
  await kirim.labels.create({ name: 'Bug', color: 'purple' });
  // @ts-expect-error name is required on create
  await kirim.labels.create({ color: 'red' });
  // @ts-expect-error team_id cannot be changed by an update
  await kirim.labels.update(ID, { team_id: 'team_main' });
  // @ts-expect-error operation is attach or detach
  await kirim.contacts.bulkLabel({ contact_ids: [], label_id: ID, operation: 'toggle' });
  // @ts-expect-error label_id is required to attach
  await kirim.contacts.attachLabel('ctc_01JB7Y2K8N4Q6S0T3V5W7X9Z1C', {});
  // @ts-expect-error limit is an integer, not a string
  kirim.labels.list({ limit: '50' });
  // @ts-expect-error idempotencyKey is only for the idempotent POSTs
  await kirim.labels.get(ID, { idempotencyKey: 'k' });
  // @ts-expect-error a path that the API does not have
  await kirim.raw.GET('/label');
  // @ts-expect-error getMe takes no input
  await kirim.me({ limit: 5 });
  // @ts-expect-error a method that the path does not have
  await kirim.raw.PUT('/labels');
  // @ts-expect-error the path id is required
  await kirim.raw.GET('/labels/{id}', { params: { path: {} } });
  // @ts-expect-error retry options are numbers
  createKirimClient({ apiKey: 'k', retry: { maxAttempts: 'many' } });
  // @ts-expect-error the key provider must give a string
  createKirimClient({ apiKey: async () => 42 });
}

export async function resultsNarrow() {
  const got = await kirim.labels.get(ID);
  expectTypeOf(got).toEqualTypeOf<KirimResult<Label>>();
  expectTypeOf(got.data.color).toEqualTypeOf<LabelColor>();
  expectTypeOf(got.data.object).toEqualTypeOf<'label'>();
  expectTypeOf(got.requestId).toEqualTypeOf<string>();
  expectTypeOf((await kirim.labels.delete(ID)).data.deleted).toEqualTypeOf<true>();
  expectTypeOf((await kirim.contacts.bulkLabel({ contact_ids: [], label_id: ID, operation: 'attach' })).data.applied).toEqualTypeOf<number>();
  expectTypeOf(await kirim.labels.page({ limit: 10 })).toEqualTypeOf<Page<Label>>();
  expectTypeOf((await kirim.labels.page()).nextCursor).toEqualTypeOf<string | null>();
  for await (const label of kirim.labels.list({ limit: 50 })) expectTypeOf(label).toEqualTypeOf<Label>();
  // `color` may be left out on create: the API fills in its default.
  await kirim.labels.create({ name: 'Bug' });

  // The Meta operations.
  const me = await kirim.me();
  expectTypeOf(me).toEqualTypeOf<KirimResult<KeyContext>>();
  expectTypeOf(me.data.rate_limits.read_per_minute).toEqualTypeOf<number>();
  expectTypeOf(me.data.organization.object).toEqualTypeOf<'organization'>();
  // An open string: a new plan is not a breaking change.
  expectTypeOf(me.data.rate_limits.tier).toEqualTypeOf<string>();
  expectTypeOf((await kirim.health()).data).toEqualTypeOf<Health>();
  expectTypeOf((await kirim.health()).data.status).toEqualTypeOf<'ok'>();

  // The raw client: data and error narrow on each other, as openapi-fetch documents.
  const { data, error } = await kirim.raw.GET('/labels/{id}', { params: { path: { id: ID } } });
  if (error) {
    expectTypeOf(error).toEqualTypeOf<components['schemas']['ErrorResponse']>();
    expectTypeOf(data).toEqualTypeOf<undefined>();
  } else {
    expectTypeOf(data).toEqualTypeOf<components['schemas']['LabelResponse']>();
  }
}

export function errorsNarrow(error: unknown) {
  if (isKirimError(error)) {
    if (error.type === 'rate_limit_error') {
      expectTypeOf(error).toEqualTypeOf<KirimApiError>();
      expectTypeOf(error.retryAfterMs).toEqualTypeOf<number | undefined>();
    }
    if (error.type === 'timeout_error') expectTypeOf(error).toEqualTypeOf<KirimTimeoutError>();
    expectTypeOf(error.requestId).toEqualTypeOf<string | null>();
    expectTypeOf(error.status).toEqualTypeOf<number | null>();
    // @ts-expect-error not an error type of the API or the client
    if (error.type === 'rate_limited') return;
  }
  if (error instanceof KirimApiError) {
    expectTypeOf(error.type).toEqualTypeOf<ErrorType>();
    expectTypeOf(error.status).toEqualTypeOf<number>();
    expectTypeOf(error.param).toEqualTypeOf<string | undefined>();
  }
}
