// Types of dev-build.js (plain JavaScript, so that it runs before anything is compiled) for the TypeScript
// that imports it: its unit test.
export declare const ROOT: string;
export declare const SOURCE_DIRS: string[];
export declare const DEV_DIST: string;
export interface DevBuildResult {
  compiled: number;
  removed: number;
  total: number;
  ms: number;
}
export declare function ensureDevBuild(options?: { root?: string; outDir?: string }): Promise<DevBuildResult>;
