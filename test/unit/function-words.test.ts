/**
 * Function words by language (shared/text/stopwords.ts `functionWordsOf`): an English text keeps the
 * English list (the keys of stored stories are built on it); a text in another language skips its own
 * language's function words, so that an excerpt under an edited headline is still recognised as its story.
 */
import { describe, expect, it } from 'vitest';
import { compareTexts, decideNear, type TextProfile } from '../../shared/dedup/similarity.ts';
import { contentWords } from '../../shared/text/headline.ts';
import { tokens } from '../../shared/text/normalise.ts';
import { functionWordsOf, isStopword } from '../../shared/text/stopwords.ts';

const ENGLISH =
  'The harbour board approved the new ferry terminal on Monday after a long debate about its cost. Work on the quay will start in the spring, ' +
  'and the first sailings from the new berth are planned for the summer of next year.';
const ENGLISH_TERSE = 'Harbour board approves ferry terminal: quay works from spring, first sailings next summer, costs reviewed again by auditors.';
const GERMAN =
  'Der Stadtrat von Kellbach hat am Montag den Bau einer neuen Fähranlage beschlossen. Die Arbeiten am Kai sollen im Frühjahr beginnen, ' +
  'und die ersten Fahrten vom neuen Anleger sind für den Sommer des kommenden Jahres geplant.';
const FRENCH =
  'Le conseil portuaire a approuvé lundi le nouveau terminal des ferries après un long débat sur son coût. Les travaux sur le quai commenceront au printemps.';

const PORT_LEDE =
  'El puerto de Almerara ampliará su muelle de cruceros con una inversión de 40 millones de euros, según anunció este martes la autoridad portuaria, ' +
  'que espera recibir a partir de 2028 barcos de hasta 350 metros de eslora.';
const PORT_MORE = [
  'La obra, que se licitará en primavera, prolongará el dique actual en 280 metros y añadirá una nueva terminal de pasajeros con capacidad para cuatro mil personas al día.',
  'El presidente de la autoridad portuaria, Julián Serrano, defendió que la ampliación permitirá competir con los grandes puertos del Mediterráneo y atraer escalas que hoy se pierden.',
  'Las asociaciones vecinales del barrio de La Ribera reclamaron un estudio sobre el tráfico y la contaminación que generarán los autobuses turísticos en los días de escala.',
  'El ayuntamiento estudiará esas alegaciones antes de conceder la licencia de obras, prevista para el verano, y se comprometió a crear un carril exclusivo para el transporte público.',
  'Según las previsiones de la propia autoridad, la terminal podría recibir más de 300 escalas al año cuando esté a pleno rendimiento, el doble que en la actualidad.',
];
const OTHER_PORT_STORY =
  'El puerto de Almerara cerró el mes de octubre con un récord de contenedores, un 12 por ciento más que hace un año, según los datos publicados este lunes por la autoridad portuaria. ' +
  'El tráfico de mercancías creció sobre todo en las líneas con el norte de África y en el transporte de vehículos, que ya supone una tercera parte de la actividad del recinto.';

const profile = (text: string, headline: string): TextProfile => ({ tokens: tokens(text), headline: contentWords(headline) });

describe('functionWordsOf', () => {
  it('keeps English texts on the English list, even a terse one, and very short texts too', () => {
    expect(functionWordsOf(tokens(ENGLISH))).toBe(functionWordsOf(tokens(ENGLISH_TERSE)));
    const english = functionWordsOf(tokens(ENGLISH));
    for (const w of ['the', 'of', 'and', 'will']) expect(english.has(w)).toBe(isStopword(w));
    // "war" and "die" are function words in other languages, never in English.
    expect(english.has('war')).toBe(false);
    expect(english.has('die')).toBe(false);
    expect(functionWordsOf(tokens('Der Rat tagt'))).toBe(english);
  });

  it('skips the function words of a text in another language', () => {
    const german = functionWordsOf(tokens(GERMAN));
    for (const w of ['der', 'die', 'und', 'am', 'fur', 'sollen']) expect(german.has(w)).toBe(true);
    for (const w of ['stadtrat', 'kellbach', 'fahranlage', 'anleger']) expect(german.has(w)).toBe(false);
    const french = functionWordsOf(tokens(FRENCH));
    for (const w of ['le', 'des', 'sur', 'son']) expect(french.has(w)).toBe(true);
    expect(french.has('quai')).toBe(false);
  });
});

describe('a Spanish excerpt under an edited headline', () => {
  const full = profile([PORT_LEDE, ...PORT_MORE].join(' '), 'El puerto de Almerara ampliará su muelle de cruceros con una inversión de 40 millones');
  const excerpt = profile([PORT_LEDE, PORT_MORE[0]].join(' '), 'Almerara ampliará el muelle de cruceros');

  it('is its story: the headlines agree once "el", "de", "con", "una" are not counted as words of the story', () => {
    const c = compareTexts(excerpt, full);
    expect(c.containment).toBe(1);
    expect(decideNear(c)).toEqual({ same: true });
  });

  it('and another story of the same port is not', () => {
    const other = profile(OTHER_PORT_STORY, 'Récord de contenedores en el puerto de Almerara');
    expect(decideNear(compareTexts(other, full)).same).toBe(false);
    expect(decideNear(compareTexts(other, excerpt)).same).toBe(false);
  });
});
