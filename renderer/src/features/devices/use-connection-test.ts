/**
 * "Test connection": asks the core to try a configuration without saving it. The verdict belongs to the
 * values it was given, so any later edit hides it.
 */
import { useRef, useState } from 'react';
import type { DeviceConfigInput } from '../../../../shared/model/device';
import type { Translate } from '../../i18n/i18n';
import { usePtzClient } from '../../store/app-context';
import { serverProblemOf, type DeviceFormValues, type ServerProblem } from './device-form-model';
import { serverText } from './device-form-field';

/** The core's verdict on a configuration. */
export type TestOutcome =
  | { readonly type: 'ok'; readonly latencyMs: number | null }
  | { readonly type: 'failed'; readonly detail: string }
  | { readonly type: 'refused'; readonly problem: ServerProblem };

export function testOutcomeText(outcome: TestOutcome, t: Translate): string {
  switch (outcome.type) {
    case 'ok':
      return outcome.latencyMs === null
        ? t('deviceForm.testConnected')
        : t('deviceForm.testOk', { ms: Math.round(outcome.latencyMs) });
    case 'failed':
      return t('deviceForm.testFailed', { detail: outcome.detail });
    case 'refused':
      return outcome.problem.code === 'conflict'
        ? serverText(outcome.problem, t)
        : t('deviceForm.testFailed', { detail: outcome.problem.message });
  }
}

/**
 * `run` validates (through `validate`, which shows the form's problems and returns null on any), then asks
 * the core; `excludeId` is the device being edited, so its own endpoint is not a conflict.
 */
export function useConnectionTest(
  values: DeviceFormValues,
  validate: () => DeviceConfigInput | null,
  excludeId: string | undefined,
): { testing: boolean; outcome: TestOutcome | null; run: () => Promise<void> } {
  const client = usePtzClient();
  const [testing, setTesting] = useState(false);
  const [tested, setTested] = useState<{ readonly values: DeviceFormValues; readonly outcome: TestOutcome } | null>(
    null,
  );
  const testingRef = useRef(false);

  const run = async (): Promise<void> => {
    if (testingRef.current) return;
    const config = validate();
    if (config === null) return;
    const testedValues = values;
    testingRef.current = true;
    setTesting(true);
    setTested(null);
    let outcome: TestOutcome;
    try {
      const result = await client.devices.test({ config, ...(excludeId !== undefined ? { excludeId } : {}) });
      outcome = result.ok ? { type: 'ok', latencyMs: result.latencyMs } : { type: 'failed', detail: result.detail };
    } catch (error) {
      outcome = { type: 'refused', problem: serverProblemOf(error) };
    } finally {
      testingRef.current = false;
      setTesting(false);
    }
    setTested({ values: testedValues, outcome });
  };

  return { testing, outcome: tested !== null && tested.values === values ? tested.outcome : null, run };
}
