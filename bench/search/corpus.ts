import fs from 'node:fs';
import path from 'node:path';

/**
 * Danish sentences from the texts the product was conceived from (../shared/seeds), or a built-in
 * set when they are not beside the repository; a seeded generator makes every run the same corpus.
 */
const FALLBACK = [
  'Aktiv it-arkitekturstyring skal høste gevinsterne ved digitalisering i kommunerne.',
  'Rådet drøftede den fælleskommunale rammearkitektur og principperne for genbrug.',
  'Arbejdsgruppen for data og integration afrapporterer om den fælles beskedfordeler.',
  'Gevinstrealisering måles med få indikatorer for ikke at overbebyrde kommunerne.',
  'Borgerservice skal understøtte digital selvbetjening og digital post.',
  'It-afdelingen flytter fra serverrummet til rådgivning tættere på borgerne.',
  'Sikkerhedspolitikken sendes i høring blandt netværkets sikkerhedsarkitekter.',
  'Leverandørerne af fagsystemer skal levere åbne snitflader efter fælles standarder.',
];

/**
 * Always part of the corpus, so that the forgiving queries (issue 16) find real words: the typos
 * "gevinstrealisring", "arkitekur" and "kommisorium" correct to words that occur on their own, and
 * "støttesystemerne" finds the other forms of "støttesystemer".
 */
const FORGIVING = [
  'Arbejdsgruppens kommissorium beskriver opgaven, tidsplanen og hvem der deltager.',
  'Kommunernes støttesystemer til sagsbehandling skal følge den fælles arkitektur.',
  'Rådet godkendte et kommissorium for gevinstrealisering i de fælles støttesystemer.',
];

export function sentences(): string[] {
  const seeds = path.resolve(import.meta.dirname, '../../../shared/seeds');
  if (!fs.existsSync(seeds)) return [...FALLBACK, ...FORGIVING];
  const danish = fs
    .readdirSync(seeds)
    .map((f) => fs.readFileSync(path.join(seeds, f), 'utf8'))
    .filter((text) => /\b(og|det|der|at)\b/.test(text) && !/\b(och|inte)\b/.test(text));
  const found = danish
    .join(' ')
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 40 && s.length < 300);
  return [...(found.length > 50 ? found : FALLBACK), ...FORGIVING];
}
