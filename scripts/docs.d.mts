// Types of scripts/docs.mjs for the tests.
export declare const REMOTE_LOGOS: ReadonlyMap<string, string>;
export declare function offlineLogos(html: string): string;
export declare function buildDocs(options: { bundlePath: string; outFile: string }): Promise<{ html: Buffer; summary: string }>;
