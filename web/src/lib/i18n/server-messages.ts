import type { Locale } from './index.svelte.ts';

/**
 * The API writes field messages in English. Until it localizes them, the common ones are translated
 * here so Czech users read errors in Czech; anything unknown is shown as the server wrote it.
 */
const czech: [RegExp, string][] = [
  [/^Use at least (\d+) characters\.$/, 'Použijte alespoň $1 znaků.'],
  [/^Use at most (\d+) characters\.$/, 'Použijte nejvýše $1 znaků.'],
  [/^This password is too common\..*$/, 'Toto heslo je příliš běžné. Zvolte méně předvídatelné.'],
  [/^The password must not contain your email address\.$/, 'Heslo nesmí obsahovat vaši e-mailovou adresu.'],
  [/^The password must not contain your name\.$/, 'Heslo nesmí obsahovat vaše jméno.'],
  [/^Enter a password\.$/, 'Zadejte heslo.'],
  [/^Enter a name\.$/, 'Zadejte název.'],
  [/^Enter an email address\.$/, 'Zadejte e-mail.'],
  [/^Enter a valid email address\.$/, 'Zadejte platný e-mail.'],
  [/^This email is already registered\..*$/, 'Tento e-mail už je registrovaný. Přihlaste se.'],
  [/^Unknown field\.$/, 'Neznámé pole.'],
  // Company fields and CSV import (also shown per row in the import summary).
  [/^IČO must be 8 digits with a valid check digit\.$/, 'IČO musí mít 8 číslic a platnou kontrolní číslici.'],
  [/^DIČ must be CZ followed by 8–10 digits with a valid check digit\.$/, 'DIČ musí začínat CZ a pokračovat 8–10 číslicemi s platnou kontrolní číslicí.'],
  [/^Enter a phone number like (.+)\.$/, 'Zadejte telefon ve tvaru $1.'],
  [/^PSČ must be five digits, like (.+)\.$/, 'PSČ musí mít pět číslic, např. $1.'],
  [/^Enter a last name\.$/, 'Zadejte příjmení.'],
  [/^No member of this workspace has this email\.$/, 'Žádný člen tohoto pracovního prostoru nemá tento e-mail.'],
  [/^The file is empty\.$/, 'Soubor je prázdný.'],
  [/^This is not a CSV file.*$/, 'Toto není soubor CSV (obsahuje binární data). Uložte ho z tabulky jako CSV.'],
  [/^Choose the column that holds the company name\.$/, 'Vyberte sloupec s názvem firmy.'],
  [/^Choose the column with the last name \(or the full name\)\.$/, 'Vyberte sloupec s příjmením (nebo celým jménem).'],
  [/^The import is still running\..*$/, 'Import ještě běží. Vraťte ho, až skončí.'],
  [/^This import has already been undone\.$/, 'Tento import už byl vrácen.'],
  [/^The file is larger than 50 MB\..*$/, 'Soubor je větší než 50 MB. Rozdělte ho na menší a importujte je postupně.'],
  // Companies, contacts, the journal and ARES look-ups.
  [/^No company with IČO (\d+) is registered in ARES\..*$/, 'V ARES není registrována žádná firma s IČO $1. Zkontrolujte číslo, nebo údaje vyplňte ručně.'],
  [/^The business registry \(ARES\) cannot be reached right now\..*$/, 'Registr ARES teď není dostupný. Vyplňte údaje ručně.'],
  [/^Enter a subject\.$/, 'Zadejte předmět.'],
  [/^Enter a title\.$/, 'Zadejte název.'],
  [/^No such company in this workspace\.$/, 'Taková firma v tomto pracovním prostoru není.'],
  [/^No such contact in this workspace\.$/, 'Takový kontakt v tomto pracovním prostoru není.'],
  [/^Use a two-letter country code such as CZ\.$/, 'Použijte dvoupísmenný kód země, např. CZ.'],
  [/^Someone else changed this record meanwhile\..*$/, 'Někdo jiný záznam mezitím změnil. Načtěte ho znovu a zkuste to ještě jednou.'],
  // Account settings, email links and workspace deletion.
  [/^The password is incorrect\.$/, 'Heslo není správné.'],
  [/^This is already your email address\.$/, 'Toto už je váš e-mail.'],
  [/^Another account already uses this email address\.$/, 'Tuto e-mailovou adresu už používá jiný účet.'],
  [/^This link is not valid\..*$/, 'Tento odkaz není platný. O nový si řekněte v nastavení účtu.'],
  [/^This link has already been used\.$/, 'Tento odkaz už byl použit.'],
  [/^This link has expired\..*$/, 'Platnost odkazu vypršela. O nový si řekněte v nastavení účtu.'],
  [/^Type the workspace name (exactly as it is shown|to confirm)\.$/, 'Napište přesně název pracovního prostoru.'],
  // Time entries, the timer, timesheets and expenses.
  [/^Use whole minutes from (\d+) to 1440\.$/, 'Zadejte celé minuty od $1 do 1440.'],
  [/^Use a date such as 2026-11-27\.$/, 'Zadejte datum ve tvaru 2026-11-27.'],
  [/^No such project in this workspace\.$/, 'Takový projekt v tomto pracovním prostoru není.'],
  [/^No such task in this workspace\.$/, 'Takový úkol v tomto pracovním prostoru není.'],
  [/^The task belongs to another project\.$/, 'Úkol patří k jinému projektu.'],
  [/^Not a member of this workspace\.$/, 'Není členem tohoto pracovního prostoru.'],
  [/^Use the project's currency \((\w+)\)\.$/, 'Použijte měnu projektu ($1).'],
  [/^Use an amount above zero\.$/, 'Zadejte částku větší než nula.'],
  [/^The running timer’s project is in the trash.*$/, 'Projekt běžících stopek je v koši: obnovte ho, nebo stopky zahoďte.'],
  // Project tasks: board columns, dates, checklists, milestones and dependencies.
  [/^Use one of todo, doing, review, done for a project task\.$/, 'U úkolu projektu použijte jeden ze sloupců: todo, doing, review, done.'],
  [/^Start on or before the due date\.$/, 'Začátek musí být nejpozději v den termínu.'],
  [/^Enter the item’s text\.$/, 'Zadejte text položky.'],
  [/^Give each item its own id\.$/, 'Každá položka musí mít vlastní id.'],
  [/^Use at most 100 items\.$/, 'Použijte nejvýše 100 položek.'],
  [/^Only a project task can belong to a milestone\.$/, 'K milníku může patřit jen úkol projektu.'],
  [/^Use a milestone of this task’s project\.$/, 'Vyberte milník projektu, ke kterému úkol patří.'],
  [/^Only a project task can depend on other tasks\.$/, 'Na jiných úkolech může záviset jen úkol projektu.'],
  [/^A task cannot depend on itself\.$/, 'Úkol nemůže čekat sám na sebe.'],
  [/^Use tasks of the same project\.$/, 'Vyberte úkoly ze stejného projektu.'],
  [/^These dependencies would make a loop.*$/, 'Tyto závislosti by vytvořily smyčku: úkol by čekal sám na sebe.'],
  [/^Use another card of the target column\.$/, 'Vyberte jinou kartu cílového sloupce.'],
  [/^Only tasks of a project sit on a board.*$/, 'Na nástěnce jsou jen úkoly projektu: nejdřív úkol přiřaďte k projektu.'],
];

/** Translates a known server sentence into the user's language. */
export function localizeServerMessage(message: string, locale: Locale): string {
  if (locale !== 'cs') return message;
  for (const [pattern, replacement] of czech) {
    if (pattern.test(message)) return message.replace(pattern, replacement);
  }
  return message;
}
