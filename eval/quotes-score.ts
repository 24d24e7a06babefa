/**
 * A TypeScript port of ../shared/corpus/quotes-dev/score.py (same matching, same figures):
 * quote precision / recall / F1 by word-token Jaccard ≥ 0.5 (joined pieces of one attribution
 * accepted), and over matched pieces the speaker figures by gold source type.
 */

/** make_gold.py's word lists (shared by score.py). */
export const PRONOUNS = new Set([
  'i', 'me', 'my', 'we', 'us', 'our', 'you', 'your', 'he', 'him', 'his', 'she', 'her', 'they', 'them', 'their',
  'it', 'its', 'who', 'whom', 'whose', 'which', 'that', 'this', 'these', 'those', 'myself', 'ourselves',
  'yourself', 'himself', 'herself', 'itself', 'themselves',
]);

export const NAME_STOP = new Set([
  'the', 'a', 'an', 'and', 'of', 'for', 'in', 'on', 'at', 'to', 'his', 'her', 'their', 'its', 'our', 'my', 'this',
  'that', 'these', 'those', 'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'sir', 'president', 'vice', 'former', 'sen',
  'senator', 'rep', 'representative', 'gov', 'governor', 'mayor', 'secretary', 'gen', 'general', 'col', 'colonel',
  'lt', 'capt', 'sgt', 'adm', 'judge', 'justice', 'chairman', 'chairwoman', 'chief', 'director', 'speaker',
  'minister', 'prime', 'attorney', 'candidate', 'nominee', 'rev', 'st', 'jr', 'sr', 'ii', 'iii', 'u', 's', 'us',
  'usa', 'american', 'americans', 'republican', 'republicans', 'democrat', 'democrats', 'democratic', 'gop',
  'federal', 'state', 'national', 'new', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday',
  'sunday', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december', 'i', 'spokesman', 'spokeswoman', 'spokesperson', 'leader', 'minority', 'majority',
  'senate', 'house', 'city', 'county', 'rival', 'press', 'police', 'department', 'committee', 'campaign', 'council',
  'aide', 'adviser', 'advisor', 'manager', 'chair', 'executive', 'host', 'anchor', 'correspondent', 'reporter',
  'professor', 'economist', 'analyst', 'founder', 'ceo', 'party', 'official', 'officials', 'activist', 'journalist',
  'sheriff', 'chancellor', 'ambassador', 'congressman', 'congresswoman', 'lawmaker', 'commissioner', 'nominee',
  'presidential', 'libertarian', 'independent', 'retired', 'interim', 'del', 'delegate', 'sens', 'reps', 'govs',
  'assemblyman', 'assemblywoman', 'councilman', 'councilwoman',
]);

/** Python's WORD_RE: [A-Za-z0-9\u00C0-\u024F]+(?:['\u2019][A-Za-z]+)* */
const WORD_RE = /[A-Za-z0-9\u00C0-\u024F]+(?:['\u2019][A-Za-z]+)*/g;

export interface GoldQuote {
  id: string;
  doc: string;
  attr: string;
  text: string;
  n_tokens: number;
  kind: 'full' | 'mixed';
  unclosed: boolean;
  n_pieces: number;
  source_type: 'named' | 'pronoun' | 'nominal' | 'none';
  source_text: string | null;
  source_name_tokens?: string[] | null;
  source_antecedent_name_tokens?: string[] | null;
  cue_text?: string | null;
}

export interface Gold {
  docs: Record<string, string>;
  quotes: GoldQuote[];
  unattributed?: { doc: string; text: string }[];
}

export type Predictions = Record<string, { text: string; speaker: string | null }[]>;

type Bag = Map<string, number>;

function words(s: string): string[] {
  return s.match(WORD_RE) ?? [];
}

/** Python's str.lower() for the characters WORD_RE can match. */
function lower(s: string): string {
  return s.toLowerCase();
}

export function toks(s: string | null | undefined): Bag {
  const text = (s ?? '').replace(/\u2019/g, "'").replace(/\u2018/g, "'");
  const bag: Bag = new Map();
  for (const w of words(text)) bag.set(lower(w), (bag.get(lower(w)) ?? 0) + 1);
  return bag;
}

function size(a: Bag): number {
  let n = 0;
  for (const v of a.values()) n += v;
  return n;
}

function inter(a: Bag, b: Bag): number {
  let n = 0;
  for (const [k, v] of a) n += Math.min(v, b.get(k) ?? 0);
  return n;
}

function union(a: Bag, b: Bag): number {
  let n = 0;
  const keys = new Set([...a.keys(), ...b.keys()]);
  for (const k of keys) n += Math.max(a.get(k) ?? 0, b.get(k) ?? 0);
  return n;
}

export function jaccard(a: Bag, b: Bag): number {
  const u = union(a, b);
  return u ? inter(a, b) / u : 0;
}

export function shorter(a: Bag, b: Bag): number {
  const m = Math.min(size(a), size(b));
  return m ? inter(a, b) / m : 0;
}

const SIM = { jaccard, shorter } as const;
type Mode = keyof typeof SIM;
const JOIN_CONTAIN = 0.5;

/** Python's tuple ordering for the candidate sort keys. */
function compareTuples(a: (number | number[])[], b: (number | number[])[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (Array.isArray(x) && Array.isArray(y)) {
      const c = compareTuples(x, y);
      if (c) return c;
    } else if (x !== y) return (x as number) < (y as number) ? -1 : 1;
  }
  return a.length - b.length;
}

export function matchDoc(preds: Bag[], golds: [Bag, string][], sim: (a: Bag, b: Bag) => number, thr: number): [number, number[], number][] {
  const cands: [number, number, number, number[]][] = [];
  const groups = new Map<string, number[]>();
  golds.forEach(([, key], gi) => {
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(gi);
  });
  preds.forEach((pt, pi) => {
    if (!size(pt)) return;
    golds.forEach(([gt], gi) => {
      if (inter(pt, gt)) cands.push([sim(pt, gt), jaccard(pt, gt), pi, [gi]]);
    });
    for (const gis of groups.values()) {
      if (gis.length < 2) continue;
      const sub = gis.filter((gi) => size(golds[gi]![0]) && inter(pt, golds[gi]![0]) / size(golds[gi]![0]) >= JOIN_CONTAIN);
      if (sub.length >= 2) {
        const cat: Bag = new Map();
        for (const gi of sub) for (const [k, v] of golds[gi]![0]) cat.set(k, (cat.get(k) ?? 0) + v);
        cands.push([sim(pt, cat), jaccard(pt, cat), pi, sub]);
      }
    }
  });
  cands.sort((a, b) => compareTuples([-a[0], -a[1], -a[3].length, a[2], a[3]], [-b[0], -b[1], -b[3].length, b[2], b[3]]));
  const usedP = new Set<number>();
  const usedG = new Set<number>();
  const out: [number, number[], number][] = [];
  for (const [score, , pi, gis] of cands) {
    if (score < thr) break;
    if (usedP.has(pi) || gis.some((g) => usedG.has(g))) continue;
    usedP.add(pi);
    for (const g of gis) usedG.add(g);
    out.push([pi, gis, score]);
  }
  return out;
}

export function predNameTokens(s: string | null | undefined): string[] {
  const out: string[] = [];
  for (let w of words(s ?? '')) {
    w = w.replace(/['\u2019]s$/, '').toLowerCase();
    if (w.length > 1 && !NAME_STOP.has(w) && !PRONOUNS.has(w)) out.push(w);
  }
  return out;
}

export function nameMatch(pred: string | null, goldTokens: string[] | null | undefined): boolean {
  const P = predNameTokens(pred);
  const G = [...(goldTokens ?? [])];
  const shared = new Set(P.filter((t) => G.includes(t)));
  if (!shared.size) return false;
  const gb = G.slice(0, Math.min(...[...shared].map((t) => G.indexOf(t))));
  const pb = P.slice(0, Math.min(...[...shared].map((t) => P.indexOf(t))));
  if (gb.length && pb.length && !gb.some((t) => pb.includes(t))) return false;
  return true;
}

function isPronoun(s: string | null): boolean {
  const w = words(s ?? '').map(lower);
  return w.length > 0 && w.every((x) => PRONOUNS.has(x));
}

export interface ScoreOptions {
  match?: Mode;
  threshold?: number;
  minWords?: number;
}

export interface SpeakerCounts {
  n: number;
  null: number;
  correct: number;
  resolved: number;
  pronoun: number;
  other: number;
  agree_auto_antecedent: number;
  lexical: number;
}

export interface QuoteScore {
  n_docs: number;
  n_gold_pieces: number;
  n_gold_attributions: number;
  n_pred: number;
  jaccard: { P: number; R: number; F1: number; tp_pred: number; tp_gold: number };
  shorter: { P: number; R: number; F1: number; tp_pred: number; tp_gold: number };
  fp_matching_nongold_quoted_text: number;
  recall_by: Record<string, [number, number]>;
  speaker: Record<string, SpeakerCounts>;
  joint_named_recall: [number, number];
  /** Gold pieces left unmatched and unmatched predictions, for reading the failures. */
  misses: { doc: string; text: string; kind: string }[];
  falsePositives: { doc: string; text: string; speaker: string | null }[];
  wrongSpeakers: { doc: string; text: string; gold: string | null; type: string; predicted: string | null }[];
}

function emptyCounts(): SpeakerCounts {
  return { n: 0, null: 0, correct: 0, resolved: 0, pronoun: 0, other: 0, agree_auto_antecedent: 0, lexical: 0 };
}

export function scoreQuotes(gold: Gold, pred: Predictions, options: ScoreOptions = {}): QuoteScore {
  const mode: Mode = options.match ?? 'jaccard';
  const threshold = options.threshold ?? 0.5;
  const minWords = options.minWords ?? 1;
  const docs = gold.docs;
  const docNames = Object.keys(docs);
  const gq = new Map<string, GoldQuote[]>();
  for (const q of gold.quotes) {
    if (q.n_tokens >= minWords) {
      if (!gq.has(q.doc)) gq.set(q.doc, []);
      gq.get(q.doc)!.push(q);
    }
  }
  const goldOf = (d: string) => gq.get(d) ?? [];
  const unattr = new Map<string, Bag[]>();
  for (const u of gold.unattributed ?? []) {
    if (!unattr.has(u.doc)) unattr.set(u.doc, []);
    unattr.get(u.doc)!.push(toks(u.text));
  }
  const P = new Map<string, { text: string; speaker: string | null }[]>();
  for (const d of docNames) {
    const items: { text: string; speaker: string | null }[] = [];
    for (const x of pred[d] ?? []) {
      if (!x || typeof x !== 'object') continue;
      const t = x.text || '';
      if (size(toks(t)) >= minWords) {
        const sp = x.speaker;
        items.push({ text: t, speaker: typeof sp === 'string' && sp.trim() ? sp : null });
      }
    }
    P.set(d, items);
  }
  const nGold = docNames.reduce((n, d) => n + goldOf(d).length, 0);
  const nPred = docNames.reduce((n, d) => n + P.get(d)!.length, 0);
  const nAttr = new Set(docNames.flatMap((d) => goldOf(d).map((q) => `${q.doc}\u0000${q.attr}`))).size;

  const byMode = {} as Record<Mode, { P: number; R: number; F1: number; tp_pred: number; tp_gold: number }>;
  const matches = {} as Record<Mode, Map<string, [number, number[], number][]>>;
  for (const m of Object.keys(SIM) as Mode[]) {
    let tpP = 0;
    let tpG = 0;
    const per = new Map<string, [number, number[], number][]>();
    for (const d of docNames) {
      const pt = P.get(d)!.map((x) => toks(x.text));
      const gt: [Bag, string][] = goldOf(d).map((q) => [toks(q.text), q.attr]);
      const found = matchDoc(pt, gt, SIM[m], threshold);
      per.set(d, found);
      tpP += found.length;
      tpG += found.reduce((n, [, g]) => n + g.length, 0);
    }
    const p = nPred ? tpP / nPred : 0;
    const r = nGold ? tpG / nGold : 0;
    byMode[m] = { P: p, R: r, F1: p + r ? (2 * p * r) / (p + r) : 0, tp_pred: tpP, tp_gold: tpG };
    matches[m] = per;
  }

  const per = matches[mode];
  const sim = SIM[mode];
  const matchedGold = new Set<string>();
  let fpQuoted = 0;
  const pairs: [GoldQuote, { text: string; speaker: string | null }][] = [];
  const falsePositives: QuoteScore['falsePositives'] = [];
  for (const d of docNames) {
    const usedP = new Set<number>();
    for (const [pi, gis] of per.get(d)!) {
      usedP.add(pi);
      for (const gi of gis) {
        matchedGold.add(goldOf(d)[gi]!.id);
        pairs.push([goldOf(d)[gi]!, P.get(d)![pi]!]);
      }
    }
    P.get(d)!.forEach((x, pi) => {
      if (usedP.has(pi)) return;
      falsePositives.push({ doc: d, text: x.text, speaker: x.speaker });
      if ((unattr.get(d) ?? []).some((u) => sim(toks(x.text), u) >= threshold)) fpQuoted++;
    });
  }
  const recallOf = (sel: (q: GoldQuote) => boolean): [number, number] => {
    const qs = docNames.flatMap((d) => goldOf(d)).filter(sel);
    return [qs.filter((q) => matchedGold.has(q.id)).length, qs.length];
  };
  const recallBy: Record<string, [number, number]> = {
    full: recallOf((q) => q.kind === 'full'),
    mixed: recallOf((q) => q.kind === 'mixed'),
    '<3 words': recallOf((q) => q.n_tokens < 3),
    '>=3 words': recallOf((q) => q.n_tokens >= 3),
    unclosed: recallOf((q) => q.unclosed),
    'multi-piece': recallOf((q) => q.n_pieces > 1),
  };

  const sp: Record<string, SpeakerCounts> = {};
  const wrongSpeakers: QuoteScore['wrongSpeakers'] = [];
  for (const [q, x] of pairs) {
    const st = q.source_type;
    const s = x.speaker;
    const c = (sp[st] ??= emptyCounts());
    c.n++;
    if (s === null) c.null++;
    if (st === 'named') {
      const ok = s ? nameMatch(s, q.source_name_tokens) : false;
      if (ok) c.correct++;
      else wrongSpeakers.push({ doc: q.doc, text: q.text, gold: q.source_text, type: st, predicted: s });
    } else if (st === 'pronoun') {
      if (s === null) {
        wrongSpeakers.push({ doc: q.doc, text: q.text, gold: q.source_text, type: st, predicted: s });
      } else if (isPronoun(s)) c.pronoun++;
      else {
        const names = predNameTokens(s);
        const docWords = new Set(words(docs[q.doc]!).map(lower));
        if (names.length && names.some((w) => docWords.has(w))) {
          c.resolved++;
          if (nameMatch(s, q.source_antecedent_name_tokens)) c.agree_auto_antecedent++;
        } else {
          c.other++;
          wrongSpeakers.push({ doc: q.doc, text: q.text, gold: q.source_text, type: st, predicted: s });
        }
      }
    } else if (st === 'nominal') {
      if (s) {
        const predWords = toks(s);
        const gw = [...toks(q.source_text).keys()].filter((w) => w.length > 2 && !NAME_STOP.has(w));
        if (gw.some((w) => predWords.has(w))) c.lexical++;
      }
    }
  }
  const namedTotal = docNames.reduce((n, d) => n + goldOf(d).filter((q) => q.source_type === 'named').length, 0);
  const misses = docNames.flatMap((d) => goldOf(d).filter((q) => !matchedGold.has(q.id)).map((q) => ({ doc: d, text: q.text, kind: q.kind })));
  return {
    n_docs: docNames.length,
    n_gold_pieces: nGold,
    n_gold_attributions: nAttr,
    n_pred: nPred,
    jaccard: byMode.jaccard,
    shorter: byMode.shorter,
    fp_matching_nongold_quoted_text: fpQuoted,
    recall_by: recallBy,
    speaker: sp,
    joint_named_recall: [sp['named']?.correct ?? 0, namedTotal],
    misses,
    falsePositives,
    wrongSpeakers,
  };
}

/** The headline figures: quote P/R/F1, named-speaker accuracy, pronoun resolution, joint. */
export function headline(score: QuoteScore, mode: Mode = 'jaccard') {
  const named = score.speaker['named'] ?? emptyCounts();
  const pronoun = score.speaker['pronoun'] ?? emptyCounts();
  return {
    precision: score[mode].P,
    recall: score[mode].R,
    f1: score[mode].F1,
    namedSpeaker: named.n ? named.correct / named.n : 0,
    pronounResolved: pronoun.n ? pronoun.resolved / pronoun.n : 0,
    joint: score.joint_named_recall[1] ? score.joint_named_recall[0] / score.joint_named_recall[1] : 0,
  };
}

function pct(a: number, b: number): string {
  return b ? (100 * a / b).toFixed(1).padStart(5) : '  n/a';
}

/** The report score.py prints, line for line. */
export function formatScore(score: QuoteScore, goldName: string, mode: Mode = 'jaccard', threshold = 0.5): string {
  const lines: string[] = [];
  lines.push(
    `gold ${goldName}: ${score.n_docs} docs, ${score.n_gold_pieces} quote pieces (${score.n_gold_attributions} attributions); predictions: ${score.n_pred} quotes`,
  );
  lines.push(`${'quotes'.padEnd(16)} ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)}   matched pred/pred, gold/gold`);
  for (const m of ['jaccard', 'shorter'] as Mode[]) {
    const f = score[m];
    lines.push(
      `${`${m}>=${threshold}`.padEnd(16)} ${(100 * f.P).toFixed(1).padStart(6)} ${(100 * f.R).toFixed(1).padStart(6)} ${(100 * f.F1).toFixed(1).padStart(6)}   ${f.tp_pred}/${score.n_pred}, ${f.tp_gold}/${score.n_gold_pieces}${m === mode ? '   <- speakers' : ''}`,
    );
  }
  lines.push(`recall by kind: ${Object.entries(score.recall_by).map(([k, [a, b]]) => `${k} ${pct(a, b).trim()}% (${b})`).join('  ')}`);
  const f = score[mode];
  lines.push(
    `unmatched predictions matching non-gold quoted text (titles, unattributed scare quotes, headline single quotes, missed quotes): ${score.fp_matching_nongold_quoted_text}  -> P if forgiven ${((100 * f.tp_pred) / Math.max(1, score.n_pred - score.fp_matching_nongold_quoted_text)).toFixed(1)}`,
  );
  const c = (k: string) => score.speaker[k] ?? emptyCounts();
  lines.push(`speaker, named source   n=${String(c('named').n).padEnd(4)} correct ${pct(c('named').correct, c('named').n)}%  null ${pct(c('named').null, c('named').n)}%`);
  const p = c('pronoun');
  lines.push(
    `speaker, pronoun source n=${String(p.n).padEnd(4)} resolved-to-doc-name ${pct(p.resolved, p.n)}%  pronoun ${pct(p.pronoun, p.n)}%  null ${pct(p.null, p.n)}%  other ${pct(p.other, p.n)}%  | resolved agreeing w/ auto antecedent ${pct(p.agree_auto_antecedent, p.resolved)}%`,
  );
  lines.push(`speaker, nominal source n=${String(c('nominal').n).padEnd(4)} lexical overlap ${pct(c('nominal').lexical, c('nominal').n)}%  null ${pct(c('nominal').null, c('nominal').n)}%   (informational)`);
  lines.push(`speaker, no gold source n=${String(c('none').n).padEnd(4)} predicted null ${pct(c('none').null, c('none').n)}%`);
  const [a, b] = score.joint_named_recall;
  lines.push(`joint: named-source pieces matched with correct speaker ${a}/${b} = ${pct(a, b)}%`);
  return lines.join('\n');
}
