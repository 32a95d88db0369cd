// The negative matrix is generated from the description: a constraint added to or removed from
// the description changes the cases, and every case expects what the description's error table says.
import { describe, expect, it } from 'vitest';
import { negativeMatrix } from '../../src/contract/negative.js';
import { description } from '../support/description.js';

const matrix = negativeMatrix(description);
const names = matrix.map((c) => c.name);

describe('negative matrix generated from the description', () => {
  it('covers each kind of constraint of every operation', () => {
    expect(names).toContain('createLabel body name maxLength+1 → 400 invalid_field_value name');
    expect(names).toContain('createLabel body name maxLength → accepted');
    expect(names).toContain('createLabel body name missing → 400 missing_required_field name');
    expect(names).toContain('updateLabel body {} → 400 missing_required_field (no param)');
    expect(names).toContain('listLabels query limit maximum+1 → 400 invalid_limit limit');
    expect(names).toContain('listLabels query cursor not issued by the server → 400 invalid_cursor cursor');
    expect(names).toContain('detachContactLabel path label_id pattern → 400 invalid_field_value label_id');
    expect(names).toContain('bulkLabelContacts body contact_ids uniqueItems → 400 invalid_field_value contact_ids');
    expect(names).toContain('bulkLabelContacts body contact_ids maxItems+1 → 400 invalid_field_value contact_ids');
    expect(names).toContain('attachContactLabel Content-Type text/plain → 400 invalid_request (no param)');
    expect(names).toContain('createLabel body color enum casing → 400 invalid_field_value color');
    expect(names).toContain('bulkLabelContacts body operation enum casing → 400 invalid_field_value operation');
    for (const op of ['createLabel', 'updateLabel', 'attachContactLabel', 'bulkLabelContacts']) expect(names).toContain(`${op} malformed JSON → 400 invalid_request (no param)`);
  });

  it('follows the description: a changed bound changes the case values', () => {
    const copy = structuredClone(description);
    copy.components.schemas.LabelName.maxLength = 40;
    delete copy.components.schemas.LabelColor.enum;
    const changed = negativeMatrix(copy);
    const tooLong = changed.find((c) => c.name === 'createLabel body name maxLength+1 → 400 invalid_field_value name')!;
    expect((tooLong.change as { value: string }).value).toHaveLength(41);
    expect(changed.some((c) => c.name.startsWith('createLabel body color enum'))).toBe(false);
  });

  it('boundary values are within the bounds and faults outside them', () => {
    const at = (name: string) => matrix.find((c) => c.name === name)!.change as { value: unknown };
    expect(at('createLabel body name maxLength → accepted').value).toEqual({ fill: 50 });
    expect(at('createLabel body name minLength-1 → 400 invalid_field_value name').value).toBe('');
    expect((at('bulkLabelContacts body contact_ids maxItems → accepted').value as string[]).length).toBe(1000);
    expect(new Set(at('bulkLabelContacts body contact_ids maxItems → accepted').value as string[]).size).toBe(1000);
    expect(at('getLabel path id pattern → 400 invalid_field_value id').value).toMatch(/^lbl_[0-9A-Z]{26}$/);
    expect(at('createLabel body color enum casing → 400 invalid_field_value color').value).toBe('Gray');
    expect(matrix.length).toBeGreaterThan(100);
  });
});
