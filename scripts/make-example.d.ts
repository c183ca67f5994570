// Types for scripts/make-example.js (plain JS so that `npm run demo` needs no TypeScript loader).
export declare const FAKES: Readonly<Record<string, () => string>>;
export declare function fake(name: string): string;
export declare const TOKEN: RegExp;
export declare function fillTemplate(text: string): string;
export declare function renderTemplateDir(from: string, to: string): void;
