// Czech messages for the project screens; spread into cs.ts as the `projects` section.
import type { Messages } from './en.ts';

export const projectsCs: Messages['projects'] = {
  title: 'Projekty',
  subtitle: 'Všechny projekty se stavem, termínem a čerpáním rozpočtu.',
  newProject: 'Nový projekt',
  tabs: {
    overview: 'Přehled',
    board: 'Nástěnka',
    list: 'Seznam',
    timeline: 'Časová osa',
    time: 'Odpracovaný čas',
    expenses: 'Výdaje',
    settings: 'Nastavení',
  },
  tabsLabel: 'Části projektu',
  back: 'Všechny projekty',
  placeholderTitle: 'Tahle část projektu je na cestě',
  placeholderBody: 'Brzy se tu objeví. Přehled a Nastavení už fungují.',
  loadFailed: 'Projekt se nepodařilo načíst.',
  notFoundTitle: 'Projekt nenalezen',
  notFoundBody: 'Mohl být smazán, nebo patří do jiného pracovního prostoru.',
  upgradeTitle: 'Projekty jsou součástí tarifu Pro. Co už máte, zůstává ke čtení.',
  upgradeBody: 'V tarifu Zdarma si existující projekty prohlédnete, ale nezměníte. Přejděte na Pro a zakládejte projekty, vykazujte čas a hlídejte rozpočty.',
  upgradeAction: 'Přejít na Pro',
};
