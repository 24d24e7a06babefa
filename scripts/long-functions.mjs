/**
 * Lists every function in src/ longer than 60 lines (declarations, methods, constructors,
 * accessors, arrow functions and function expressions; from its first line to its last), and
 * whether the comment before it says why it must stay whole ("Whole on purpose"). Exits 1
 * when one does not.
 *
 *   npm run lint:functions            the long functions, unjustified ones first
 *   npm run lint:functions -- --all   also every justified one's reason
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const MAX_LINES = 60;
/** What the comment before a long function says when it must stay whole. */
const JUSTIFICATION = /Whole on purpose/i;

const root = fileURLToPath(new URL('..', import.meta.url));

function* typeScriptFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* typeScriptFiles(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield path;
  }
}

function isFunctionLike(node) {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node) ||
    ts.isArrowFunction(node) ||
    ts.isFunctionExpression(node)
  );
}

/** The name a person would look for: the function's own, else the variable or property it is assigned to. */
function nameOf(node) {
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if (node.name && ts.isIdentifier(node.name)) return node.name.text;
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent))) {
    if (ts.isIdentifier(parent.name)) return parent.name.text;
  }
  return '(anonymous)';
}

/** The node whose leading comment documents the function: the statement declaring it, for an arrow assigned to a const. */
function documentedNode(node) {
  let current = node;
  while (
    current.parent &&
    (ts.isVariableDeclaration(current.parent) ||
      ts.isVariableDeclarationList(current.parent) ||
      ts.isVariableStatement(current.parent) ||
      ts.isPropertyDeclaration(current.parent) ||
      ts.isPropertyAssignment(current.parent))
  ) {
    current = current.parent;
  }
  return current;
}

function leadingComment(source, node) {
  const text = source.getFullText();
  const ranges = ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [];
  // Comment markers and line breaks out, so that the words may wrap anywhere.
  return ranges
    .map((range) => text.slice(range.pos, range.end))
    .join(' ')
    .replace(/^\s*(?:\/\*\*?|\*\/?|\/\/)/gm, ' ')
    .replace(/\s+/g, ' ');
}

const long = [];
for (const file of typeScriptFiles(join(root, 'src'))) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (isFunctionLike(node) && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = last - first + 1;
      if (lines > MAX_LINES) {
        const comment = leadingComment(source, documentedNode(node));
        long.push({ where: `${relative(root, file)}:${first + 1}`, name: nameOf(node), lines, justified: JUSTIFICATION.test(comment) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

long.sort((a, b) => Number(a.justified) - Number(b.justified) || b.lines - a.lines);
const unjustified = long.filter((entry) => !entry.justified);
const showAll = process.argv.includes('--all');
for (const entry of long) {
  if (entry.justified && !showAll) continue;
  console.log(`${entry.justified ? 'whole on purpose' : 'TOO LONG        '}  ${String(entry.lines).padStart(4)} lines  ${entry.name}  ${entry.where}`);
}
console.log(
  `${long.length} functions over ${MAX_LINES} lines in src/: ${long.length - unjustified.length} say why they stay whole, ${unjustified.length} do not`,
);
process.exitCode = unjustified.length ? 1 : 0;
