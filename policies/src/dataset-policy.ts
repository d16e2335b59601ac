import type { AccessAudience, DatasetAccessPolicyInput, StoredPolicyRule } from '@convenio/contracts';
import type { AppRule } from './app-ability';
import type { PolicyUser } from './define-ability-for';

/**
 * Dataset access policies: what a steward records in a form becomes stored CASL rules with
 * placeholders about the reader, interpolated when an ability is built. Pure functions,
 * shared by the API (enforcement, SQL filters, explain) and the UI (sentences).
 */

function audienceRules(action: 'read' | 'request', datasetId: string, audience: AccessAudience, verb: string): StoredPolicyRule[] {
  const base = { action, subject: 'Dataset' as const, conditions: { id: datasetId } };
  const rules: StoredPolicyRule[] = [];
  if (audience.everyone) rules.push({ ...base, when: { placeholder: '${user.anyone}', in: ['true'] }, reason: `anyone may ${verb}` });
  else if (audience.signedIn) rules.push({ ...base, when: { placeholder: '${user.signedIn}', in: ['true'] }, reason: `any signed-in person may ${verb}` });
  if (audience.sectors.length > 0) {
    rules.push({ ...base, when: { placeholder: '${user.organizationSector}', in: [...audience.sectors] }, reason: `organizations of the ${audience.sectors.join(', ')} sector may ${verb}` });
  }
  if (audience.organizationIds.length > 0) {
    rules.push({ ...base, when: { placeholder: '${user.organizationId}', in: [...audience.organizationIds] }, reason: `the named organizations may ${verb}` });
  }
  return rules;
}

/** Compiles the form into stored rules (the owner is needed for "hidden outside the owner"). */
export function compileDatasetPolicy(datasetId: string, ownerOrganizationId: string, input: DatasetAccessPolicyInput): StoredPolicyRule[] {
  const rules = [...audienceRules('read', datasetId, input.metadata, 'see its metadata'), ...audienceRules('request', datasetId, input.request, 'request it')];
  for (const hidden of input.hiddenColumns) {
    rules.push({
      action: 'read',
      subject: 'Dataset',
      conditions: { id: datasetId },
      fields: [`columns.${hidden.column}`],
      inverted: true,
      when: hidden.hiddenFrom === 'everyone' ? { placeholder: '${user.anyone}', in: ['true'] } : { placeholder: '${user.organizationId}', notIn: [ownerOrganizationId] },
      reason: hidden.hiddenFrom === 'everyone' ? `the column ${hidden.column} is never shown` : `the column ${hidden.column} is shown only to the owner organization`,
    });
  }
  return rules;
}

function placeholderValue(placeholder: StoredPolicyRule['when']['placeholder'], user: PolicyUser | null): string {
  switch (placeholder) {
    case '${user.anyone}':
      return 'true';
    case '${user.signedIn}':
      return user ? 'true' : 'false';
    case '${user.organizationSector}':
      return user?.organizationSector ?? '';
    case '${user.organizationId}':
      return user?.organizationId ?? '';
  }
}

/** True when a stored rule speaks of this reader. */
export function ruleApplies(rule: StoredPolicyRule, user: PolicyUser | null): boolean {
  const value = placeholderValue(rule.when.placeholder, user);
  if (rule.when.in && !rule.when.in.includes(value)) return false;
  if (rule.when.notIn && rule.when.notIn.includes(value)) return false;
  return true;
}

/**
 * The CASL rules the stored policy rules give one reader. Allowing rules on many datasets
 * are merged into one `id: {$in: [...]}` rule per action, so SQL filters stay one parameter.
 */
export function interpolatePolicyRules(stored: readonly StoredPolicyRule[], user: PolicyUser | null): AppRule[] {
  const allowed = new Map<string, string[]>();
  const denied: AppRule[] = [];
  for (const rule of stored) {
    if (!ruleApplies(rule, user)) continue;
    if (rule.inverted) {
      denied.push({ action: rule.action, subject: 'Dataset', fields: rule.fields, conditions: { id: rule.conditions.id }, inverted: true, reason: rule.reason });
    } else {
      const ids = allowed.get(rule.action) ?? [];
      ids.push(rule.conditions.id);
      allowed.set(rule.action, ids);
    }
  }
  const merged: AppRule[] = [...allowed].map(([action, ids]) => ({
    action: action as AppRule['action'],
    subject: 'Dataset',
    conditions: { id: { $in: [...new Set(ids)] } },
    reason: 'dataset access policy',
  }));
  return [...merged, ...denied];
}

const SECTOR_WORDS = {
  es: { public: 'público', private: 'privado', social: 'social', academic: 'académico' },
  en: { public: 'public', private: 'private', social: 'social', academic: 'academic' },
} as const;

function audienceSentence(audience: AccessAudience, what: 'see' | 'request', lang: 'es' | 'en', orgNames: Record<string, string>): string | null {
  const verb = lang === 'es' ? (what === 'see' ? 'pueden ver la descripción de este conjunto de datos' : 'pueden solicitar este conjunto de datos') : what === 'see' ? 'may see this dataset’s description' : 'may request this dataset';
  const who: string[] = [];
  if (audience.everyone) who.push(lang === 'es' ? 'Cualquier persona, sin iniciar sesión,' : 'Anyone, without signing in,');
  else if (audience.signedIn) who.push(lang === 'es' ? 'Todas las personas con sesión iniciada' : 'Every signed-in person');
  if (audience.sectors.length > 0) {
    const sectors = audience.sectors.map((sector) => SECTOR_WORDS[lang][sector]).join(lang === 'es' ? ', ' : ', ');
    who.push(lang === 'es' ? `Las organizaciones del sector ${sectors}` : `Organizations of the ${sectors} sector`);
  }
  if (audience.organizationIds.length > 0) {
    const names = audience.organizationIds.map((id) => orgNames[id] ?? id).join(', ');
    who.push(lang === 'es' ? `Las organizaciones ${names}` : `The organizations ${names}`);
  }
  if (who.length === 0) return null;
  return `${who.join(lang === 'es' ? ' y ' : ' and ')} ${verb}.`;
}

/** The policy in plain sentences ("Private-sector partners may request this dataset; …"). */
export function describeDatasetPolicy(input: DatasetAccessPolicyInput, lang: 'es' | 'en', orgNames: Record<string, string> = {}): string[] {
  const sentences = [audienceSentence(input.metadata, 'see', lang, orgNames), audienceSentence(input.request, 'request', lang, orgNames)].filter((s): s is string => s !== null);
  for (const hidden of input.hiddenColumns) {
    sentences.push(
      hidden.hiddenFrom === 'everyone'
        ? lang === 'es' ? `La columna \`${hidden.column}\` nunca se muestra.` : `The column \`${hidden.column}\` is never shown.`
        : lang === 'es' ? `La columna \`${hidden.column}\` solo la ve la organización propietaria.` : `The column \`${hidden.column}\` is shown only to the owner organization.`,
    );
  }
  if (sentences.length === 0) {
    sentences.push(lang === 'es' ? 'Sin reglas propias: aplican solo las reglas por rol.' : 'No rules of its own: only the role rules apply.');
  }
  return sentences;
}
