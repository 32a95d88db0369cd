// One valid call per operation through the typed client, with inputs taken from the
// description's own examples. Shared by every suite that exercises all 8 operations.
import type { KirimClient } from '../../src/index.js';
import { requestExample } from './description.js';

const LABEL_ID = 'lbl_01JCZ4V9Q8M3T5N7P2R6W0X1YA';
const CONTACT_ID = 'ctc_01JB7Y2K8N4Q6S0T3V5W7X9Z1C';

export interface CallInput {
  headers?: Record<string, string>;
  labelId?: string;
  contactId?: string;
}

type Call = (client: KirimClient, input?: CallInput) => Promise<{ response: Response; data?: unknown; error?: unknown }>;

export const calls: Record<string, Call> = {
  listLabels: (c, i = {}) => c.GET('/labels', { params: { query: { limit: 25 } }, headers: i.headers }),
  createLabel: (c, i = {}) => c.POST('/labels', { body: requestExample('createLabel'), headers: i.headers }),
  getLabel: (c, i = {}) => c.GET('/labels/{id}', { params: { path: { id: i.labelId ?? LABEL_ID } }, headers: i.headers }),
  updateLabel: (c, i = {}) =>
    c.PATCH('/labels/{id}', { params: { path: { id: i.labelId ?? LABEL_ID } }, body: requestExample('updateLabel'), headers: i.headers }),
  deleteLabel: (c, i = {}) => c.DELETE('/labels/{id}', { params: { path: { id: i.labelId ?? LABEL_ID } }, headers: i.headers }),
  attachContactLabel: (c, i = {}) =>
    c.POST('/contacts/{id}/labels', {
      params: { path: { id: i.contactId ?? CONTACT_ID } },
      body: { label_id: i.labelId ?? LABEL_ID },
      headers: i.headers,
    }),
  detachContactLabel: (c, i = {}) =>
    c.DELETE('/contacts/{id}/labels/{label_id}', {
      params: { path: { id: i.contactId ?? CONTACT_ID, label_id: i.labelId ?? LABEL_ID } },
      headers: i.headers,
    }),
  bulkLabelContacts: (c, i = {}) => c.POST('/contacts/bulk_label', { body: requestExample('bulkLabelContacts'), headers: i.headers }),
};
