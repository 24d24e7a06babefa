/** The parts of citation-js 0.7 that clipfile uses (the packages ship no types). */
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown, options?: Record<string, unknown>);
    format(format: string, options?: Record<string, unknown>): string;
    data: Record<string, unknown>[];
  }
  export const plugins: {
    config: {
      get(name: '@bibtex'): { format: { useIdAsLabel: boolean; checkLabel: boolean; asciiOnly: boolean } };
      get(name: '@csl'): { templates: { add(name: string, xml: string): void; has(name: string): boolean } };
      get(name: string): unknown;
    };
  };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
declare module '@citation-js/plugin-csl';
