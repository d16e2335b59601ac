import type { AgreementState } from '../agreements/agreement-state-machine';

/** An approval step still pending after its deadline. */
export interface PipelineOverdueStep {
  taskId: string;
  agreementId: string;
  agreementReference: string;
  stepName: string;
  dueAt: string;
  /** Full names of the people the step is assigned to. */
  assignees: string[];
}

/** Agreements created and activated in one calendar month (Mexico City time), `YYYY-MM`. */
export interface PipelineMonth {
  month: string;
  created: number;
  activated: number;
}

/** The officials' dashboard: from needs to owners to agreements, with timing and overdue work. */
export interface PipelineDashboard {
  generatedAt: string;
  needs: {
    diagnostics: number;
    identified: number;
    ownerAssigned: number;
    openDataRequests: number;
  };
  /** Every state, zero included, in the state machine's order. */
  agreementsByState: Record<AgreementState, number>;
  approval: {
    /** Median working days (Mexico) from the submit that opened the last review round to approval; null without approvals. */
    medianWorkingDays: number | null;
    /** How many approvals the median is taken over. */
    approvedCount: number;
  };
  overdueSteps: PipelineOverdueStep[];
  /** All overdue steps, even when the list above is cut short. */
  overdueTotal: number;
  /** The last 12 months, oldest first, the current month last. */
  monthly: PipelineMonth[];
}
