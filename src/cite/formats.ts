/** The formats `cite` writes (a module of its own so the CLI can list them without loading citation-js). */
export const CITATION_FORMATS = ['bibtex', 'biblatex', 'ris', 'csl-json', 'apa', 'chicago', 'mla'] as const;
export type CitationFormat = (typeof CITATION_FORMATS)[number];
