// A consumer of the packed @kirim/openapi, compiled by the pack test under three TypeScript
// settings and run against stock Prism (which serves the description without `/v1`).
import { Kirim, KirimApiError, createKirimClient, isKirimError, type Label } from '@kirim/openapi';
import type { paths } from '@kirim/openapi/types';

declare const process: { argv: string[] };

const apiKey = 'kdv_live_Zx8Q2mN4vB7rT1yK9pL3sD6f';
const baseUrl = process.argv[2]!;
const LABEL_ID = 'lbl_01JCZ4V9Q8M3T5N7P2R6W0X1YA';
const CONTACT_ID = 'ctc_01JB7Y2K8N4Q6S0T3V5W7X9Z1C';
// Stock Prism answers the first list example (has_more: true) unless asked for the last page.
const lastPage = { headers: { Prefer: 'example=last_page' } };

const kirim = new Kirim({ apiKey, baseUrl, retry: false });
const report: Record<string, unknown> = {};

const created = await kirim.labels.create({ name: 'Bug', color: 'red' });
report.created = created.data.object;
report.requestId = created.requestId.startsWith('req_');

const listed: Label[] = [];
for await (const label of kirim.labels.list({ limit: 50 }, lastPage)) listed.push(label);
report.listed = listed.length;

report.got = (await kirim.labels.get(LABEL_ID)).data.id;
report.updated = (await kirim.labels.update(LABEL_ID, { color: 'blue' })).data.object;
report.deleted = (await kirim.labels.delete(LABEL_ID)).data.deleted;
report.attached = (await kirim.contacts.attachLabel(CONTACT_ID, { label_id: LABEL_ID })).data.attached;
report.detached = (await kirim.contacts.detachLabel(CONTACT_ID, LABEL_ID)).data.attached;
report.bulk = typeof (await kirim.contacts.bulkLabel({ contact_ids: [CONTACT_ID], label_id: LABEL_ID, operation: 'attach' })).data.applied;

try {
  await kirim.labels.get(LABEL_ID, { headers: { Prefer: 'code=404' } });
} catch (error) {
  if (error instanceof KirimApiError) report.notFound = `${error.status} ${error.type} ${error.code}`;
  report.isKirimError = isKirimError(error);
}

const raw = createKirimClient({ apiKey, baseUrl });
const path: keyof paths = '/labels/{id}';
const { data } = await raw.GET(path, { params: { path: { id: LABEL_ID } } });
report.raw = data?.data.id;

console.log(JSON.stringify(report));
