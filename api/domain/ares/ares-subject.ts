// ARES (the Czech business registry) "ekonomický subjekt" → the company fields Tandem fills
// in. Field names per ARES's OpenAPI (EkonomickySubjekt, Adresa); see shared/fixtures/cz.
import { normalizePsc } from '../../lib/cz.ts';

export interface AresAddress {
  kodStatu?: string;
  nazevObce?: string;
  nazevCastiObce?: string;
  nazevMestskehoObvodu?: string;
  nazevUlice?: string;
  cisloDomovni?: number;
  cisloOrientacni?: number;
  cisloOrientacniPismeno?: string;
  psc?: number;
  pscTxt?: string;
  textovaAdresa?: string;
}

export interface AresSubject {
  ico?: string;
  obchodniJmeno?: string;
  sidlo?: AresAddress;
  pravniForma?: string;
  datumVzniku?: string;
  datumZaniku?: string;
  dic?: string;
}

export interface RegistryCompany {
  regNo: string;
  name: string;
  vatNo: string | null;
  address: { street: string | null; city: string | null; postalCode: string | null };
  country: string;
  /** ARES legal-form code (ciselnik PravniForma), e.g. "112". */
  legalForm: string | null;
  legalFormName: string | null;
  /** YYYY-MM-DD. */
  founded: string | null;
  /** YYYY-MM-DD when the company has ceased to exist. */
  dissolved: string | null;
}

// The legal forms most businesses have; others are returned as a code only.
const LEGAL_FORMS: Record<string, string> = {
  '101': 'Fyzická osoba podnikající dle živnostenského zákona',
  '105': 'Fyzická osoba podnikající dle jiných zákonů',
  '107': 'Zemědělský podnikatel – fyzická osoba',
  '111': 'Veřejná obchodní společnost',
  '112': 'Společnost s ručením omezeným',
  '113': 'Komanditní společnost',
  '121': 'Akciová společnost',
  '141': 'Obecně prospěšná společnost',
  '205': 'Družstvo',
  '301': 'Státní podnik',
  '331': 'Příspěvková organizace',
  '701': 'Sdružení (svaz, spolek, společnost, klub aj.)',
  '706': 'Spolek',
  '801': 'Obec',
};

/** "Ukázková 1234/5a", or "Smíchov 12" where the place has no street names. */
function streetOf(a: AresAddress): string | null {
  let number = a.cisloDomovni === undefined ? '' : String(a.cisloDomovni);
  if (a.cisloOrientacni !== undefined) number += `/${a.cisloOrientacni}${a.cisloOrientacniPismeno ?? ''}`;
  const place = a.nazevUlice ?? a.nazevCastiObce ?? a.nazevObce;
  if (!place) return null;
  return number ? `${place} ${number}` : place;
}

/** Prague's districts are part of the postal city ("Praha 5"); elsewhere the municipality. */
function cityOf(a: AresAddress): string | null {
  if (a.nazevMestskehoObvodu && a.nazevObce && /^Praha \d+$/.test(a.nazevMestskehoObvodu)) return a.nazevMestskehoObvodu;
  return a.nazevObce ?? null;
}

function postalCodeOf(a: AresAddress): string | null {
  if (a.psc !== undefined) {
    const psc = String(a.psc).padStart(5, '0');
    return normalizePsc(psc) ?? psc;
  }
  return a.pscTxt ?? null;
}

export function registryCompany(subject: AresSubject, ico: string): RegistryCompany {
  const seat = subject.sidlo ?? {};
  const hasStructured = Boolean(seat.nazevObce);
  return {
    regNo: subject.ico ?? ico,
    name: subject.obchodniJmeno ?? '',
    vatNo: subject.dic ?? null,
    address: {
      // Without structured parts, the one-line address is still better than nothing.
      street: hasStructured ? streetOf(seat) : (seat.textovaAdresa ?? null),
      city: cityOf(seat),
      postalCode: postalCodeOf(seat),
    },
    country: seat.kodStatu ?? 'CZ',
    legalForm: subject.pravniForma ?? null,
    legalFormName: subject.pravniForma ? (LEGAL_FORMS[subject.pravniForma] ?? null) : null,
    founded: subject.datumVzniku ?? null,
    dissolved: subject.datumZaniku ?? null,
  };
}
