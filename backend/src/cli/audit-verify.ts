import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { AUDIT_GENESIS_HASH, type AuditEntry } from '@convenio/contracts';
import { AuditChainVerifier } from '../core/audit/audit-hash';

/** `npm run audit:verify -- FILE`: checks an NDJSON export of the audit trail offline. */
async function main(): Promise<void> {
  const file = process.argv[2] ? resolve(process.env.INIT_CWD ?? process.cwd(), process.argv[2]) : undefined;
  if (!file) {
    process.stderr.write('Usage: npm run audit:verify -- convenio-audit.ndjson\n');
    process.exit(2);
  }
  const verifier = new AuditChainVerifier(AUDIT_GENESIS_HASH);
  let head: { lastId: string; lastHash: string } | null = null;
  for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (!text.trim()) continue;
    const record = JSON.parse(text) as AuditEntry | { chainHead: { lastId: string; lastHash: string } | null };
    if ('chainHead' in record) {
      head = record.chainHead;
      continue;
    }
    const { id, at, actorId, actorLabel, organizationId, action, subjectType, subjectId, before, after, requestId, prevHash, hash } = record;
    verifier.next({ id, at, actorId, actorLabel, organizationId, action, subjectType, subjectId, before, after, requestId, prevHash, hash });
  }
  const result = verifier.finish(head);
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(result.valid ? 0 : 1);
}

main().catch((error: Error) => {
  process.stderr.write(`audit:verify failed: ${error.message}\n`);
  process.exit(2);
});
