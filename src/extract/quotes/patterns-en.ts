/**
 * English cues for finding who said a quotation. Everything language-specific lives in a
 * `QuoteLanguage`; another language is added by writing another one of these (see types.ts).
 */
import type { QuoteLanguage } from './types.js';

/** Reporting verbs (base form) whose regular forms are derived: say → says, said is irregular. */
const REGULAR_VERBS = [
  'add', 'acknowledge', 'admit', 'agree', 'allege', 'announce', 'answer', 'argue', 'ask', 'assert', 'boast',
  'call', 'caution', 'charge', 'chide', 'claim', 'comment', 'complain', 'concede', 'conclude', 'confirm', 'contend',
  'continue', 'counter', 'declare', 'decry', 'deny', 'describe', 'dismiss', 'dub', 'echo', 'emphasize', 'exclaim',
  'explain', 'insist', 'joke', 'label', 'lament', 'maintain', 'mock', 'muse', 'note', 'observe', 'opine', 'plead',
  'pledge', 'point', 'post', 'praise', 'predict', 'proclaim', 'promise', 'quip', 'recall', 'recount', 'reiterate',
  'remark', 'repeat', 'reply', 'respond', 'retort', 'scoff', 'scream', 'shout', 'slam', 'snap', 'state', 'stress',
  'suggest', 'testify', 'tweet', 'urge', 'vow', 'warn', 'whisper', 'wonder', 'yell', 'brand', 'blast', 'accuse',
  'condemn', 'criticize', 'criticise', 'denounce', 'characterize', 'term', 'chime', 'demand', 'question', 'murmur',
  'mutter', 'estimate', 'report', 'reveal', 'inform', 'advise', 'assure', 'remind', 'acknowledge', 'applaud',
  'thunder', 'sneer', 'cry', 'apologize', 'pronounce', 'rail', 'rant', 'reason', 'recommend', 'reflect', 'tout',
  'vent', 'gush', 'hail',
];

/** Irregular forms and fixed phrases. */
const IRREGULAR_VERBS = [
  'say', 'says', 'said', 'saying', 'tell', 'tells', 'told', 'telling', 'write', 'writes', 'wrote', 'written',
  'writing', 'speak', 'speaks', 'spoke', 'spoken', 'put', 'puts', 'think', 'thinks', 'thought', 'go', 'went',
  'goes', 'read', 'reads', 'hold', 'holds', 'held', 'swear', 'swore', 'sworn', 'forecast', 'forecasts', 'quote',
  'quotes', 'quoted', 'quoting', 'tweeted', 'retweeted', 'lay', 'laid', 'feel', 'feels', 'felt', 'know', 'knew',
  'believe', 'believes', 'believed',
];

function inflect(verb: string): string[] {
  const forms = [verb];
  if (/(s|sh|ch|x|z)$/.test(verb)) forms.push(`${verb}es`);
  else if (/[^aeiou]y$/.test(verb)) forms.push(`${verb.slice(0, -1)}ies`);
  else forms.push(`${verb}s`);
  if (/e$/.test(verb)) forms.push(`${verb}d`, `${verb.slice(0, -1)}ing`);
  else if (/[^aeiou]y$/.test(verb)) forms.push(`${verb.slice(0, -1)}ied`, `${verb}ing`);
  else if (/^(dub|snap|quip|scoff)$/.test(verb)) forms.push(`${verb}${verb.at(-1)}ed`, `${verb}${verb.at(-1)}ing`, `${verb}ed`);
  else forms.push(`${verb}ed`, `${verb}ing`);
  return forms;
}

/** Titles, honorifics and roles dropped from the front of a name ("Col. Dana Okoro"). */
const TITLES = [
  'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady', 'president', 'vice',
  'former', 'sen', 'senator', 'rep', 'representative', 'gov', 'governor', 'mayor', 'secretary', 'gen', 'general',
  'col', 'colonel', 'lt', 'lieutenant', 'capt', 'captain', 'sgt', 'sergeant', 'maj', 'major', 'adm', 'admiral',
  'cmdr', 'commander', 'judge', 'justice', 'chairman', 'chairwoman', 'chair', 'chief', 'director', 'speaker',
  'minister', 'prime', 'attorney', 'candidate', 'nominee', 'rev', 'reverend', 'father', 'pope', 'king', 'queen',
  'prince', 'princess', 'sheikh', 'imam', 'rabbi', 'bishop', 'cardinal', 'spokesman', 'spokeswoman',
  'spokesperson', 'leader', 'minority', 'majority', 'house', 'senate', 'state', 'democratic', 'republican',
  'presidential', 'gop', 'democrat', 'libertarian', 'independent', 'retired', 'interim', 'acting', 'deputy',
  'assistant', 'ambassador', 'congressman', 'congresswoman', 'assemblyman', 'assemblywoman', 'councilman',
  'councilwoman', 'sheriff', 'chancellor', 'commissioner', 'officer', 'detective', 'agent', 'inspector',
  'u.s', 'us', 'white', 'campaign', 'manager', 'chairperson', 'ceo', 'founder', 'host', 'anchor', 'analyst',
  'economist', 'strategist', 'pollster', 'adviser', 'advisor', 'aide', 'executive', 'press', 'communications',
  'national', 'security', 'foreign', 'defense', 'defence', 'homeland', 'treasury', 'first', 'air', 'force',
  'army', 'navy', 'marine', 'corps', 'special', 'counsel', 'general', 'surgeon', 'del', 'delegate', 'sens', 'reps',
  'govs', 'vp', 'pm', 'mp', 'mep', 'de', 'facto', 'elect', 'designate', 'emeritus', 'gen.', 'hon', 'honorable',
  'his', 'her', 'their', 'its', 'the', 'a', 'an', 'our',
  'engineer', 'lawyer', 'coach', 'physician', 'nurse', 'pastor', 'teacher', 'principal', 'superintendent',
  'scientist', 'researcher', 'astronaut', 'actress', 'rapper', 'comedian', 'treasurer', 'auditor', 'prosecutor',
  'trooper', 'councillor', 'alderman', 'activist', 'organizer', 'organiser', 'owner', 'student', 'resident',
  'historian', 'sociologist', 'psychologist', 'epidemiologist', 'virologist', 'physicist', 'chemist', 'biologist',
  'archbishop', 'cardinal', 'sen.', 'rep.', 'gov.', 'pres', 'supt', 'atty', 'sgt.', 'coordinator', 'secretary-general',
];

/** Capitalised words that start sentences or name things but are not people. */
const NOT_NAMES = [
  'a', 'an', 'the', 'and', 'but', 'or', 'so', 'yet', 'if', 'when', 'while', 'as', 'at', 'in', 'on', 'of', 'for',
  'to', 'from', 'by', 'with', 'after', 'before', 'since', 'during', 'this', 'that', 'these', 'those', 'there',
  'here', 'then', 'now', 'still', 'also', 'however', 'meanwhile', 'instead', 'indeed', 'yes', 'no', 'not', 'it',
  'its', 'he', 'she', 'they', 'we', 'i', 'you', 'his', 'her', 'their', 'our', 'my', 'your', 'who', 'what',
  'where', 'why', 'how', 'which', 'asked', 'said', 'says', 'told', 'monday', 'tuesday', 'wednesday', 'thursday',
  'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august',
  'september', 'october', 'november', 'december', 'today', 'tomorrow', 'yesterday', 'last', 'next', 'one', 'two',
  'some', 'many', 'most', 'all', 'both', 'each', 'every', 'other', 'another', 'such', 'even', 'just', 'only',
  'again', 'later', 'earlier', 'first', 'asked', 'speaking', 'according', 'read', 'more', 'watch', 'related',
  'advertisement', 'photo', 'image', 'video', 'update', 'updated', 'editor', 'note',
  'thank', 'thanks', 'please', 'well', 'oh', 'ok', 'okay', 'mr', 'mrs', 'ms', 'dr', 'god', 'let', 'do', 'did',
  'does', 'is', 'are', 'was', 'were', 'be', 'been', 'have', 'has', 'had', 'will', 'would', 'can', 'could',
  'should', 'must', 'like', 'unlike', 'despite', 'although', 'though', 'because', 'until', 'unless', 'whether',
  'several', 'few', 'among', 'former', 'late', 'early', 'after', 'following', 'across', 'about', 'above', 'against', 'along', 'among', 'around', 'behind', 'below', 'beside', 'between',
  'beyond', 'into', 'near', 'over', 'through', 'toward', 'towards', 'under', 'upon', 'within', 'without',
];

/** Forms that are far more often nouns ("the state", "a report", "his remarks"). */
const NOUN_FORMS = new Set([
  'state', 'states', 'post', 'posts', 'term', 'terms', 'question', 'questions', 'point', 'points', 'quote', 'quotes',
  'reason', 'reasons', 'comment', 'comments', 'charge', 'charges', 'answer', 'answers', 'report', 'reports', 'label',
  'labels', 'brand', 'brands', 'echo', 'echoes', 'read', 'reads', 'estimate', 'estimates', 'demand', 'demands',
  'forecast', 'forecasts', 'hold', 'holds', 'promise', 'promises', 'joke', 'jokes', 'note', 'notes', 'call', 'tweet',
  'tweets', 'remark', 'remarks', 'plea', 'cry', 'cries', 'rant', 'rants', 'vent', 'go', 'goes', 'lay', 'put', 'puts',
  'know', 'feel', 'feels', 'think', 'thinks', 'believe', 'believes', 'reply', 'replies', 'response', 'counter', 'claim',
  'post', 'question', 'concern', 'rail', 'rails', 'muse', 'snap', 'blast', 'slam', 'mock', 'hail', 'term', 'quip',
  'quips', 'pledge', 'pledges', 'vow', 'retort', 'retorts', 'reflect', 'continue', 'answer', 'warning', 'remind',
  'speak', 'speaks', 'thought', 'thoughts', 'mutter', 'murmur', 'whisper', 'whispers', 'shout', 'shouts', 'scream',
  'screams', 'yell', 'yells', 'boast', 'boasts', 'plead', 'chime', 'chimes', 'urge', 'urges', 'dub', 'dubs',
  'plan', 'plans', 'order', 'orders', 'rule', 'rules', 'credit', 'credits', 'attack', 'attacks', 'blame', 'pitch',
  'pitches', 'welcome', 'find', 'finds', 'invite', 'invites', 'thank', 'thanks', 'seek', 'seeks', 'defend',
  'reject', 'refer', 'promote', 'order', 'finding', 'planning', 'ordering', 'ruling', 'crediting', 'findings',
  'encourage', 'question', 'deny', 'welcomes', 'conclude', 'summarise', 'summarize', 'portray', 'fault', 'faults',
]);

/** Verbs that mostly praise or blame and are used with a partial quotation ("lauded his “new ideas”"). */
const JUDGING_VERBS = [
  'laud', 'compare', 'liken', 'blame', 'attack', 'reject', 'defend', 'hail', 'celebrate', 'welcome', 'thank', 'vow',
  'threaten', 'dismiss', 'deride', 'ridicule', 'disparage', 'lambaste', 'fault', 'scold', 'rebuke', 'castigate',
  'refer', 'characterise', 'portray', 'pitch', 'promote', 'endorse', 'commend', 'congratulate', 'credit', 'allege',
  'summarize', 'summarise', 'conclude', 'find', 'rule', 'order', 'encourage', 'invite', 'call', 'plan', 'seek',
];

/** Words that end a subject when reading backwards from a verb. */
const CLAUSE_WORDS = [
  'that', 'and', 'but', 'or', 'which', 'who', 'whom', 'when', 'where', 'while', 'as', 'because', 'if', 'so', 'after',
  'before', 'since', 'though', 'although', 'than', 'what', 'how', 'why', 'whether', 'until', 'once', 'then', 'in',
  'on', 'at', 'to', 'with', 'by', 'from', 'into', 'during', 'about', 'not', 'is', 'was', 'are', 'were', 'be', 'been',
  'has', 'have', 'had', 'it', 'this', 'there', 'here', 'yes', 'no', 'also', 'even', 'just', 'only', 'still',
  'however', 'meanwhile', 'later', 'earlier', 'today', 'yesterday', 'tonight', 'now',
  // Modals: no subject reads back past one ("the platform should reiterate"); "will" and "may" are names too.
  'would', 'could', 'should', 'might', 'must', 'can', 'cannot',
];

/** Words after a name that make it a sentence's subject ("X has …", "X took …"), beside the reporting verbs. */
const SUBJECT_AUXILIARIES = [
  'is', 'was', 'are', 'were', 'has', 'had', 'have', 'will', 'would', 'could', 'can', 'may', 'might', 'must',
  'should', 'also', 'then', 'later', 'once', 'did', 'does', "didn't", 'didn’t', "doesn't", 'doesn’t', "wasn't",
  'wasn’t', "isn't", 'isn’t', "hasn't", 'hasn’t', "won't", 'won’t', 'recently', 'again', 'never', 'repeatedly',
  'previously', 'often', 'took', 'made', 'gave', 'got', 'went', 'came', 'saw', 'kept', 'left', 'brought', 'found',
  'sent', 'spent', 'stood', 'felt', 'held', 'led', 'met', 'ran', 'sat', 'won', 'lost', 'paid', 'built', 'began',
  'became', 'chose', 'drew', 'drove', 'fell', 'fought', 'forgot', 'grew', 'hit', 'knew', 'meant', 'rose', 'shook',
  'shot', 'sold', 'sought', 'spoke', 'struck', 'swore', 'taught', 'threw', 'understood', 'wore', 'withdrew', 'let',
  'set', 'cut', 'put', 'quit', 'read', 'heard', 'taken',
];

/** Words that make a capitalised run an organisation or a place. */
const ORGANISATION_WORDS = [
  'house', 'council', 'news', 'party', 'department', 'post', 'times', 'street', 'university', 'committee', 'court',
  'senate', 'congress', 'states', 'united', 'america', 'union', 'administration', 'campaign', 'center', 'centre',
  'institute', 'foundation', 'journal', 'network', 'agency', 'service', 'church', 'county', 'city', 'school',
  'college', 'club', 'association', 'organization', 'organisation', 'forum', 'press', 'media', 'group', 'company',
  'bank', 'airport', 'hotel', 'tower', 'square', 'park', 'road', 'fund', 'office', 'ministry', 'army', 'navy',
  'force', 'corps', 'police', 'guard', 'board', 'commission', 'assembly', 'parliament', 'government', 'inc', 'corp',
  'co', 'llc', 'ltd', 'times', 'tribune', 'herald', 'daily', 'magazine', 'channel', 'radio', 'tv', 'television',
  'network', 'show', 'project', 'alliance', 'coalition', 'movement', 'caucus', 'republicans', 'democrats',
  'republican', 'democratic', 'island', 'islands', 'sea', 'river', 'mountain', 'valley', 'north', 'south', 'east',
  'west', 'state', 'york', 'washington', 'america', 'americans', 'nations', 'security', 'reserve', 'bureau',
  'stadium', 'arena', 'hall', 'avenue', 'way', 'act', 'law', 'bill', 'amendment', 'day', 'week', 'year', 'war',
  'conference', 'convention', 'summit', 'debate', 'world', 'international', 'global', 'national', 'federal',
  'facebook', 'twitter', 'google', 'cnn', 'fox', 'msnbc', 'nbc', 'abc', 'cbs', 'ap', 'reuters', 'isis', 'is',
  'club', 'team', 'league', 'cup', 'games', 'olympics', 'festival', 'museum', 'library', 'hospital', 'clinic',
];

/** Lower-case words that end a speaker phrase read forwards ("said X in Iowa", "said X, who …"). */
const PHRASE_ENDERS = [
  'in', 'on', 'at', 'during', 'to', 'after', 'before', 'while', 'when', 'who', 'which', 'that', 'as', 'about', 'last',
  'this', 'earlier', 'later', 'recently', 'told', 'and', 'with', 'whether', 'if',
];

/** Nouns (by their ending) that can be a speaker without a name ("the spokesman", "officials", "critics"). */
const ROLE_NOUN =
  /(man|woman|person|er|or|ist|ian|ent|ant|official|officials|source|sources|lady|aide|staff|team|campaign|office|group|statement|report|people|voters|supporters|critics|experts|residents|members|leaders|police|witnesses|family|friends)$/;

/** Verbs so common outside reporting that they count only right beside a quotation. */
const WEAK_VERBS = [
    'put', 'puts', 'go', 'goes', 'went', 'think', 'thinks', 'thought', 'read', 'reads', 'hold', 'holds', 'held',
    'continue', 'continues', 'continued', 'point', 'points', 'pointed', 'lay', 'laid', 'feel', 'feels', 'felt',
    'know', 'knew', 'believe', 'believes', 'believed', 'question', 'questioned', 'reason', 'report', 'reports',
    'reported', 'post', 'posts', 'posted', 'state', 'states', 'term', 'terms', 'termed', 'call', 'calls',
    'called', 'label', 'labels', 'labeled', 'brand', 'branded', 'describe', 'describes', 'described', 'echo',
    'echoes', 'echoed', 'reflect', 'reflects', 'reflected', 'speak', 'speaks', 'spoke', 'spoken', 'hail', 'hailed',
  ];

/** Every form of every reporting verb, nouns or not. */
const ALL_VERB_FORMS = [...REGULAR_VERBS.flatMap(inflect), ...IRREGULAR_VERBS, ...JUDGING_VERBS.flatMap(inflect), 'found', 'ruled', 'sought'];

export const english: QuoteLanguage = {
  code: 'en',
  verbs: new Set(ALL_VERB_FORMS.filter((form) => !NOUN_FORMS.has(form))),
  weakVerbs: new Set(WEAK_VERBS),
  // "according to X", "in the words of X"
  sourcePrepositions: [/\baccording to\s+/i, /\bin the words of\s+/i],
  sourcePrepositionAhead: /^\s*,?\s*(?:according to|in the words of)\s+/i,
  adverbs: new Set([
    'also', 'however', 'later', 'then', 'once', 'recently', 'previously', 'simply', 'flatly', 'bluntly', 'repeatedly', 'again',
    'further', 'reportedly', 'allegedly', 'publicly', 'privately', 'quickly', 'finally', 'frequently', 'often',
    'has', 'have', 'had', 'would', 'will', 'was', 'is', 'went', 'on', 'to', 'just', 'has', 'even', 'famously',
    'jokingly', 'angrily', 'sharply', 'firmly', 'openly', 'initially', 'first', 'subsequently', 'since', 'had',
    'originally', 'earlier', 'recently', 'proudly', 'explicitly', 'directly', 'specifically', 'separately',
    'succinctly', 'bitterly', 'memorably', 'infamously', 'notably', 'sarcastically', 'wryly', 'dryly', 'calmly',
    'loudly', 'quietly', 'softly', 'emphatically', 'not', 'never', 'did', 'does', 'do', 'could', 'might', 'may',
    'would', 'went', 'tried', 'to', 'be',
  ]),
  pronouns: new Map([
    ['he', 'm'], ['him', 'm'], ['his', 'm'], ['she', 'f'], ['her', 'f'], ['hers', 'f'], ['they', 'p'], ['them', 'p'],
    ['we', 'p'], ['i', 's'], ['it', 'n'], ['you', 's'], ['who', 'r'],
  ]),
  titles: new Set(TITLES),
  notNames: new Set(NOT_NAMES),
  maleTitles: new Set(['mr', 'sir', 'lord', 'king', 'prince', 'father', 'congressman', 'assemblyman', 'councilman', 'chairman', 'spokesman']),
  femaleTitles: new Set(['mrs', 'ms', 'miss', 'dame', 'lady', 'queen', 'princess', 'congresswoman', 'assemblywoman', 'councilwoman', 'chairwoman', 'spokeswoman']),
  nameParticles: new Set(['de', 'del', 'della', 'van', 'von', 'der', 'den', 'bin', 'ibn', 'al', 'el', 'la', 'le', 'da', 'di', 'du', 'dos', 'das', 'ben', 'mc', 'st.', 'y']),
  // Words that make a noun phrase a description of someone rather than a name ("a spokesman").
  determiners: new Set(['a', 'an', 'the', 'this', 'that', 'one', 'another', 'his', 'her', 'their', 'its', 'our', 'some', 'several', 'two', 'three', 'many']),
  abbreviations: new Set([
    'mr', 'mrs', 'ms', 'dr', 'prof', 'sen', 'rep', 'gov', 'gen', 'col', 'lt', 'capt', 'sgt', 'maj', 'adm', 'cmdr',
    'st', 'jr', 'sr', 'rev', 'inc', 'co', 'corp', 'ltd', 'no', 'vs', 'etc', 'u.s', 'u.n', 'u.k', 'e.g', 'i.e', 'sept',
    'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec', 'ft', 'mt', 'ave', 'blvd', 'p.m', 'a.m',
    'd.c', 'n.y', 'calif', 'fla', 'mass', 'wis', 'ky', 'tex', 'ariz', 'va', 'pa', 'ill', 'ind', 'mich', 'ohio',
    'del', 'govs', 'sens', 'reps',
  ]),
  clauseWords: new Set(CLAUSE_WORDS),
  capitalizedVerbs: new Set(['Said', 'Says', 'Told', 'Added', 'Asked', 'Wrote']),
  namePrepositions: new Set(['of', 'from', 'at', 'for', 'with']),
  phraseEnders: new Set(PHRASE_ENDERS),
  timePrepositions: new Set(['on', 'in', 'during', 'last', 'this', 'next', 'early', 'late', 'since', 'by']),
  speechNouns: new Set([
    'claim', 'claims', 'pledge', 'pledges', 'promise', 'promises', 'accusation', 'accusations', 'dictum', 'view', 'views',
    'words', 'statement', 'statements', 'remark', 'remarks', 'comment', 'comments', 'warning', 'warnings', 'message',
    'slogan', 'catchphrase', 'phrase', 'tweet', 'tweets', 'assertion', 'argument', 'insistence', 'complaint', 'vow',
    'description', 'suggestion', 'prediction', 'question', 'reply', 'response', 'retort', 'mantra', 'motto', 'quip',
  ]),
  clauseOpeners: new Set([
    'when', 'after', 'while', 'if', 'although', 'though', 'because', 'since', 'before', 'once', 'until', 'whereas',
    'in', 'on', 'at', 'during', 'despite', 'following', 'amid',
  ]),
  clauseAfterVerb: new Set(['that', 'to', 'it', 'how', 'what']),
  quoteIntroducer: /\b(that|saying|:-)\s*$/,
  roleNoun: ROLE_NOUN,
  subjectAuxiliaries: new Set(SUBJECT_AUXILIARIES),
  // "accused", "insists" (not "used", "glass", "famous", "this").
  finiteVerbForm: (word) => /[^e]ed$/.test(word) || (/[^s]s$/.test(word) && !/(ous|ss|is|us)$/.test(word) && word.length > 3),
  participleForm: (word) => /ing$/.test(word),
  adverbForm: (word) => /^[a-z]+ly$/.test(word),
  honorifics: new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'sir', 'dame', 'prof', 'rev']),
  organisationWords: new Set(ORGANISATION_WORDS),
  organisationJoiners: new Set(['of', 'for']),
  nameSuffixes: new Set(['jr', 'sr', 'ii', 'iii', 'iv']),
  articles: new Set(['the', 'a', 'an']),
  definiteArticles: new Set(['the']),
  titleSmallWords: new Set(['a', 'an', 'the', 'of', 'and', 'in', 'on', 'to', 'for', 'with', 'at', 'by', 'or', 'de']),
  addresseeVerbs: new Set(['told', 'tells', 'tell', 'telling', 'asked', 'asks', 'ask', 'asking', 'interviewed', 'urged', 'urges', 'warned', 'warns', 'reminded', 'assured', 'informed']),
  passiveAuxiliaries: new Set(['is', 'was', 'are', 'were', 'be', 'been', 'being']),
  agentPrepositions: new Set(['by']),
  conjunctions: new Set(['and', 'or', 'but']),
  // "he notes", "she points out": present-tense forms only (the past forms are verbs already).
  verbsAfterPronoun: new Set([
    'notes', 'points', 'answers', 'comments', 'jokes', 'quips', 'remarks', 'replies', 'retorts', 'shouts', 'tweets',
    'urges', 'whispers', 'yells', 'demands', 'questions', 'charges', 'promises', 'pledges', 'states', 'reports', 'posts',
    'concludes', 'boasts', 'warns',
  ]),
  subjectPronouns: new Set(['he', 'she', 'they', 'we', 'i']),
  genderedPronouns: new Map([
    ['he', 'm'], ['him', 'm'], ['his', 'm'], ['himself', 'm'], ['she', 'f'], ['her', 'f'], ['hers', 'f'], ['herself', 'f'],
  ]),
};
