import type { CommitRef, History } from '../history';
import type { Deploy } from '../scenario';

export const PG = 'services/payment-gateway';
export const POOL = `${PG}/database/pool.go`;
export const MOD = 'github.com/healthcare-platform/platform/services/payment-gateway';

export interface PaymentHistory {
  history: History;
  culprit: CommitRef;
  deploys: Deploy[];
}

/** The team's commit template (SOX-scoped changes carry it). */
export function sox(subject: string, impact: string, changes: string[], risk: string, testing: string, reviewers: string): string {
  return `${subject}\n\nBusiness Impact: ${impact}\nCompliance: SOX\n\nChanges:\n${changes.map((c) => `- ${c}`).join('\n')}\n\nRisk Level: ${risk}\nTesting: ${testing}\nReviewers: ${reviewers}\n`;
}
