import { createRequire } from 'node:module';

/**
 * pdf.js and pdf-lib are development dependencies: an installed package holds them only as
 * dist/bundle/pdfjs.cjs and dist/bundle/pdflib.cjs (scripts/bundle.mjs), 4 MB where their packages
 * install 74 MB. `load` imports the package where it is installed (a clone), else `bundle`, found
 * beside this module's folder: dist/src/vendored.js and the command line's bundle
 * (dist/bundle/main.cjs) both reach it as ../bundle/<name>.
 */
export async function importVendored<T>(load: () => Promise<T>, bundle: string): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if ((e as NodeJS.ErrnoException)?.code !== 'ERR_MODULE_NOT_FOUND') throw e;
    try {
      return createRequire(import.meta.url)(`../bundle/${bundle}`) as T;
    } catch {
      throw e;
    }
  }
}
