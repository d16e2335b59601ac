import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { apiLogin } from '../support/api';
import { baseUrl } from '../support/browser';
import { BACKEND_DIST } from '../support/stack';

/** `npm run audit:verify -- FILE` on an export of the running stack's audit trail. */
describe('offline verification of an audit export', () => {
  const verify = (file: string) => spawnSync(process.execPath, [resolve(BACKEND_DIST, 'cli', 'audit-verify.js'), file], { encoding: 'utf8' });

  it('accepts the export as it came, and names the entry of a tampered copy', async () => {
    const token = await apiLogin('auditor@funcionpublica.gob.mx');
    const response = await fetch(`${baseUrl()}/api/v1/audit/export`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const text = await response.text();
    const folder = mkdtempSync(join(tmpdir(), 'convenio-audit-'));
    const original = join(folder, 'audit.ndjson');
    writeFileSync(original, text);
    const ok = verify(original);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ valid: true, firstInvalidEntryId: null });

    const lines = text.trim().split('\n');
    const first = JSON.parse(lines[0]);
    lines[0] = JSON.stringify({ ...first, actorLabel: 'someone-else@example.com' });
    const tampered = join(folder, 'tampered.ndjson');
    writeFileSync(tampered, `${lines.join('\n')}\n`);
    const bad = verify(tampered);
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ valid: false, firstInvalidEntryId: first.id });
  });
});
