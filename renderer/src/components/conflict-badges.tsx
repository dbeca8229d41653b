/** Address-problem badges: presentational, every string already translated by the caller. */
export interface ConflictBadge {
  readonly kind: string;
  /** Short text on the badge, e.g. "Duplicate IP". */
  readonly label: string;
  /** The plain-language reason, shown as the badge's tooltip and to screen readers. */
  readonly explanation: string;
}

export interface ConflictBadgesProps {
  readonly badges: readonly ConflictBadge[];
  readonly testId?: string;
  /** Also read the explanation to screen readers (false where it is shown as text beside the badges). */
  readonly announce?: boolean;
}

export function ConflictBadges({ badges, testId, announce = true }: ConflictBadgesProps) {
  if (badges.length === 0) return null;
  return (
    <span className="conflict-badges" data-testid={testId}>
      {badges.map((b) => (
        <span key={b.kind} className="conflict-badge" data-kind={b.kind} title={b.explanation}>
          {b.label}
          {announce && <span className="visually-hidden">: {b.explanation}</span>}
        </span>
      ))}
    </span>
  );
}
