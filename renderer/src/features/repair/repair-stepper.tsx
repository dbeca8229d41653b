/** The wizard's stepper: Diagnose → Plan → Alias → Verify → Readdress (or By hand) → Confirm → Cleanup → Done. */
import type { StepperItem } from './repair-model';
import { useT } from '../../i18n/use-t';

const MARK: Record<StepperItem['status'], string | null> = { complete: '✓', failed: '!', current: null, todo: null };

export function RepairStepper({ items }: { items: readonly StepperItem[] }) {
  const t = useT();
  return (
    <ol className="repair-stepper" aria-label={t('repair.steps')} data-testid="repair-stepper">
      {items.map((item, i) => (
        <li
          key={item.name}
          className="repair-stepper-item"
          data-status={item.status}
          data-testid={`repair-step-${item.name}`}
          aria-current={item.status === 'current' || item.status === 'failed' ? 'step' : undefined}
        >
          <span className="step-marker" aria-hidden="true">
            {MARK[item.status] ?? i + 1}
          </span>
          <span className="step-name">{t(`repair.step.${item.name}`)}</span>
          <span className="visually-hidden">, {t(`repair.stepState.${item.status}`)}</span>
        </li>
      ))}
    </ol>
  );
}
