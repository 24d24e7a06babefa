/**
 * Precision audit over the *study* halves of bench:quality's sets (never the check halves):
 * every block of clipfile's text that the reference lacks ("kept wrongly"), grouped by a rough
 * kind (share rows, footers, press boilerplate, captions, related headlines, …), with the words
 * and the unmatched shingles each kind costs. A diagnostic for choosing trimming rules; the
 * kinds are guesses from wording and position, not rules of the extraction.
 *
 *   node dist/bench/precision-audit.js [--set NAME] [--examples N] [--kind KIND] [--min-words N] [--dump FILE.json]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { extractArticle } from '../src/extract/pipeline.js';
import { halfOf, loadQualitySet, QUALITY_SETS, type QualitySet } from '../eval/corpus.js';
import { shingleList, tokenize } from '../eval/metric.js';

interface WrongBlock {
  set: QualitySet;
  id: string;
  kind: string;
  where: 'leading' | 'inside' | 'trailing';
  words: number;
  fp: number;
  /** What the block costs its page's precision: its unmatched shingles over the page's shingles. */
  cost: number;
  text: string;
}

/** Share of a block's shingles the reference lacks from which the block counts as kept wrongly. */
const WRONG_SHARE = 0.6;

const KINDS: readonly [string, RegExp][] = [
  ['css-script', /[{};]\s*[\w-]+\s*:|function\s*\(|\bvar \w+\s*=|\.[\w-]+\s*\{|=>|\bdocument\.\w+/],
  ['rights-footer', /©|ⓒ|\bcopyright\b|rights reserved|\bprivacy policy\b|\bterms of (?:use|service)\b/i],
  ['address-contact', /\b(?:street|avenue|suite|p\.?o\.? box|tel\.?|phone|fax|e-?mail)\b|\+?\d[\d ()-]{8,}\d|@\w+\.\w+/i],
  ['press-boilerplate', /^(?:about |media contact|press contact|contact:|for (?:more|further) information|forward-looking|source:|###|-30-)/i],
  ['newsletter', /subscri|newsletter|sign ?up|inscreva|abonn|suscr|iscriviti|anmelden/i],
  ['share', /\b(?:share|facebook|twitter|whatsapp|pinterest|linkedin|e-?mail|print|tweet|compartir|partager|teilen|condividi|compartilhe|partilhar)\b/i],
  ['caption-gallery', /^(?:caption|photo|image|picture|foto|bild|credit|getty|afp|reuters|ap photo|\(?\d+ (?:of|de|von|di|sur) \d+\)?|\d+\s*\/\s*\d+)\b/i],
  ['advert', /^(?:advert|advertisement|sponsored|anzeige|publicidad|publicité|pubblicità|publicidade|reklama|реклама)\b/i],
  ['related-readmore', /\b(?:read more|related|more from|more on|also read|see also|recommended|you may|you might|more stories|leia|lesen sie|lire aussi|lee también|leggi anche|читайте)\b/i],
  ['tags-categories', /^(?:tags?|filed under|categor\w*|topics?|labels?|schlagw\w*|etiquetas?|temas?|mots-clés)\b/i],
  ['comments', /\bcomments?\b|\brepl(?:y|ies)\b|\bsays:|kommentar|comentári|comentario|commentaire|commenti/i],
  ['author-promo', /\b(?:is an? |writes|covers|follow (?:him|her|me)|author of|columnist|contributor|correspondent|editor)\b/i],
  ['byline-date', /^(?:by |von |por |par |di |door )|\b(?:19|20)\d\d\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.? \d/i],
];

function kindOf(text: string, words: number): string {
  for (const [kind, pattern] of KINDS) if (pattern.test(text) && (words <= 80 || kind === 'css-script' || kind === 'press-boilerplate')) return kind;
  if (words <= 8) return 'short-label';
  if (words <= 25) return 'short-line';
  return 'prose';
}

function main(): void {
  const { values } = parseArgs({
    options: { set: { type: 'string' }, examples: { type: 'string' }, kind: { type: 'string' }, 'min-words': { type: 'string' }, dump: { type: 'string' } },
  });
  const sets = values.set ? [values.set as QualitySet] : [...QUALITY_SETS];
  const examples = Number(values.examples ?? 12);
  const minWords = Number(values['min-words'] ?? 1);
  const wrong: WrongBlock[] = [];
  let pages = 0;
  let totalFp = 0;
  for (const set of sets) {
    for (const page of loadQualitySet(set)) {
      if (halfOf(page.id) !== 'study') continue;
      pages++;
      let text = '';
      try {
        // The story's text only: reader comments (dragnet's truth holds them) are another stage's.
        text = extractArticle({ html: page.html(), url: page.url || null }).text;
      } catch {
        continue;
      }
      const truth = new Set(shingleList(tokenize(page.truth)));
      const truthTokens = ` ${tokenize(page.truth).join(' ')} `;
      const blocks = text.split(/\n{2,}/).filter((b) => b.trim());
      const flags = blocks.map((block) => {
        const tokens = tokenize(block);
        const shingles = shingleList(tokens);
        const fp = tokens.length < 4 ? (truthTokens.includes(` ${tokens.join(' ')} `) ? 0 : 1) : shingles.filter((s) => !truth.has(s)).length;
        return { block, tokens, fp, wrong: tokens.length > 0 && fp / Math.max(1, shingles.length) >= WRONG_SHARE };
      });
      const pageShingles = Math.max(1, shingleList(tokenize(text)).length);
      const firstRight = flags.findIndex((f) => !f.wrong);
      const lastRight = flags.map((f) => !f.wrong).lastIndexOf(true);
      flags.forEach((f, i) => {
        totalFp += f.fp;
        if (!f.wrong || f.tokens.length < minWords) return;
        const where = firstRight < 0 || i < firstRight ? 'leading' : i > lastRight ? 'trailing' : 'inside';
        const one = f.block.replace(/\s+/g, ' ').trim();
        wrong.push({ set, id: page.id, kind: kindOf(one, f.tokens.length), where, words: f.tokens.length, fp: f.fp, cost: f.fp / pageShingles, text: one });
      });
    }
  }
  if (values.dump) writeFileSync(values.dump, JSON.stringify(wrong, null, 1));
  const byKind = new Map<string, WrongBlock[]>();
  for (const w of wrong) byKind.set(w.kind, [...(byKind.get(w.kind) ?? []), w]);
  const kinds = [...byKind.entries()].sort((a, b) => sum(b[1], 'cost') - sum(a[1], 'cost'));
  console.log(`precision audit: ${pages} study pages of ${sets.join(', ')}; ${wrong.length} blocks kept wrongly; unmatched shingles in all blocks ${totalFp}`);
  console.log(`${'kind'.padEnd(18)} blocks  pages  words  shingles  precision-pages  leading/inside/trailing`);
  for (const [kind, list] of kinds) {
    const where = (w: string) => list.filter((x) => x.where === w).length;
    console.log(
      `${kind.padEnd(18)} ${String(list.length).padStart(6)} ${String(new Set(list.map((x) => x.id)).size).padStart(6)} ${String(sum(list, 'words')).padStart(6)} ${String(sum(list, 'fp')).padStart(9)}  ${sum(list, 'cost').toFixed(3).padStart(15)}  ${where('leading')}/${where('inside')}/${where('trailing')}`,
    );
  }
  for (const [kind, list] of kinds) {
    if (values.kind && values.kind !== kind) continue;
    console.log(`\n== ${kind}`);
    for (const w of [...list].sort((a, b) => b.cost - a.cost).slice(0, examples)) {
      console.log(`  ${w.set} ${w.id.slice(0, 8)} ${w.where} ${w.words}w ${w.fp}fp ${w.cost.toFixed(3)}: ${w.text.slice(0, 220)}`);
    }
  }
}

function sum(list: readonly WrongBlock[], key: 'words' | 'fp' | 'cost'): number {
  return list.reduce((s, w) => s + w[key], 0);
}

main();
