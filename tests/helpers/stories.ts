/** A small news story: enough prose for the extractor, a marker word of its own, optional canonical and date. */
export function story(options: { title: string; word: string; canonical?: string; published?: string }): string {
  const paragraph = (n: number) =>
    `<p>Paragraph ${n} of the ${options.word} report: the council met on Tuesday evening to discuss the bridge, ` +
    `the budget and the schools, and residents spoke for more than an hour about what the ${options.word} plan would change.</p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${options.title}</title>
${options.canonical ? `<link rel="canonical" href="${options.canonical}">` : ''}
${options.published ? `<meta property="article:published_time" content="${options.published}">` : ''}
</head><body><article><h1>${options.title}</h1>${[1, 2, 3, 4, 5, 6].map(paragraph).join('\n')}</article></body></html>`;
}
