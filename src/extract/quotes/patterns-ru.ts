/**
 * Russian cues (a small set, to show how a language is added): «…», — сказал директор Игорь Соколов.
 * The name is the capitalised run after the role words; "по словам X" is "according to X".
 * Every list is Russian's own: nothing is inherited from English.
 */
import type { QuoteLanguage } from './types.js';

/** Past forms in both genders and the plural, and the present third person. */
const STEMS = [
  'сказал', 'заявил', 'отметил', 'добавил', 'пояснил', 'сообщил', 'написал', 'подчеркнул', 'рассказал', 'ответил',
  'спросил', 'признал', 'уточнил', 'заметил', 'напомнил', 'предупредил', 'объяснил', 'указал', 'призвал', 'назвал',
];
const PRESENT = ['говорит', 'считает', 'отмечает', 'заявляет', 'пишет', 'добавляет', 'поясняет', 'уверен', 'уверена'];

/** Conjunctions, prepositions and auxiliaries that end a subject read backwards. */
const CLAUSE_WORDS = [
  'что', 'и', 'но', 'или', 'который', 'которая', 'которые', 'когда', 'где', 'пока', 'как', 'потому', 'если', 'так',
  'после', 'перед', 'хотя', 'чем', 'в', 'на', 'по', 'к', 'с', 'от', 'из', 'о', 'об', 'для', 'не', 'был', 'была',
  'было', 'были', 'это', 'там', 'здесь', 'да', 'нет', 'также', 'тоже', 'даже', 'только', 'ещё', 'еще', 'однако',
  'сегодня', 'вчера', 'сейчас',
];

export const russian: QuoteLanguage = {
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
    'директор', 'президент', 'министр', 'глава', 'мэр', 'губернатор', 'депутат', 'председатель', 'премьер', 'генерал',
    'полковник', 'профессор', 'доктор', 'господин', 'госпожа', 'пресс-секретарь', 'советник',
  ]),
  notNames: new Set([
    'в', 'на', 'по', 'и', 'но', 'а', 'это', 'как', 'когда', 'после', 'для', 'он', 'она', 'они', 'мы', 'я', 'не',
    'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота', 'воскресенье',
  ]),
  maleTitles: new Set(['господин']),
  femaleTitles: new Set(['госпожа']),
  nameParticles: new Set(['де', 'фон', 'ван', 'бин', 'аль', 'ибн']),
  determiners: new Set(['этот', 'эта', 'один', 'одна']),
  abbreviations: new Set(['г', 'гг', 'т', 'д', 'др', 'пр', 'им', 'ул', 'стр', 'млн', 'млрд', 'тыс', 'руб', 'проф', 'акад']),
  clauseWords: new Set(CLAUSE_WORDS),
  capitalizedVerbs: new Set(STEMS.map((s) => s[0]!.toUpperCase() + s.slice(1))),
  namePrepositions: new Set(['из', 'от']),
  phraseEnders: new Set(['в', 'на', 'во', 'после', 'перед', 'когда', 'который', 'которая', 'что', 'и', 'с', 'о', 'об']),
  timePrepositions: new Set(['в', 'во', 'с', 'до']),
  speechNouns: new Set(['слова', 'заявление', 'обещание', 'утверждение', 'призыв', 'мнение']),
  clauseOpeners: new Set(['когда', 'после', 'хотя', 'если', 'пока', 'поскольку', 'несмотря', 'перед']),
  clauseAfterVerb: new Set(['что', 'чтобы', 'как']),
  quoteIntroducer: /(?:^|\s)(что|:-)\s*$/u,
  roleNoun: /(тель|ник|ист|ер|ор|лог|ент|ант|сотрудник|сотрудники|источник|источники|эксперты|жители|люди)$/u,
  subjectAuxiliaries: new Set(['был', 'была', 'было', 'были', 'будет', 'также', 'уже', 'ранее', 'позже']),
  // Past-tense forms: "-л", "-ла", "-ли"; present third person: "-ет", "-ит", "-ут", "-ят".
  finiteVerbForm: (word) => /(л|ла|ли|ет|ит|ут|ют|ат|ят)$/u.test(word),
  participleForm: (word) => /(ав|ив|ыв|вши|вшись)$/u.test(word),
  adverbForm: (word) => /(ьно|чно|ско)$/u.test(word),
  honorifics: new Set(['господин', 'госпожа']),
  // Russian joins an organisation's parts by case endings, not by a preposition.
  organisationJoiners: new Set(),
  organisationWords: new Set([
    'министерство', 'правительство', 'дума', 'совет', 'партия', 'университет', 'институт', 'компания', 'банк',
    'агентство', 'служба', 'суд', 'музей', 'театр', 'фонд', 'центр', 'комитет', 'администрация', 'кремль', 'россия',
    'москва', 'россии', 'москвы', 'тасс', 'риа',
  ]),
  nameSuffixes: new Set(),
  articles: new Set(),
  definiteArticles: new Set(),
  titleSmallWords: new Set(['и', 'в', 'на', 'о', 'с', 'для']),
  // Russian names the one spoken to in the dative, not right after the verb: not read.
  addresseeVerbs: new Set(),
  // A Russian passive names its agent in the instrumental, with no preposition: not read.
  passiveAuxiliaries: new Set(),
  agentPrepositions: new Set(),
  conjunctions: new Set(['и', 'или', 'но', 'а']),
  verbsAfterPronoun: new Set(),
  subjectPronouns: new Set(['он', 'она', 'они', 'мы', 'я']),
  genderedPronouns: new Map([
    ['он', 'm'], ['его', 'm'], ['ему', 'm'], ['им', 'm'], ['она', 'f'], ['её', 'f'], ['ее', 'f'], ['ей', 'f'],
  ]),
};
