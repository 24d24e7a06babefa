/** Pages with titles and bylines that are hard to cite, served by the cite and export tests. */

export const HOSTILE_TITLE = 'Braces {x} & 50% of café owners — Москва 東京 $5_000 #1';

/** A news story whose title holds BibTeX's special characters, accents and non-Latin scripts, by a person with a particle and a newsroom. */
export function hardToCitePage(): string {
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: HOSTILE_TITLE,
    datePublished: '2024-03-05T10:00:00Z',
    inLanguage: 'fr-FR',
    author: [
      { '@type': 'Person', name: 'Jean-Luc de La Fontaine' },
      'Reuters Staff',
    ],
    publisher: { '@type': 'Organization', name: 'Le Courrier Test' },
  };
  const paragraph = (n: number) =>
    `<p>Paragraph ${n}: the owners of cafés met on Tuesday evening to discuss rents, the budget and the schools, and residents spoke for more than an hour about what the plan would change for the street.</p>`;
  return `<!doctype html><html lang="fr-FR"><head><meta charset="utf-8"><title>${escapeHtml(HOSTILE_TITLE)}</title>
<meta property="og:site_name" content="Le Courrier Test">
<meta property="og:type" content="article">
<script type="application/ld+json">${JSON.stringify(jsonLd)}</script>
</head><body><article><h1>${escapeHtml(HOSTILE_TITLE)}</h1>${[1, 2, 3, 4, 5, 6].map(paragraph).join('\n')}</article></body></html>`;
}

/** A blog post: a dated, signed article that its JSON-LD calls a BlogPosting (cited as a web page). */
export function blogPage(): string {
  const jsonLd = { '@context': 'https://schema.org', '@type': 'BlogPosting', headline: 'Notes from the garden', datePublished: '2023-06-01', author: { '@type': 'Person', name: 'Ana Lima' } };
  const paragraph = (n: number) =>
    `<p>Note ${n}: the tomatoes came up late this year, after a cold spring, and the beans climbed the fence faster than anyone expected in the village.</p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Notes from the garden</title>
<meta property="og:site_name" content="Ana's Garden">
<script type="application/ld+json">${JSON.stringify(jsonLd)}</script>
</head><body><article><h1>Notes from the garden</h1>${[1, 2, 3, 4, 5].map(paragraph).join('\n')}</article></body></html>`;
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
}
