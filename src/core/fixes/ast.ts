/**
 * Small, pure helpers over an ESTree (TSESTree) program: parent links, static string values, module
 * bindings (ESM imports and CommonJS requires), callee resolution against the sink table, and
 * references of a `const`. Type-only imports: nothing here loads eslint or a parser.
 */
import type { TSESTree } from "@typescript-eslint/utils";

export type Node = TSESTree.Node;
export type Call = TSESTree.CallExpression | TSESTree.NewExpression;

const SKIP_KEYS = new Set(["parent", "loc", "range", "tokens", "comments", "typeAnnotation", "returnType", "typeArguments", "typeParameters", "decorators"]);

function isNode(v: unknown): v is Node {
  return typeof v === "object" && v !== null && typeof (v as { type?: unknown }).type === "string" && Array.isArray((v as { range?: unknown }).range);
}

/** Child nodes of `node` (type annotations skipped: they hold no values). */
export function children(node: Node): Node[] {
  const out: Node[] = [];
  for (const key of Object.keys(node)) {
    if (SKIP_KEYS.has(key)) continue;
    const v = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(v)) {
      for (const item of v) if (isNode(item)) out.push(item);
    } else if (isNode(v)) out.push(v);
  }
  return out;
}

/** Parent links for every node of the program (the parser's `parse` does not set `parent`). */
export function parentMap(program: TSESTree.Program): Map<Node, Node> {
  const parents = new Map<Node, Node>();
  const stack: Node[] = [program];
  while (stack.length > 0) {
    const n = stack.pop()!;
    for (const c of children(n)) {
      parents.set(c, n);
      stack.push(c);
    }
  }
  return parents;
}

/** Every node, depth first, in source order. */
export function allNodes(program: TSESTree.Program): Node[] {
  const out: Node[] = [];
  const seen = new Set<Node>();
  const visit = (n: Node): void => {
    // Shorthand properties may share one node as key and value: visit it once.
    if (seen.has(n)) return;
    seen.add(n);
    out.push(n);
    for (const c of children(n).sort((a, b) => a.range[0] - b.range[0])) visit(c);
  };
  visit(program);
  return out;
}

/** Strip TS wrappers that do not change a value: `x as T`, `x satisfies T`, `x!`, `<T>x`. */
export function unwrap(node: Node): Node {
  let n = node;
  while (n.type === "TSAsExpression" || n.type === "TSSatisfiesExpression" || n.type === "TSNonNullExpression" || n.type === "TSTypeAssertion") {
    n = n.expression;
  }
  return n;
}

/** A `const` declarator's static initialiser, for resolving identifiers in static strings. */
export type ConstLookup = (name: string) => Node | undefined;

/**
 * The compile-time string value of an expression: string literals, template literals whose
 * expressions are themselves static, and `+` chains of those; identifiers resolve through `lookup`
 * (module `const`s). Anything computed at run time yields undefined.
 */
export function staticString(node: Node, lookup?: ConstLookup, depth = 0): string | undefined {
  if (depth > 8) return undefined;
  const n = unwrap(node);
  if (n.type === "Literal") return typeof n.value === "string" ? n.value : undefined;
  if (n.type === "TemplateLiteral") {
    let s = "";
    for (let i = 0; i < n.quasis.length; i++) {
      const cooked = n.quasis[i]!.value.cooked;
      if (cooked === null || cooked === undefined) return undefined;
      s += cooked;
      const e = n.expressions[i];
      if (e) {
        const v = staticString(e, lookup, depth + 1);
        if (v === undefined) return undefined;
        s += v;
      }
    }
    return s;
  }
  if (n.type === "BinaryExpression" && n.operator === "+") {
    const l = staticString(n.left, lookup, depth + 1);
    const r = l === undefined ? undefined : staticString(n.right, lookup, depth + 1);
    return l === undefined || r === undefined ? undefined : l + r;
  }
  if (n.type === "Identifier" && lookup) {
    const init = lookup(n.name);
    return init ? staticString(init, lookup, depth + 1) : undefined;
  }
  return undefined;
}

/** A name bound to a module: `import { A as B } from "m"` binds B to m's export A. */
export interface ModuleBinding {
  readonly module: string;
  readonly kind: "named" | "default" | "namespace";
  /** Export name for `named` bindings. */
  readonly imported: string;
  readonly local: string;
}

const requireSource = (node: Node | null | undefined): string | undefined => {
  if (!node) return undefined;
  const n = unwrap(node);
  if (
    n.type === "CallExpression" &&
    n.callee.type === "Identifier" &&
    n.callee.name === "require" &&
    n.arguments.length === 1 &&
    n.arguments[0]!.type === "Literal" &&
    typeof n.arguments[0]!.value === "string"
  ) {
    return n.arguments[0]!.value;
  }
  return undefined;
};

const keyName = (key: Node, computed: boolean): string | undefined => {
  if (!computed && key.type === "Identifier") return key.name;
  if (key.type === "Literal" && typeof key.value === "string") return key.value;
  return undefined;
};

/** Module bindings of the file's top level (ESM imports, `require` destructuring and namespaces). */
export function moduleBindings(program: TSESTree.Program): Map<string, ModuleBinding> {
  const out = new Map<string, ModuleBinding>();
  for (const stmt of program.body) {
    if (stmt.type === "ImportDeclaration") {
      if (stmt.importKind === "type") continue;
      const module = String(stmt.source.value);
      for (const s of stmt.specifiers) {
        if (s.type === "ImportSpecifier") {
          if (s.importKind === "type") continue;
          const imported = s.imported.type === "Identifier" ? s.imported.name : String(s.imported.value);
          out.set(s.local.name, { module, kind: imported === "default" ? "default" : "named", imported, local: s.local.name });
        } else if (s.type === "ImportDefaultSpecifier") {
          out.set(s.local.name, { module, kind: "default", imported: "default", local: s.local.name });
        } else {
          out.set(s.local.name, { module, kind: "namespace", imported: "*", local: s.local.name });
        }
      }
    } else if (stmt.type === "TSImportEqualsDeclaration") {
      const ref = stmt.moduleReference;
      if (ref.type === "TSExternalModuleReference" && ref.expression.type === "Literal" && typeof ref.expression.value === "string") {
        out.set(stmt.id.name, { module: ref.expression.value, kind: "namespace", imported: "*", local: stmt.id.name });
      }
    } else if (stmt.type === "VariableDeclaration") {
      for (const d of stmt.declarations) {
        let module = requireSource(d.init);
        let member: string | undefined;
        if (!module && d.init) {
          // require("m").X
          const init = unwrap(d.init);
          if (init.type === "MemberExpression") {
            module = requireSource(init.object);
            member = keyName(init.property, init.computed);
            if (!member) module = undefined;
          }
        }
        if (!module) continue;
        if (d.id.type === "Identifier") {
          out.set(d.id.name, member ? { module, kind: "named", imported: member, local: d.id.name } : { module, kind: "namespace", imported: "*", local: d.id.name });
        } else if (d.id.type === "ObjectPattern" && !member) {
          for (const p of d.id.properties) {
            if (p.type !== "Property") continue;
            const imported = keyName(p.key, p.computed);
            const value = p.value.type === "AssignmentPattern" ? p.value.left : p.value;
            if (imported && value.type === "Identifier") out.set(value.name, { module, kind: "named", imported, local: value.name });
          }
        }
      }
    }
  }
  return out;
}

export interface ResolvedCallee {
  readonly module: string;
  readonly path: readonly string[];
}

/**
 * Resolve a callee expression to an export path of an imported module: `BlobServiceClient.fromConnectionString`
 * with `import { BlobServiceClient } from "@azure/storage-blob"` -> `["BlobServiceClient", "fromConnectionString"]`.
 * A default import used as an object is the namespace; called directly it is `["default"]`.
 */
export function resolveCallee(callee: Node, bindings: ReadonlyMap<string, ModuleBinding>): ResolvedCallee | undefined {
  const members: string[] = [];
  let n = unwrap(callee);
  while (n.type === "MemberExpression") {
    const name = keyName(n.property, n.computed);
    if (!name) return undefined;
    members.unshift(name);
    n = unwrap(n.object);
  }
  if (n.type !== "Identifier") return undefined;
  const b = bindings.get(n.name);
  if (!b) return undefined;
  if (b.kind === "named") return { module: b.module, path: [b.imported, ...members] };
  if (members.length === 0) return b.kind === "default" ? { module: b.module, path: ["default"] } : undefined;
  return { module: b.module, path: members };
}

/** Names bound anywhere in the file (declarations, parameters, imports, catch clauses...), with counts. */
export function bindingCounts(program: TSESTree.Program): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (name: string): void => {
    counts.set(name, (counts.get(name) ?? 0) + 1);
  };
  const pattern = (p: Node | null | undefined): void => {
    if (!p) return;
    switch (p.type) {
      case "Identifier":
        add(p.name);
        break;
      case "ObjectPattern":
        for (const prop of p.properties) pattern(prop.type === "Property" ? prop.value : prop.argument);
        break;
      case "ArrayPattern":
        for (const e of p.elements) pattern(e);
        break;
      case "AssignmentPattern":
        pattern(p.left);
        break;
      case "RestElement":
        pattern(p.argument);
        break;
      case "TSParameterProperty":
        pattern(p.parameter);
        break;
      default:
        break;
    }
  };
  for (const n of allNodes(program)) {
    switch (n.type) {
      case "VariableDeclarator":
        pattern(n.id);
        break;
      case "FunctionDeclaration":
      case "FunctionExpression":
      case "ArrowFunctionExpression":
      case "TSDeclareFunction":
        if (n.id) add(n.id.name);
        for (const p of n.params) pattern(p);
        break;
      case "ClassDeclaration":
      case "ClassExpression":
        if (n.id) add(n.id.name);
        break;
      case "ImportSpecifier":
      case "ImportDefaultSpecifier":
      case "ImportNamespaceSpecifier":
        add(n.local.name);
        break;
      case "CatchClause":
        pattern(n.param);
        break;
      case "TSEnumDeclaration":
      case "TSModuleDeclaration":
        if (n.id.type === "Identifier") add(n.id.name);
        break;
      default:
        break;
    }
  }
  return counts;
}

/** True when an Identifier node is a read of a variable (not a property name, key or declaration). */
export function isReference(id: TSESTree.Identifier, parent: Node | undefined): boolean {
  if (!parent) return false;
  switch (parent.type) {
    case "MemberExpression":
      return parent.object === id || parent.computed;
    case "Property":
      if (parent.value === id) return parent.parent?.type !== "ObjectPattern";
      return parent.computed && parent.key === id;
    case "PropertyDefinition":
    case "MethodDefinition":
    case "TSPropertySignature":
    case "TSAbstractPropertyDefinition":
    case "TSAbstractMethodDefinition":
      return parent.computed && parent.key === id;
    case "VariableDeclarator":
      return parent.init === id;
    case "ImportSpecifier":
    case "ImportDefaultSpecifier":
    case "ImportNamespaceSpecifier":
    case "ExportSpecifier":
      return parent.type === "ExportSpecifier" && parent.local === id;
    case "LabeledStatement":
    case "BreakStatement":
    case "ContinueStatement":
      return false;
    case "FunctionDeclaration":
    case "FunctionExpression":
    case "ArrowFunctionExpression":
    case "ClassDeclaration":
    case "ClassExpression":
      return false;
    case "TSQualifiedName":
    case "TSTypeReference":
      return false;
    default:
      return true;
  }
}

/** Minimal structural view of an ESLint/typescript-eslint ScopeManager (only what we call). */
export interface ScopeManagerLike {
  getDeclaredVariables(node: never): ReadonlyArray<{ references: ReadonlyArray<{ identifier: unknown; init?: boolean | null }> }>;
}

/**
 * The references (reads) of the variable a `const` declarator declares. With a scope manager the
 * answer is exact; without one, identifiers of the same name are taken, and a name declared more
 * than once in the file (shadowing possible) yields undefined: the caller then refuses to guess.
 */
export function constReferences(
  program: TSESTree.Program,
  declarator: TSESTree.VariableDeclarator,
  parents: ReadonlyMap<Node, Node>,
  scopeManager?: ScopeManagerLike,
): TSESTree.Identifier[] | undefined {
  if (declarator.id.type !== "Identifier") return undefined;
  const name = declarator.id.name;
  if (scopeManager) {
    const vars = scopeManager.getDeclaredVariables(declarator as never);
    const v = vars[0];
    if (!v) return undefined;
    return v.references.filter((r) => !r.init && (r.identifier as Node) !== declarator.id).map((r) => r.identifier as TSESTree.Identifier);
  }
  if ((bindingCounts(program).get(name) ?? 0) !== 1) return undefined;
  const refs: TSESTree.Identifier[] = [];
  for (const n of allNodes(program)) {
    if (n.type === "Identifier" && n.name === name && n !== declarator.id && isReference(n, parents.get(n))) refs.push(n);
  }
  return refs;
}

/** The `const` declarator of a top-level or nested declaration named `name`, when it is unique. */
export function constLookup(program: TSESTree.Program): ConstLookup {
  const counts = bindingCounts(program);
  const inits = new Map<string, Node>();
  for (const n of allNodes(program)) {
    if (n.type === "VariableDeclaration" && n.kind === "const") {
      for (const d of n.declarations) if (d.id.type === "Identifier" && d.init) inits.set(d.id.name, d.init);
    }
  }
  return (name) => ((counts.get(name) ?? 0) === 1 ? inits.get(name) : undefined);
}

/** Object-literal property by static key name. */
export function findProperty(obj: TSESTree.ObjectExpression, name: string): TSESTree.Property | undefined {
  for (const p of obj.properties) {
    if (p.type === "Property" && keyName(p.key, p.computed) === name) return p;
  }
  return undefined;
}

export const propertyKey = (p: TSESTree.Property): string | undefined => keyName(p.key, p.computed);
