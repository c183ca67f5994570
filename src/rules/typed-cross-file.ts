/**
 * The cross-file side of no-hardcoded-credentials, when the parser gives a TypeScript program
 * (typed linting: `parserOptions.projectService` or `project`). ESLint fixes edit the current file
 * only, so:
 *
 * - in a client module, a construction whose secret the program traces to a hard-coded literal of
 *   another module is reported at the argument, with the rewrite of the client as suggestions (the
 *   same rewrite `azure-msi fix` writes) and the definition to delete named in their description;
 * - in the module that holds the literal, the finding's message says which modules read it, where
 *   that rewrite is offered.
 *
 * The TypeScript compiler API is only touched here, and only when the program exists.
 */
import { createRequire } from "node:module";
import path from "node:path";
import type { TSESTree } from "@typescript-eslint/utils";
import type { Finding } from "../core/types.js";
import type { CredentialChoice } from "../core/fixes/credential.js";
import { moduleBindings, type ScopeManagerLike } from "../core/fixes/ast.js";
import { SINK_MODULES } from "../core/fixes/recipes/index.js";
import { clientSites, displayName, lineAt, rewriteClient, type ClientRewrite, type ClientSite } from "../adapters/typescript/cross-file.js";
import { typescript, type TS } from "../adapters/typescript/load.js";
import { ReadIndex } from "../adapters/typescript/reads.js";

/** The program of typed linting, if the parser built one. */
export function programOf(parserServices: unknown): TS.Program | undefined {
  const p = (parserServices as { program?: TS.Program | null } | undefined)?.program;
  return p ?? undefined;
}

const indexes = new WeakMap<TS.Program, ReadIndex>();
const readIndex = (program: TS.Program): ReadIndex => {
  let i = indexes.get(program);
  if (!i) {
    i = new ReadIndex(program);
    indexes.set(program, i);
  }
  return i;
};

let parser: { parse: (text: string, options: object) => TSESTree.Program } | undefined;
function parseTs(text: string, file: string): TSESTree.Program | undefined {
  parser ??= createRequire(import.meta.url)("@typescript-eslint/parser") as typeof parser;
  try {
    return parser!.parse(text, { range: true, loc: true, comment: true, tokens: true, jsx: /\.[jt]sx$/i.test(file), filePath: file });
  } catch {
    return undefined;
  }
}

export interface CrossFileReport {
  /** The argument (or property value) carrying the secret into the construction. */
  readonly node: TSESTree.Node;
  readonly site: ClientSite;
  /** The finding in the other module. */
  readonly finding: Finding;
  /** "src/config.ts:5", relative to the working directory. */
  readonly where: string;
  /** What to delete there once the client is rewritten, e.g. "config.storage.connectionString in src/config.ts". */
  readonly remove: string;
  readonly rewrites: Readonly<Record<CredentialChoice, ClientRewrite | { readonly manual: string }>>;
}

export interface CrossFileContext {
  readonly program: TS.Program;
  readonly filename: string;
  readonly cwd: string;
  readonly text: string;
  readonly ast: TSESTree.Program;
  readonly scopeManager?: ScopeManagerLike;
  readonly clientId?: string;
  /** Findings of another module's text (engine, suppressions, project allow list; no info). */
  readonly findingsOf: (file: string, text: string) => readonly Finding[];
}

const rel = (cwd: string, file: string): string => path.relative(cwd, file).split(path.sep).join("/");

/** Constructions of this file built from a secret hard-coded in another module. */
export function crossFileReports(ctx: CrossFileContext): CrossFileReport[] {
  if (![...moduleBindings(ctx.ast).values()].some((b) => SINK_MODULES.has(b.module))) return [];
  const sf = ctx.program.getSourceFile(ctx.filename);
  if (!sf || sf.text !== ctx.text) return [];
  const here = path.resolve(ctx.filename);
  const cache = new Map<string, readonly Finding[]>();
  const findingsIn = (file: string): readonly Finding[] => {
    let f = cache.get(file);
    if (!f) {
      const text = ctx.program.getSourceFile(file)?.text ?? "";
      f = ctx.findingsOf(file, text);
      cache.set(file, f);
    }
    return f;
  };
  const secretAt = (file: string, start: number, end: number): Finding | undefined =>
    path.resolve(file) === here ? undefined : findingsIn(file).find((f) => f.start >= start && f.end <= end);
  const client = { file: sf.fileName, text: ctx.text, ast: ctx.ast, ...(ctx.scopeManager ? { scopeManager: ctx.scopeManager } : {}) };
  const out: CrossFileReport[] = [];
  for (const site of clientSites(ctx.program, client, (f, s, e) => secretAt(f, s, e) !== undefined, () => readIndex(ctx.program), (f) => rel(ctx.cwd, f))) {
    if (site.refused) continue;
    const lit = site.traced.literal;
    const litFile = lit.getSourceFile();
    const finding = secretAt(litFile.fileName, lit.getStart(), lit.end)!;
    const def = site.traced.definitions.at(-1);
    const name = def ? displayName(def.node) || "the value" : "the value";
    const options = ctx.clientId !== undefined ? { clientId: ctx.clientId } : {};
    const rewrite = (credential: CredentialChoice): ClientRewrite | { manual: string } => rewriteClient(client, site, { credential, ...options }, parseTs);
    out.push({
      node: site.valueNode,
      site,
      finding,
      where: `${rel(ctx.cwd, litFile.fileName)}:${lineAt(litFile.text, lit.getStart())}`,
      remove: `${name} in ${rel(ctx.cwd, litFile.fileName)}`,
      rewrites: { default: rewrite("default"), "managed-identity": rewrite("managed-identity") },
    });
  }
  return out;
}

/**
 * Where other modules read the definition holding the literal at `offset` of this file
 * (`src/blobs.ts:4`), for the message of a finding that has no fix in this file.
 */
export function readersElsewhere(program: TS.Program, filename: string, offset: number, cwd: string): string[] {
  const ts = typescript();
  const sf = program.getSourceFile(filename);
  if (!sf) return [];
  let lit: TS.Node | undefined;
  const visit = (n: TS.Node): void => {
    if (n.getStart(sf) > offset || n.end <= offset) return;
    if (ts.isStringLiteralLike(n) || ts.isTemplateExpression(n)) lit = n;
    ts.forEachChild(n, visit);
  };
  visit(sf);
  let def: TS.Node | undefined;
  for (let n = lit?.parent; n && !def; n = n.parent) {
    if (ts.isPropertyAssignment(n) || ts.isVariableDeclaration(n) || ts.isPropertyDeclaration(n) || (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken)) def = n;
    else if (ts.isStatement(n) || ts.isFunctionLike(n)) break;
  }
  if (!def) return [];
  const here = path.resolve(filename);
  const reads = readIndex(program)
    .readsOf(def)
    .filter((r) => path.resolve(r.file) !== here && !r.write);
  return [...new Set(reads.map((r) => `${rel(cwd, r.file)}:${r.line}`))].slice(0, 5);
}
