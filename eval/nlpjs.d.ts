// Minimal types for the parts of nlp.js the comparison uses (the packages ship none).
declare module '@nlpjs/core' {
  export function containerBootstrap(
    settings?: object,
  ): Promise<{ use(plugin: unknown): void; get(name: string): unknown }>;
}
declare module '@nlpjs/nlp' {
  export const Nlp: unknown;
}
declare module '@nlpjs/lang-id' {
  export const LangId: unknown;
}
declare module '@nlpjs/lang-en-min' {
  export const LangEn: unknown;
}
