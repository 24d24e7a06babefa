/** Well-formedness of an XML document, checked with saxes (a strict, streaming XML parser). */
import { SaxesParser } from 'saxes';

/** The first well-formedness error as "line L, column C: what", or null for a well-formed document. */
export function xmlProblem(text: string): string | null {
  const parser = new SaxesParser({ xmlns: false });
  let problem: string | null = null;
  parser.on('error', (error) => {
    problem ??= error.message;
  });
  try {
    parser.write(text).close();
  } catch (error) {
    problem ??= (error as Error).message;
  }
  return problem;
}
