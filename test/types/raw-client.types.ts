// Compile-time proofs for the typed client, checked by `npm run typecheck` (never executed).
// Each `@ts-expect-error` must stay an error: if a wrong call started to compile, tsc would
// report the directive as unused and the check would fail.
import { createKirimClient, type Label } from '../../src/index.js';

const kirim = createKirimClient({ apiKey: 'kdv_live_Zx8Q2mN4vB7rT1yK9pL3sD6f', baseUrl: 'http://127.0.0.1:4010/v1' });

export async function proofs() {
  // Correct calls compile, and results are typed from the description. `color` has a default,
  // so it may be left out.
  const created = await kirim.POST('/labels', { body: { name: 'Bug' } });
  if (created.data) {
    const label: Label = created.data.data;
    const id: `${string}` = label.id;
    void id;
  }
  if (created.error) {
    const code: string = created.error.error.code;
    void code;
  }
  const page = await kirim.GET('/labels', { params: { query: { limit: 50 } } });
  const cursor: string | null | undefined = page.data?.next_cursor;
  void cursor;

  // @ts-expect-error a path that the API does not have
  await kirim.GET('/label');
  // @ts-expect-error a method the path does not take
  await kirim.PUT('/labels/{id}', { params: { path: { id: 'lbl_01JCZ4V9Q8M3T5N7P2R6W0X1YA' } } });
  // @ts-expect-error a colour that is not in the enum
  await kirim.POST('/labels', { body: { name: 'Bug', color: 'purple' } });
  // @ts-expect-error name is required
  await kirim.POST('/labels', { body: { color: 'red' } });
  // @ts-expect-error a colour that is not in the enum, on update
  await kirim.PATCH('/labels/{id}', { params: { path: { id: 'lbl_01JCZ4V9Q8M3T5N7P2R6W0X1YA' } }, body: { color: 'purple' } });
  // The raw openapi-fetch client cannot refuse an unknown body field (`colour` for `color`): it
  // infers its init argument generically, and TypeScript checks excess properties only against
  // a declared type. The resource methods (kirim.labels.create, ...) declare theirs, and their
  // type tests prove that an unknown field fails to compile there.
  // @ts-expect-error the path parameter is required
  await kirim.GET('/labels/{id}', {});
  // @ts-expect-error limit is an integer, not a string
  await kirim.GET('/labels', { params: { query: { limit: '50' } } });
  // @ts-expect-error operation is attach or detach
  await kirim.POST('/contacts/bulk_label', { body: { contact_ids: [], label_id: 'lbl_01JCZ4V9Q8M3T5N7P2R6W0X1YA', operation: 'toggle' } });
}
