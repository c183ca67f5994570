/**
 * Small ESTree helpers shared by the rules: import tracking (which local names are bound to which
 * module export), constant resolution and property lookup. No detection logic lives here.
 */
import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from "@typescript-eslint/utils";

/** What a local name is bound to: `module` plus the export path it stands for. */
export interface ImportBinding {
  readonly module: string;
  /** `[]` for a namespace (`import * as m`, `const m = require("m")`), `["X"]` for a named import. */
  readonly path: readonly string[];
  /** A default import: used as an object it is the namespace, called directly it is `["default"]`. */
  readonly isDefault: boolean;
}

type SourceCode = Readonly<TSESLint.SourceCode>;

/** The module name of `require("m")`, `require("m").X` (with the member names), else undefined. */
export function requireCall(node: TSESTree.Node | null | undefined): { module: string; members: string[] } | undefined {
  const members: string[] = [];
  let n = node;
  while (n && n.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(n);
    if (name === undefined) return undefined;
    members.unshift(name);
    n = n.object;
  }
  if (
    n &&
    n.type === AST_NODE_TYPES.CallExpression &&
    n.callee.type === AST_NODE_TYPES.Identifier &&
    n.callee.name === "require" &&
    n.arguments.length === 1 &&
    n.arguments[0]?.type === AST_NODE_TYPES.Literal &&
    typeof n.arguments[0].value === "string"
  ) {
    return { module: n.arguments[0].value, members };
  }
  return undefined;
}

/**
 * Records import bindings of the modules `wanted` accepts, keyed by the declaring node so that a
 * shadowing local variable of the same name is not mistaken for the import.
 */
export class ImportTracker {
  readonly #byDef = new Map<TSESTree.Node, Map<string, ImportBinding>>();
  readonly #wanted: (module: string) => boolean;
  readonly #sourceCode: SourceCode;

  constructor(sourceCode: SourceCode, wanted: (module: string) => boolean) {
    this.#sourceCode = sourceCode;
    this.#wanted = wanted;
  }

  get empty(): boolean {
    return this.#byDef.size === 0;
  }

  #add(def: TSESTree.Node, local: string, binding: ImportBinding): void {
    let map = this.#byDef.get(def);
    if (!map) this.#byDef.set(def, (map = new Map()));
    map.set(local, binding);
  }

  /** Listeners to merge into a rule's visitor. */
  listeners(): TSESLint.RuleListener {
    return {
      ImportDeclaration: (node) => {
        const module = String(node.source.value);
        if (!this.#wanted(module)) return;
        for (const s of node.specifiers) {
          if (s.type === AST_NODE_TYPES.ImportNamespaceSpecifier) this.#add(s, s.local.name, { module, path: [], isDefault: false });
          else if (s.type === AST_NODE_TYPES.ImportDefaultSpecifier) this.#add(s, s.local.name, { module, path: [], isDefault: true });
          else {
            const imported = s.imported.type === AST_NODE_TYPES.Identifier ? s.imported.name : String(s.imported.value);
            this.#add(s, s.local.name, imported === "default" ? { module, path: [], isDefault: true } : { module, path: [imported], isDefault: false });
          }
        }
      },
      TSImportEqualsDeclaration: (node) => {
        const ref = node.moduleReference;
        if (ref.type !== AST_NODE_TYPES.TSExternalModuleReference || ref.expression.type !== AST_NODE_TYPES.Literal) return;
        const module = String(ref.expression.value);
        if (this.#wanted(module)) this.#add(node, node.id.name, { module, path: [], isDefault: false });
      },
      VariableDeclarator: (node) => {
        const req = requireCall(node.init);
        if (!req || !this.#wanted(req.module)) return;
        const { module, members } = req;
        if (node.id.type === AST_NODE_TYPES.Identifier) {
          this.#add(node, node.id.name, { module, path: members, isDefault: false });
          return;
        }
        if (node.id.type !== AST_NODE_TYPES.ObjectPattern) return;
        for (const p of node.id.properties) {
          if (p.type !== AST_NODE_TYPES.Property) continue;
          const key = propertyName(p);
          const value = p.value.type === AST_NODE_TYPES.AssignmentPattern ? p.value.left : p.value;
          if (key && value.type === AST_NODE_TYPES.Identifier) this.#add(node, value.name, { module, path: [...members, key], isDefault: false });
        }
      },
    };
  }

  /** The binding of an identifier, if it refers to a tracked import (not a shadowing local). */
  bindingOf(id: TSESTree.Identifier): ImportBinding | undefined {
    if (this.empty) return undefined;
    const variable = ASTUtils.findVariable(this.#sourceCode.getScope(id), id.name);
    for (const def of variable?.defs ?? []) {
      const binding = this.#byDef.get(def.node)?.get(id.name);
      if (binding) return binding;
    }
    return undefined;
  }

  /**
   * Resolve a callee to the module export it reaches: `blob.BlobServiceClient.fromConnectionString`
   * -> `{ module: "@azure/storage-blob", path: ["BlobServiceClient", "fromConnectionString"] }`.
   */
  resolve(callee: TSESTree.Node): { module: string; path: string[] } | undefined {
    const members: string[] = [];
    let n: TSESTree.Node = callee;
    for (;;) {
      if (n.type === AST_NODE_TYPES.MemberExpression) {
        const name = memberName(n);
        if (name === undefined) return undefined;
        members.unshift(name);
        n = n.object;
      } else if (n.type === AST_NODE_TYPES.TSNonNullExpression || n.type === AST_NODE_TYPES.TSAsExpression) {
        n = n.expression;
      } else break;
    }
    if (n.type !== AST_NODE_TYPES.Identifier) return undefined;
    const binding = this.bindingOf(n);
    if (!binding) return undefined;
    if (binding.isDefault && members.length === 0) return { module: binding.module, path: ["default"] };
    return { module: binding.module, path: [...binding.path, ...members] };
  }
}

export function memberName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed && node.property.type === AST_NODE_TYPES.Identifier) return node.property.name;
  if (node.computed && node.property.type === AST_NODE_TYPES.Literal && typeof node.property.value === "string") {
    return node.property.value;
  }
  return undefined;
}

export function propertyName(p: TSESTree.Property): string | undefined {
  if (!p.computed && p.key.type === AST_NODE_TYPES.Identifier) return p.key.name;
  if (p.key.type === AST_NODE_TYPES.Literal && (typeof p.key.value === "string" || typeof p.key.value === "number")) return String(p.key.value);
  return undefined;
}

export function isProcessEnv(node: TSESTree.Node | null | undefined): boolean {
  return (
    !!node &&
    node.type === AST_NODE_TYPES.MemberExpression &&
    node.object.type === AST_NODE_TYPES.Identifier &&
    node.object.name === "process" &&
    memberName(node) === "env"
  );
}

/**
 * The initializer of a `const`-like identifier (one definition, never reassigned), looking through
 * TypeScript `as`/`!`/`satisfies` wrappers; undefined when it cannot be known statically.
 */
export function constInitializer(sourceCode: SourceCode, id: TSESTree.Identifier): TSESTree.Expression | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(id), id.name);
  const def = variable?.defs[0];
  if (!variable || !def || variable.defs.length !== 1) return undefined;
  if (variable.references.some((r) => r.isWrite() && !r.init)) return undefined;
  if (def.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  return def.node.init ? unwrap(def.node.init) : undefined;
}

export function unwrap(node: TSESTree.Expression): TSESTree.Expression {
  let n = node;
  while (
    n.type === AST_NODE_TYPES.TSAsExpression ||
    n.type === AST_NODE_TYPES.TSNonNullExpression ||
    n.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    n.type === AST_NODE_TYPES.TSTypeAssertion
  ) {
    n = n.expression;
  }
  return n;
}

/** Follow identifiers to their constant initializers (bounded), unwrapping TS wrappers. */
export function resolveValue(sourceCode: SourceCode, node: TSESTree.Node | undefined, depth = 0): TSESTree.Node | undefined {
  if (!node || depth > 5) return node;
  const n = node.type === AST_NODE_TYPES.SpreadElement ? node : unwrap(node as TSESTree.Expression);
  if (n.type === AST_NODE_TYPES.Identifier) {
    const init = constInitializer(sourceCode, n);
    return init ? resolveValue(sourceCode, init, depth + 1) : n;
  }
  return n;
}

/**
 * The value of a property path in an object literal (following constant identifiers), or
 * "unknown" when a spread or a non-literal object hides it, or undefined when it is absent.
 */
export function propertyAt(
  sourceCode: SourceCode,
  node: TSESTree.Node | undefined,
  path: readonly string[],
): { property: TSESTree.Property; value: TSESTree.Node } | "unknown" | undefined {
  const obj = resolveValue(sourceCode, node);
  if (!obj || obj.type !== AST_NODE_TYPES.ObjectExpression) return "unknown";
  const [head, ...rest] = path;
  let found: TSESTree.Property | undefined;
  let spread = false;
  for (const p of obj.properties) {
    if (p.type === AST_NODE_TYPES.SpreadElement) {
      spread = true;
      continue;
    }
    if (propertyName(p) === head) found = p;
  }
  if (!found) return spread ? "unknown" : undefined;
  if (rest.length === 0) return { property: found, value: found.value };
  return propertyAt(sourceCode, found.value, rest);
}
