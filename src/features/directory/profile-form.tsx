import { Type, type Static } from 'typebox';
import { Field, Form, ProblemSummary, Select } from '../../platform/html/form.tsx';
import type { PageContext } from '../../platform/html/page-context.ts';
import { AppError, type FieldProblem } from '../../platform/http/errors.ts';
import { localized } from '../../platform/i18n/locale.ts';
import {
  ECONOMIC_MODELS,
  INFRASTRUCTURE_CONTROLS,
  REGISTRATION_KINDS,
  RISK_LEVELS,
  SERVICE_CATEGORIES,
  SERVICE_STATUSES,
  STRUCTURE_TYPES,
  type ProviderProfile,
  type ProviderService,
} from './directory.model.ts';
import { directoryText } from './directory.messages.ts';

/** Forms send text: every field is a string (or absent, for an unticked box); the service checks the meaning. */
const Text = (max: number) => Type.Optional(Type.String({ maxLength: max }));
const Box = Type.Optional(Type.String({ maxLength: 10 }));

export const ProfileFormBody = Type.Object({
  _csrf: Text(100),
  description: Text(5000),
  structureType: Text(40),
  website: Text(500),
  contact: Text(500),
  languages: Text(500),
  countries: Text(500),
  economicModel: Text(40),
  prices: Text(2000),
  termsUrl: Text(500),
  privacyUrl: Text(500),
  infrastructure: Text(40),
  hypervisorAccess: Text(500),
  physicalHost: Text(200),
  onionAddress: Text(100),
  fitLow: Box,
  fitMedium: Box,
  fitHigh: Box,
  explainLow: Text(2000),
  explainMedium: Text(2000),
  explainHigh: Text(2000),
});
export type ProfileForm = Static<typeof ProfileFormBody>;

export const ServiceFormBody = Type.Object({
  _csrf: Text(100),
  name: Text(200),
  category: Text(40),
  description: Text(5000),
  url: Text(500),
  softwareName: Text(200),
  softwareLicence: Text(200),
  softwareVersion: Text(100),
  sourceUrl: Text(500),
  registration: Text(20),
  registrationOpen: Box,
  price: Text(500),
  freeOfCharge: Box,
  languages: Text(500),
  hostingCountry: Text(10),
  onionAddress: Text(100),
  endToEndEncryption: Box,
  status: Text(20),
});
export type ServiceForm = Static<typeof ServiceFormBody>;

const orNull = (value: string | undefined) => (value?.trim() ? value.trim() : null);

function codes(value: string | undefined, field: string, upper: boolean, strict: boolean): string[] {
  const items = (value ?? '').split(/[\s,;]+/).filter(Boolean);
  if (strict && items.some((c) => !/^[a-zA-Z]{2}$/.test(c))) {
    throw AppError.field('bad_code_list', field, localized(directoryText, (m) => m.errors.badList(m.fields[field as 'languages'])));
  }
  return [...new Set(items.map((c) => (upper ? c.toUpperCase() : c.toLowerCase())))];
}

/** Strict for saving; lenient to show a refused form again with what was typed. */
export function profileFromForm(body: ProfileForm, strict = true): ProviderProfile {
  const fit = (box: string | undefined, explanation: string | undefined) => ({ fit: box === 'true', explanation: (explanation ?? '').trim() });
  return {
    description: (body.description ?? '').trim(),
    structureType: orNull(body.structureType) as ProviderProfile['structureType'],
    website: orNull(body.website),
    contact: orNull(body.contact),
    languages: codes(body.languages, 'languages', false, strict),
    countries: codes(body.countries, 'countries', true, strict),
    economicModel: orNull(body.economicModel) as ProviderProfile['economicModel'],
    prices: (body.prices ?? '').trim(),
    termsUrl: orNull(body.termsUrl),
    privacyUrl: orNull(body.privacyUrl),
    infrastructure: orNull(body.infrastructure) as ProviderProfile['infrastructure'],
    hypervisorAccess: (body.hypervisorAccess ?? '').trim(),
    physicalHost: (body.physicalHost ?? '').trim(),
    onionAddress: orNull(body.onionAddress),
    fitness: { low: fit(body.fitLow, body.explainLow), medium: fit(body.fitMedium, body.explainMedium), high: fit(body.fitHigh, body.explainHigh) },
  };
}

export function serviceFromForm(body: ServiceForm, strict = true): ProviderService {
  const [country] = codes(body.hostingCountry, 'hostingCountry', true, strict);
  return {
    name: (body.name ?? '').trim(),
    category: (body.category ?? '') as ProviderService['category'],
    description: (body.description ?? '').trim(),
    url: orNull(body.url),
    softwareName: (body.softwareName ?? '').trim(),
    softwareLicence: (body.softwareLicence ?? '').trim(),
    softwareVersion: (body.softwareVersion ?? '').trim(),
    sourceUrl: orNull(body.sourceUrl),
    registration: (body.registration ?? '') as ProviderService['registration'],
    registrationOpen: body.registrationOpen === 'true',
    price: (body.price ?? '').trim(),
    freeOfCharge: body.freeOfCharge === 'true',
    languages: codes(body.languages, 'languages', false, strict),
    hostingCountry: country ?? null,
    onionAddress: orNull(body.onionAddress),
    endToEndEncryption: body.endToEndEncryption === 'true',
    status: (body.status ?? '') as ProviderService['status'],
  };
}

const LEVEL_KEY = { low: 'Low', medium: 'Medium', high: 'High' } as const;

function Box_(props: { name: string; label: string; checked: boolean }) {
  return (
    <div class="field" id={`field-${props.name}`}>
      <label class="choice" for={`box-${props.name}`}>
        <input type="checkbox" id={`box-${props.name}`} name={props.name} value="true" checked={props.checked} /> {props.label}
      </label>
    </div>
  );
}

export function ProfileFormView(props: { ctx: PageContext; action: string; profile: ProviderProfile; problems: FieldProblem[] }) {
  const { ctx, profile: p, problems } = props;
  const m = directoryText[ctx.locale];
  const f = m.fields;
  const none = { value: '', label: m.notStated };
  return (
    <>
      <ProblemSummary ctx={ctx} problems={problems} />
      <Form ctx={ctx} action={props.action}>
        <Field ctx={ctx} name="description" label={f.description} value={p.description} multiline problems={problems} maxLength={5000} />
        <Select ctx={ctx} name="structureType" label={f.structureType} value={p.structureType ?? ''} problems={problems} options={[none, ...STRUCTURE_TYPES.map((v) => ({ value: v, label: m.structures[v] }))]} />
        <Field ctx={ctx} name="website" type="url" label={f.website} value={p.website} problems={problems} />
        <Field ctx={ctx} name="contact" label={f.contact} value={p.contact} problems={problems} />
        <Field ctx={ctx} name="languages" label={f.languages} hint={m.hints.languages} value={p.languages.join(', ')} problems={problems} />
        <Field ctx={ctx} name="countries" label={f.countries} hint={m.hints.countries} value={p.countries.join(', ')} problems={problems} />
        <Select ctx={ctx} name="economicModel" label={f.economicModel} value={p.economicModel ?? ''} problems={problems} options={[none, ...ECONOMIC_MODELS.map((v) => ({ value: v, label: m.economicModels[v] }))]} />
        <Field ctx={ctx} name="prices" label={f.prices} value={p.prices} multiline problems={problems} />
        <Field ctx={ctx} name="termsUrl" type="url" label={f.termsUrl} value={p.termsUrl} problems={problems} />
        <Field ctx={ctx} name="privacyUrl" type="url" label={f.privacyUrl} value={p.privacyUrl} problems={problems} />
        <Select ctx={ctx} name="infrastructure" label={f.infrastructure} value={p.infrastructure ?? ''} problems={problems} options={[none, ...INFRASTRUCTURE_CONTROLS.map((v) => ({ value: v, label: m.infrastructures[v] }))]} />
        <Field ctx={ctx} name="hypervisorAccess" label={f.hypervisorAccess} hint={m.hints.hypervisorAccess} value={p.hypervisorAccess} problems={problems} />
        <Field ctx={ctx} name="physicalHost" label={f.physicalHost} value={p.physicalHost} problems={problems} />
        <Field ctx={ctx} name="onionAddress" label={f.onionAddress} hint={m.hints.onionAddress} value={p.onionAddress} problems={problems} />
        <fieldset>
          <legend>{f.fitness}</legend>
          {RISK_LEVELS.map((level) => (
            <div id={`field-fitness-${level}`}>
              <Box_ name={`fit${LEVEL_KEY[level]}`} label={m.fitFor(m.riskLevels[level])} checked={p.fitness[level].fit} />
              <Field ctx={ctx} name={`explain${LEVEL_KEY[level]}`} label={m.explanationFor(m.riskLevels[level])} hint={m.hints.fitExplanation} value={p.fitness[level].explanation} multiline problems={problems} />
            </div>
          ))}
        </fieldset>
        <button type="submit">{m.save}</button>
      </Form>
    </>
  );
}

export function ServiceFormView(props: { ctx: PageContext; action: string; service: ProviderService; problems: FieldProblem[] }) {
  const { ctx, service: s, problems } = props;
  const m = directoryText[ctx.locale];
  const f = m.fields;
  return (
    <>
      <ProblemSummary ctx={ctx} problems={problems} />
      <Form ctx={ctx} action={props.action}>
        <Field ctx={ctx} name="name" label={f.name} value={s.name} required problems={problems} />
        <Select ctx={ctx} name="category" label={f.category} value={s.category} problems={problems} options={SERVICE_CATEGORIES.map((v) => ({ value: v, label: m.categories[v] }))} />
        <Field ctx={ctx} name="description" label={f.description} value={s.description} multiline problems={problems} />
        <Field ctx={ctx} name="url" type="url" label={f.url} value={s.url} problems={problems} />
        <Field ctx={ctx} name="softwareName" label={f.softwareName} value={s.softwareName} problems={problems} />
        <Field ctx={ctx} name="softwareLicence" label={f.softwareLicence} value={s.softwareLicence} problems={problems} />
        <Field ctx={ctx} name="softwareVersion" label={f.softwareVersion} value={s.softwareVersion} problems={problems} />
        <Field ctx={ctx} name="sourceUrl" type="url" label={f.sourceUrl} value={s.sourceUrl} problems={problems} />
        <Select ctx={ctx} name="registration" label={f.registration} value={s.registration} problems={problems} options={REGISTRATION_KINDS.map((v) => ({ value: v, label: m.registrations[v] }))} />
        <Box_ name="registrationOpen" label={f.registrationOpen} checked={s.registrationOpen} />
        <Field ctx={ctx} name="price" label={f.price} value={s.price} problems={problems} />
        <Box_ name="freeOfCharge" label={f.freeOfCharge} checked={s.freeOfCharge} />
        <Field ctx={ctx} name="languages" label={f.languages} hint={m.hints.languages} value={s.languages.join(', ')} problems={problems} />
        <Field ctx={ctx} name="hostingCountry" label={f.hostingCountry} hint={m.hints.hostingCountry} value={s.hostingCountry} problems={problems} />
        <Field ctx={ctx} name="onionAddress" label={f.onionAddress} hint={m.hints.onionAddress} value={s.onionAddress} problems={problems} />
        <Box_ name="endToEndEncryption" label={f.endToEndEncryption} checked={s.endToEndEncryption} />
        <Select ctx={ctx} name="status" label={f.status} value={s.status} problems={problems} options={SERVICE_STATUSES.map((v) => ({ value: v, label: m.statuses[v] }))} />
        <button type="submit">{m.save}</button>
      </Form>
    </>
  );
}
