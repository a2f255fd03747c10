// Czech identifiers: IČO (company id), DIČ (VAT id), PSČ (postal code), phone numbers.
// Rules follow python-stdnum (stdnum/cz/ico.py, dic.py, rc.py); vectors in shared/fixtures/cz.

/** IČO: 8 digits, weights 8..2, check = (11 - sum % 11) % 10. Shorter input is zero-padded. */
export function isValidIco(value: string): boolean {
  const v = value.replace(/\s+/g, '');
  if (!/^\d{8}$/.test(v)) return false;
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += Number(v[i]) * (8 - i);
  return (11 - (sum % 11)) % 10 === Number(v[7]);
}

function isValidBirthNumber(d: string): boolean {
  // Rodné číslo: 9 digits before 1954, 10 after; 10-digit ones are divisible by 11
  // (or the mod-11 remainder 10 is written as a final 0).
  if (d.length === 9) return Number(d.slice(0, 2)) < 54;
  const mod = Number(BigInt(d.slice(0, 9)) % 11n);
  const check = mod === 10 ? 0 : mod;
  if (check !== Number(d[9])) return false;
  let month = Number(d.slice(2, 4)) % 50;
  if (month > 20) month -= 20;
  const day = Number(d.slice(4, 6));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/** DIČ: `CZ` + an IČO (8 digits), a special 9-digit number starting with 6, or a birth number. */
export function isValidDic(value: string): boolean {
  const v = value.replace(/\s+/g, '').toUpperCase();
  const m = /^CZ(\d{8,10})$/.exec(v);
  if (!m) return false;
  const d = m[1]!;
  if (d.length === 8) return d[0] !== '9' && isValidIco(d);
  if (d.length === 9 && d[0] === '6') {
    let sum = 0;
    for (let i = 0; i < 7; i++) sum += Number(d[i + 1]) * (8 - i);
    const check = (((8 - ((10 - (sum % 11)) % 11)) % 10) + 10) % 10;
    return check === Number(d[8]);
  }
  return isValidBirthNumber(d);
}

export const normalizeDic = (value: string) => value.replace(/\s+/g, '').toUpperCase();

/** PSČ: five digits starting 1–7, shown as `110 00`. Returns null when not a Czech PSČ. */
export function normalizePsc(value: string): string | null {
  const v = value.replace(/\s+/g, '');
  if (!/^[1-7]\d{4}$/.test(v)) return null;
  return `${v.slice(0, 3)} ${v.slice(3)}`;
}

/**
 * Czech phone numbers to `+420 602 123 456`. Nine national digits, no trunk 0 (abolished in
 * 2002). Returns null when it is not a valid Czech number; foreign numbers (+ other code)
 * are returned as typed, trimmed.
 */
export function normalizePhone(value: string): string | null {
  const compact = value.replace(/[\s().-]/g, '');
  let national: string | undefined;
  if (/^\+420\d+$/.test(compact)) national = compact.slice(4);
  else if (/^00420\d+$/.test(compact)) national = compact.slice(5);
  else if (/^\+\d{6,15}$/.test(compact)) return value.trim();
  else if (/^\d+$/.test(compact)) national = compact;
  if (!national || !/^[1-9]\d{8}$/.test(national)) return null;
  return `+420 ${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`;
}
