/**
 * Russian cues (a small set, to show how a language is added): «…», — сказал директор Игорь Соколов.
 * The name is the capitalised run after the role words; "по словам X" is "according to X".
 */
import { english } from './patterns-en.js';
import type { QuoteLanguage } from './types.js';

/** Past forms in both genders and the plural, and the present third person. */
const STEMS = [
  'сказал', 'заявил', 'отметил', 'добавил', 'пояснил', 'сообщил', 'написал', 'подчеркнул', 'рассказал', 'ответил',
  'спросил', 'признал', 'уточнил', 'заметил', 'напомнил', 'предупредил', 'объяснил', 'указал', 'призвал', 'назвал',
];
const PRESENT = ['говорит', 'считает', 'отмечает', 'заявляет', 'пишет', 'добавляет', 'поясняет', 'уверен', 'уверена'];

export const russian: QuoteLanguage = {
  ...english,
  code: 'ru',
  verbs: new Set([...STEMS.flatMap((s) => [s, `${s}а`, `${s}и`]), ...PRESENT]),
  weakVerbs: new Set(['назвал', 'назвала', 'назвали']),
  sourcePrepositions: [/(?:^|\s)по словам\s+/iu],
  sourcePrepositionAhead: /^\s*,?\s*(?:—\s*)?по словам\s+/iu,
  adverbs: new Set(['также', 'позже', 'ранее', 'тогда', 'уже', 'ещё', 'еще']),
  pronouns: new Map([
    ['он', 'm'], ['она', 'f'], ['они', 'p'], ['мы', 'p'], ['я', 's'], ['оно', 'n'],
  ]),
  titles: new Set([
    ...english.titles, 'директор', 'президент', 'министр', 'глава', 'мэр', 'губернатор', 'депутат', 'председатель',
    'премьер', 'генерал', 'полковник', 'профессор', 'доктор', 'господин', 'госпожа', 'пресс-секретарь', 'советник',
  ]),
  notNames: new Set([...english.notNames, 'в', 'на', 'по', 'и', 'но', 'а', 'это', 'как', 'когда', 'после', 'для']),
  maleTitles: new Set(['господин']),
  femaleTitles: new Set(['госпожа']),
  determiners: new Set(['этот', 'эта', 'один', 'одна']),
};
