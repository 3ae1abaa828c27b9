import { commonText } from '../i18n/common.messages.ts';
import { LOCALES, type LocalizedText } from '../i18n/locale.ts';
import type { FieldProblem } from './errors.ts';

/** The part of an Ajv error that Haven reads. */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

/**
 * Turns schema-validation errors into translated sentences that name the
 * field, one per field (the first problem found is the one worth fixing).
 */
export function problemsFromSchemaErrors(errors: readonly SchemaError[]): FieldProblem[] {
  const byField = new Map<string, FieldProblem>();
  for (const error of errors) {
    const field = fieldOf(error);
    if (byField.has(field)) continue;
    byField.set(field, { field, text: sentence(error, field) });
  }
  return [...byField.values()];
}

function fieldOf(error: SchemaError): string {
  const path = error.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const extra =
    (error.params.missingProperty as string | undefined) ?? (error.params.additionalProperty as string | undefined);
  if (extra) return path ? `${path}.${extra}` : extra;
  return path || 'request';
}

function sentence(error: SchemaError, field: string): LocalizedText {
  const text = {} as LocalizedText;
  for (const locale of LOCALES) {
    const v = commonText[locale].validation;
    const limit = Number(error.params.limit ?? 0);
    switch (error.keyword) {
      case 'required':
        text[locale] = v.required(field);
        break;
      case 'minLength':
        text[locale] = limit <= 1 ? v.required(field) : v.tooShort(field, limit);
        break;
      case 'maxLength':
        text[locale] = v.tooLong(field, limit);
        break;
      case 'pattern':
        text[locale] = v.pattern(field);
        break;
      case 'enum':
      case 'const':
      case 'anyOf':
        text[locale] = v.choice(field);
        break;
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
      case 'multipleOf':
        text[locale] = v.number(field);
        break;
      case 'format':
        text[locale] = v.format(field);
        break;
      case 'additionalProperties':
        text[locale] = v.unknownField(field);
        break;
      default:
        text[locale] = v.invalid(field);
    }
  }
  return text;
}
