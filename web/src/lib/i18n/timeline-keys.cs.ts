import type { Messages } from './en.ts';

/** Přeplánování pruhů časové osy z klávesnice: seznam úkolů pod grafem. */
export const timelineKeysCs: Messages['timelineKeys'] = {
  label: 'Úkoly na časové ose',
  hint: 'Vyberte úkol: ← → jej posunou o den, Shift+← → jej zkrátí nebo prodlouží, Enter jej otevře.',
  hintReadOnly: 'Vyberte úkol a stiskem Enter jej otevřete.',
  moved: 'Úkol „{title}“ je přesunutý na {range}.',
  resized: 'Úkol „{title}“ nyní běží {range}.',
  tooShort: 'Úkol „{title}“ už trvá jen jeden den.',
  failed: 'Úkol „{title}“ se nepodařilo přeplánovat, vrátil se na {range}.',
};
