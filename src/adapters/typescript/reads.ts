/**
 * Who reads a definition: every expression of the program's own files whose symbol resolves (through
 * imports, re-exports, `require`) to the declaration, plus reads of the objects that contain it as a
 * whole (`log(config)`, `{ ...config.storage }`, `const { storage } = config`), which read it too.
 * Import and export specifiers are not reads; they are listed apart (removing a declaration means
 * removing them).
 */
import { typescript, type TS } from "./load.js";
import { accessKey, outermost } from "./trace.js";
import { userFiles } from "./program.js";

export interface Read {
  /** The expression that reads the value (`config.storage.connectionString`, `STORAGE`). */
  readonly node: TS.Node;
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** The value is assigned here (`config.key = ...`), not read. */
  readonly write: boolean;
  /** The node holds an object containing the value (passed on whole), not the value itself. */
  readonly escape: boolean;
}

const lineOf = (n: TS.Node): number => n.getSourceFile().getLineAndCharacterOfPosition(n.getStart()).line + 1;

export class ReadIndex {
  private readonly ts = typescript();
  private readonly direct = new Map<TS.Node, TS.Node[]>();
  private readonly specifiers = new Map<TS.Node, TS.Node[]>();

  constructor(private readonly program: TS.Program) {
    const checker = program.getTypeChecker();
    const ts = this.ts;
    const add = (map: Map<TS.Node, TS.Node[]>, sym: TS.Symbol | undefined, at: TS.Node): void => {
      if (!sym) return;
      const target = sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
      for (const d of target.declarations ?? []) {
        const list = map.get(d) ?? [];
        list.push(at);
        map.set(d, list);
      }
    };
    for (const sf of userFiles(program)) {
      const visit = (n: TS.Node): void => {
        if (ts.isIdentifier(n) || (ts.isStringLiteral(n) && ts.isElementAccessExpression(n.parent) && n.parent.argumentExpression === n)) {
          const p = n.parent;
          if (ts.isImportSpecifier(p) || ts.isExportSpecifier(p) || ts.isImportClause(p) || ts.isNamespaceImport(p) || ts.isImportEqualsDeclaration(p) || ts.isNamespaceExport(p)) {
            add(this.specifiers, checker.getSymbolAtLocation(n), p);
          } else if (ts.isShorthandPropertyAssignment(p) && p.name === n) {
            add(this.direct, checker.getShorthandAssignmentValueSymbol(p), n);
          } else if (!isDeclarationName(ts, n) && !isCommonJsExportTarget(ts, n)) {
            const sym = checker.getSymbolAtLocation(n);
            const at = (ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isElementAccessExpression(p) && p.argumentExpression === n) ? p : n;
            add(this.direct, sym, at);
          }
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
    }
  }

  /** Import/export specifiers (and `require` declarations) that name the declaration. */
  specifiersOf(decl: TS.Node): readonly TS.Node[] {
    return this.specifiers.get(decl) ?? [];
  }

  /** Every read (and write) of the value a definition holds. */
  readsOf(decl: TS.Node, depth = 0): Read[] {
    const ts = this.ts;
    const out = new Map<TS.Node, Read>();
    const push = (n: TS.Node, escape = false): void => {
      if (out.has(n) || isDefiningTarget(ts, n, decl)) return;
      out.set(n, { node: n, file: n.getSourceFile().fileName, line: lineOf(n), write: isWrite(ts, n), escape });
    };
    for (const n of this.direct.get(decl) ?? []) push(n);
    if (depth > 12) return [...out.values()];
    // Reads of the object containing this property read it too, unless they pick another key.
    const key = propertyName(ts, decl);
    const owner = key === undefined ? undefined : ownerOf(ts, decl);
    if (owner) {
      if ("escape" in owner) push(owner.escape, true);
      else {
        for (const r of this.readsOf(owner.decl, depth + 1)) {
          if (r.escape) {
            push(r.node, true);
            continue;
          }
          const o = outermost(r.node);
          const p = o.parent;
          if (p && accessKey(p) !== undefined && (p as TS.PropertyAccessExpression).expression === o) {
            if (accessKey(p) === key) push(p);
            continue;
          }
          if (p && ts.isVariableDeclaration(p) && p.initializer === o && ts.isObjectBindingPattern(p.name)) {
            const picks = p.name.elements.some((e) => e.dotDotDotToken || (e.propertyName ? e.propertyName.getText() : e.name.getText()) === key);
            if (picks) push(r.node, true);
            continue;
          }
          push(r.node, !r.write);
        }
      }
    }
    return [...out.values()];
  }
}

/** The declared name of a property-like definition (the key readers use). */
function propertyName(ts: typeof TS, decl: TS.Node): string | undefined {
  if (ts.isPropertyAssignment(decl) || ts.isShorthandPropertyAssignment(decl)) {
    const n = decl.name;
    return ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) ? n.text : undefined;
  }
  if (ts.isBinaryExpression(decl)) {
    const k = accessKey(decl.left);
    return k === "exports" ? undefined : k;
  }
  return undefined;
}

/**
 * The definition whose value is the object literal holding `decl` (a const, a property, `module.exports = {...}`),
 * or the object literal itself when it is used some other way (passed to a call: every key escapes).
 */
function ownerOf(ts: typeof TS, decl: TS.Node): { decl: TS.Node } | { escape: TS.Node } | undefined {
  if (ts.isBinaryExpression(decl)) return undefined; // exports.x = ...: read through the module's symbol
  const obj = decl.parent;
  if (!obj || !ts.isObjectLiteralExpression(obj)) return undefined;
  const o = outermost(obj);
  const p = o.parent;
  if (!p) return undefined;
  if ((ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && p.initializer === o) return { decl: p };
  if (ts.isBinaryExpression(p) && p.right === o && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) return { decl: p };
  if (ts.isExportAssignment(p)) return { decl: p };
  return { escape: o };
}

function isDeclarationName(ts: typeof TS, n: TS.Node): boolean {
  const p = n.parent as TS.Node & { name?: TS.Node };
  if (!p || p.name !== n) return false;
  return (
    ts.isVariableDeclaration(p) ||
    ts.isPropertyAssignment(p) ||
    ts.isPropertyDeclaration(p) ||
    ts.isFunctionDeclaration(p) ||
    ts.isClassDeclaration(p) ||
    ts.isParameter(p) ||
    ts.isBindingElement(p) ||
    ts.isMethodDeclaration(p) ||
    ts.isPropertySignature(p) ||
    ts.isInterfaceDeclaration(p) ||
    ts.isTypeAliasDeclaration(p) ||
    ts.isEnumDeclaration(p) ||
    ts.isEnumMember(p) ||
    ts.isGetAccessorDeclaration(p) ||
    ts.isSetAccessorDeclaration(p) ||
    ts.isModuleDeclaration(p)
  );
}

/** `module.exports` in `module.exports = {...}` is the definition itself, not a read of it. */
function isDefiningTarget(ts: typeof TS, n: TS.Node, decl: TS.Node): boolean {
  if (!ts.isBinaryExpression(decl)) return false;
  for (let x: TS.Node | undefined = n; x && x !== decl; x = x.parent) if (x === decl.left) return true;
  return false;
}

/** `exports` and `a` in `exports.a = value` / `module.exports.a = value`: TypeScript binds them to the value's symbol. */
function isCommonJsExportTarget(ts: typeof TS, n: TS.Node): boolean {
  let x: TS.Node = n;
  while (x.parent && accessKey(x.parent) !== undefined) x = x.parent;
  const p = x.parent;
  if (x === n || !p || !ts.isBinaryExpression(p) || p.left !== x || p.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return false;
  let root: TS.Node = x;
  while (accessKey(root) !== undefined) root = (root as TS.PropertyAccessExpression).expression;
  return ts.isIdentifier(root) && (root.text === "exports" || root.text === "module");
}

function isWrite(ts: typeof TS, n: TS.Node): boolean {
  const o = outermost(n);
  const p = o.parent;
  if (!p) return false;
  if (ts.isBinaryExpression(p) && p.left === o && p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return true;
  if ((ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) && (p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken)) return true;
  return ts.isDeleteExpression(p);
}

