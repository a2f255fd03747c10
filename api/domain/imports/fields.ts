// What a CSV column can be imported as, and how headers written by Czech or English
// spreadsheets are recognised.

export const IMPORT_ENTITIES = ['companies', 'contacts'] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

export const COMPANY_IMPORT_FIELDS = ['name', 'regNo', 'vatNo', 'email', 'phone', 'website', 'street', 'city', 'postalCode', 'country', 'tags', 'ownerEmail'] as const;
export const CONTACT_IMPORT_FIELDS = ['firstName', 'lastName', 'fullName', 'email', 'phone', 'title', 'company', 'companyRegNo', 'tags', 'ownerEmail'] as const;

export type CompanyImportField = (typeof COMPANY_IMPORT_FIELDS)[number];
export type ContactImportField = (typeof CONTACT_IMPORT_FIELDS)[number];
export type ImportField = CompanyImportField | ContactImportField;

/** Field → column index (0-based). */
export type Mapping = Partial<Record<ImportField, number>>;

export const IMPORT_FIELDS: Record<ImportEntity, readonly ImportField[]> = {
  companies: COMPANY_IMPORT_FIELDS,
  contacts: CONTACT_IMPORT_FIELDS,
};

/** The field a dedupe may key on, per entity. */
export const DEDUPE_FIELDS = { companies: 'regNo', contacts: 'email' } as const satisfies Record<ImportEntity, ImportField>;

// Headers compare by normalizeHeader(): no diacritics, case or punctuation. Exact matches
// are tried first for every column, then "starts with" (≥ 3 letters) for the rest, so that
// "Telefon (mobil)" still finds the phone while "Jméno a příjmení" stays the full name.
const SHARED: Partial<Record<ImportField, string[]>> = {
  email: ['email', 'mail', 'emailaddress', 'emailovaadresa', 'elektronickaposta'],
  phone: ['telefon', 'tel', 'phone', 'phonenumber', 'telephone', 'mobil', 'mobile', 'telefonnicislo', 'cislotelefonu'],
  tags: ['stitky', 'stitek', 'tags', 'tag', 'labels', 'kategorie', 'skupiny'],
  ownerEmail: ['vlastnik', 'owner', 'owneremail', 'vlastnikemail', 'obchodnik', 'salesperson'],
};

const ALIASES: Record<ImportEntity, Partial<Record<ImportField, string[]>>> = {
  companies: {
    ...SHARED,
    name: ['nazev', 'nazevfirmy', 'nazevspolecnosti', 'firma', 'spolecnost', 'obchodnijmeno', 'obchodnifirma', 'klient', 'name', 'company', 'companyname', 'organization', 'organisation', 'organizace', 'account', 'accountname'],
    regNo: ['ico', 'ic', 'icofirmy', 'identifikacnicislo', 'regno', 'companyidico', 'companyid', 'registrationnumber', 'registrationno', 'companynumber', 'crn'],
    vatNo: ['dic', 'vatno', 'vatiddic', 'vatid', 'vat', 'vatnumber', 'taxid', 'danoveidentifikacnicislo'],
    website: ['web', 'website', 'www', 'url', 'webovestranky', 'webovastranka', 'homepage'],
    street: ['ulice', 'uliceacislo', 'adresa', 'sidlo', 'street', 'streetaddress', 'address', 'address1', 'addressline1'],
    city: ['mesto', 'obec', 'misto', 'city', 'town'],
    postalCode: ['psc', 'zip', 'zipcode', 'postalcode', 'postcode'],
    country: ['zeme', 'stat', 'country', 'countrycode'],
  },
  contacts: {
    ...SHARED,
    firstName: ['jmeno', 'krestnijmeno', 'firstname', 'first', 'givenname', 'forename'],
    lastName: ['prijmeni', 'lastname', 'last', 'surname', 'familyname'],
    fullName: ['celejmeno', 'jmenoaprijmeni', 'fullname', 'name', 'kontakt', 'kontaktniosoba', 'osoba', 'contact', 'contactname', 'person'],
    title: ['pozice', 'funkce', 'titul', 'title', 'jobtitle', 'position', 'role'],
    company: ['firma', 'spolecnost', 'nazevfirmy', 'organizace', 'klient', 'company', 'companyname', 'organization', 'organisation', 'account'],
    companyRegNo: ['ico', 'icofirmy', 'companyico', 'companyidico', 'companyregno', 'companyid', 'regno'],
  },
};

/** "E-mailová adresa" → "emailovaadresa". */
export function normalizeHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The mapping a wizard proposes for these headers: each field to at most one column. */
export function guessMapping(entity: ImportEntity, headers: readonly string[]): Mapping {
  const aliases = ALIASES[entity];
  const fields = IMPORT_FIELDS[entity];
  const mapping: Mapping = {};
  const normalized = headers.map(normalizeHeader);
  const taken = new Set<number>();
  const assign = (match: (alias: string, header: string) => boolean) => {
    normalized.forEach((header, index) => {
      if (taken.has(index) || header === '') return;
      const field = fields.find((f) => mapping[f] === undefined && (aliases[f] ?? []).some((a) => match(a, header)));
      if (field) {
        mapping[field] = index;
        taken.add(index);
      }
    });
  };
  assign((alias, header) => alias === header);
  assign((alias, header) => alias.length >= 3 && header.startsWith(alias));
  return mapping;
}
