import { type ComplianceFinding, type ErrorResponse, FINDING_TRANSITIONS, type FindingStatus } from '@convenio/contracts';
import { type Message, describeError } from '../../../shared/errors/describe-error';

/** The API's limits on the comment of a status change (`updateFindingSchema`). */
export const MIN_FINDING_COMMENT = 3;
export const MAX_FINDING_COMMENT = 2000;

/** The statuses a finding may move to now: none for people who may not update findings. */
export function allowedTransitions(finding: Pick<ComplianceFinding, 'status'> | null, canUpdate: boolean): readonly FindingStatus[] {
  if (!finding || !canUpdate) return [];
  return FINDING_TRANSITIONS[finding.status] ?? [];
}

/** What is wrong with a comment, as a validation key (`validation.<key>`), or null when it may be sent. */
export function commentProblem(comment: string): 'required' | 'minlength' | 'maxlength' | null {
  const text = comment.trim();
  if (text === '') return 'required';
  if (text.length < MIN_FINDING_COMMENT) return 'minlength';
  if (text.length > MAX_FINDING_COMMENT) return 'maxlength';
  return null;
}

/** How a refused status change is told: a conflict (someone moved it first), a refused comment, or the usual words. */
export function transitionErrorMessage(error: ErrorResponse): Message {
  if (error.statusCode === 409) return { key: 'compliance.finding.conflict' };
  if (error.statusCode === 400) return { key: 'compliance.finding.invalid', params: { message: error.message } };
  return describeError(error);
}
