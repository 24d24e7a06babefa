import type { DiffPart, SnapshotDiff } from '../../archive/diff.js';
import { describeStats } from '../../archive/diff.js';
import { html, type SafeHtml } from '../escape.js';
import type { SiteSnapshot } from '../read.js';
import { captureTimeElement, layout, sitePaths } from './layout.js';

export interface HistoryPageInput {
  key: string;
  title: string;
  snapshots: SiteSnapshot[];
  /** For each snapshot after the first: its changes from the one before, as display parts. */
  diffs: { diff: SnapshotDiff; parts: DiffPart[] }[];
}

const ROOT = '../';

function diffParts(parts: DiffPart[]): SafeHtml {
  return html`${parts.map((part) =>
    part.kind === 'added' ? html`<ins>${part.text}</ins>` : part.kind === 'removed' ? html`<del>${part.text}</del>` : part.text,
  )}`;
}

function diffSection(before: SiteSnapshot, after: SiteSnapshot, { diff, parts }: HistoryPageInput['diffs'][number], index: number): SafeHtml {
  return html`<section class="diff" aria-labelledby="diff-${index}">
<h3 id="diff-${index}">From ${before.name} to ${after.name}</h3>
${diff.identical ? html`<p>Same title and words.</p>` : html`<p class="diff-stats">${describeStats(diff.stats)}</p>`}
${diff.titleChanged ? html`<p>Title: <del>${diff.titleChanged.before ?? '(none)'}</del> → <ins>${diff.titleChanged.after ?? '(none)'}</ins></p>` : ''}
${parts.length ? html`<div class="diff-text">${diffParts(parts)}</div>` : ''}
</section>`;
}

/** A page's snapshots, oldest first, and the word changes between each one and the next. */
export function historyPage({ key, title, snapshots, diffs }: HistoryPageInput): string {
  const main = html`<h1>History: ${title}</h1>
<p><a href="${ROOT}${sitePaths.article(key)}">Back to the latest snapshot</a></p>
<h2>Snapshots</h2>
<div class="table-scroll" tabindex="0" role="region" aria-labelledby="snapshots-caption">
<table class="snapshots">
<caption id="snapshots-caption">Snapshots of this page, oldest first</caption>
<thead><tr><th scope="col">Snapshot</th><th scope="col">Captured</th><th scope="col">Title</th><th scope="col">Words</th><th scope="col">Content hash</th></tr></thead>
<tbody>
${snapshots.map((s) => html`<tr><td>${s.name}</td><td>${captureTimeElement(s.fetchedAt)}</td><td>${s.title ?? ''}</td><td>${s.wordCount}</td><td><code>${s.contentSha256.slice(0, 12)}</code></td></tr>\n`)}
</tbody>
</table>
</div>
<h2>Changes</h2>
${diffs.length ? diffs.map((d, i) => diffSection(snapshots[i]!, snapshots[i + 1]!, d, i + 1)) : html`<p>Only one snapshot: nothing to compare yet.</p>`}`;
  return layout({ title: `History: ${title}`, root: ROOT, main });
}
