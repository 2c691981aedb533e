import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isCalendarDate } from '../../../../libs/workflows/src/index.js';

export const IS_CALENDAR_DATE = 'isCalendarDate';

/** A real calendar date written YYYY-MM-DD (a day in Europe/Amsterdam, without a time). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_CALENDAR_DATE,
      validator: {
        validate: (value) => isCalendarDate(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a date written YYYY-MM-DD`,
      },
    },
    options,
  );
}
