// Raadsbesluiten in tests: the meeting the raad took a decision in, as its clerk (griffier)
// registers it with an adopted programme and with COUNCIL_HONOUR / COUNCIL_REJECT.

export interface CouncilDecision {
  meetingOn: string;
  agendaItem: string;
  votesFor?: number;
  votesAgainst?: number;
}

/** A council meeting with its agenda item and votes; `overrides` change or add fields. */
export function councilDecision(overrides: Partial<CouncilDecision> = {}): CouncilDecision {
  return {
    meetingOn: '2026-11-12',
    agendaItem: '7.2 Wijkprogramma’s',
    votesFor: 27,
    votesAgainst: 12,
    ...overrides,
  };
}
