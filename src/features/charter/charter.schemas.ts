import { Type } from 'typebox';

const Bilingual = Type.Object({ en: Type.String(), fr: Type.String() });
const Key = Type.String({ minLength: 2, maxLength: 60, pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' });
export const CharterKey = Key;
// "new" is kept for the address of the form that adds an item.
const FormKey = Type.String({ minLength: 2, maxLength: 60, pattern: '^(?!new$)[a-z0-9]+(?:-[a-z0-9]+)*$' });

export const CriterionLevelName = Type.Union([Type.Literal('required'), Type.Literal('recommended')]);
export const EvidenceKindName = Type.Union([Type.Literal('statement'), Type.Literal('document-link'), Type.Literal('automated-check')]);
export const AutomatedCheckName = Type.Union(
  ['tls', 'security-headers', 'third-party-requests', 'security-txt', 'reachability'].map((c) => Type.Literal(c)),
);
export const BoundKindName = Type.Union(['hosting-provider', 'security-provider', 'intermediary', 'donor'].map((k) => Type.Literal(k)));

export const CriterionSchema = Type.Object({
  key: Type.String(),
  level: Type.String(),
  title: Bilingual,
  explanation: Bilingual,
  evidence: Type.String(),
  check: Type.Optional(Type.String()),
  appliesTo: Type.Array(Type.String()),
});

export const CharterVersionResponse = Type.Object({
  version: Type.Integer(),
  adoptedAt: Type.String(),
  basedOn: Type.String(),
  note: Type.String(),
  name: Bilingual,
  summary: Bilingual,
  principles: Type.Array(Type.Object({ key: Type.String(), title: Bilingual, summary: Bilingual, criteria: Type.Array(CriterionSchema) })),
});

export const VersionParams = Type.Object({ version: Type.Integer({ minimum: 1, maximum: 1_000_000 }) });

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
export const CriterionForm = Type.Object({
  _csrf: Type.Optional(Type.String({ maxLength: 100 })),
  key: FormKey,
  level: CriterionLevelName,
  titleEn: Text(200),
  titleFr: Text(200),
  explanationEn: Text(2000),
  explanationFr: Text(2000),
  evidence: EvidenceKindName,
  check: Type.Union([Type.Literal(''), AutomatedCheckName]),
  appliesTo: Type.Array(BoundKindName, { minItems: 1, maxItems: 4 }),
});

export const PrincipleForm = Type.Object({
  _csrf: Type.Optional(Type.String({ maxLength: 100 })),
  key: FormKey,
  titleEn: Text(200),
  titleFr: Text(200),
  summaryEn: Text(2000),
  summaryFr: Text(2000),
});
