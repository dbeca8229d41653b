/** One labelled field of the device form, and the text of a core refusal. */
import type { ReactNode } from 'react';
import type { Translate } from '../../i18n/i18n';
import type { FieldProblem, FormField, ServerProblem } from './device-form-model';

/** The core refused the configuration: a conflict names the other camera; anything else says "not saved". */
export function serverText(problem: ServerProblem, t: Translate): string {
  return problem.code === 'conflict'
    ? t('deviceForm.conflict', { message: problem.message })
    : t('deviceForm.notSaved', { message: problem.message });
}

export interface FieldProps {
  readonly field: Exclude<FormField, 'enabled'>;
  readonly hint?: string;
  /** Spans both columns (the serial port path). */
  readonly wide?: boolean;
  readonly idOf: (field: FormField) => string;
  readonly problemOf: (field: FormField) => FieldProblem | undefined;
  readonly t: Translate;
  readonly children: ReactNode;
}

/** Label, control, hint and problem of one field. Schema messages are the contract's English text. */
export function Field({ field, hint, wide, idOf, problemOf, t, children }: FieldProps) {
  const id = idOf(field);
  const problem = problemOf(field);
  return (
    <div className={wide ? 'field field-wide' : 'field'}>
      <label htmlFor={id}>{t(`deviceForm.field.${field}`)}</label>
      {children}
      {hint !== undefined && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {problem !== undefined && (
        <p
          id={`${id}-error`}
          className="field-error"
          data-testid={`device-form-error-${field}`}
          lang={problem.type === 'schema' ? 'en' : undefined}
        >
          {problem.type === 'schema' ? problem.message : t('deviceForm.notANumber')}
        </p>
      )}
    </div>
  );
}
