// A consumer's own code, run through the client against the mock of the global setup.
import { Kirim } from '@kirim/openapi';
import { expect, inject, test } from 'vitest';

const kirim = new Kirim({ apiKey: inject('kirimApiKey'), baseUrl: inject('kirimBaseUrl'), retry: false });

test('creates a label, then finds it in the list', async () => {
  const created = await kirim.labels.create({ name: 'From CI', color: 'teal' });
  expect(created.data.name).toBe('From CI');
  const names: string[] = [];
  for await (const label of kirim.labels.list({ limit: 50 })) names.push(label.name);
  expect(names).toContain('From CI');
});

test('a label that does not exist is a 404', async () => {
  await expect(kirim.labels.get('lbl_0000000000000000000000000Z')).rejects.toMatchObject({ status: 404 });
});
