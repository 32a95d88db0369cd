// Types of scripts/samples.mjs for the TypeScript tests (test/samples) that render and run the samples.
export interface CodeSample {
  lang: string;
  label: string;
  source: string;
}
export interface Language {
  label: string;
  lang: string;
}
/** The package the TypeScript sample imports `createKirimClient` from. */
export declare const CLIENT_PACKAGE: string;
export declare const PRODUCTION_SERVER: string;
/** The well-formed placeholder key the samples send; the intro tells readers to replace it. */
export declare const SAMPLE_API_KEY: string;
export declare const LANGUAGES: readonly Language[];
export declare function renderSamples(document: unknown, options?: { serverUrl?: string; apiKey?: string }): Map<string, CodeSample[]>;
export declare function addCodeSamples(document: unknown): { document: unknown; summary: string };
