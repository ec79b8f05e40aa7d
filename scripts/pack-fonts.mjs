#!/usr/bin/env node
/**
 * The font files banmian's registry names, put into the package (prepack) and taken out again
 * (postpack, `--clean`). The repository installs the font packages as devDependencies (all nine
 * weights of each family, 260 MB); the published package carries only the files the registry uses,
 * copied byte for byte from those packages at the versions package-lock.json pins, at the registry
 * path under fonts/ (where src/fonts/registry.ts looks first). Licences: fonts/OFL*.txt.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fonts = join(root, 'fonts');
const registry = JSON.parse(readFileSync(join(fonts, 'registry.json'), 'utf8'));
const specs = Object.values(registry.roles).flatMap((r) => Object.values(r.weights)).filter((p) => !p.startsWith('.') && !p.startsWith('/'));
const packages = [...new Set(specs.map((s) => s.split('/').slice(0, s.startsWith('@') ? 2 : 1).join('/')))];

if (process.argv.includes('--clean')) {
  for (const p of packages) rmSync(join(fonts, p.split('/')[0].startsWith('@') ? p.split('/')[0] : p), { recursive: true, force: true });
  process.exit(0);
}
const require = createRequire(join(root, 'package.json'));
let bytes = 0;
for (const spec of specs) {
  const from = require.resolve(spec);
  const to = join(fonts, spec);
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
  bytes += readFileSync(to).length;
}
// Each font package's licence goes along with its files.
for (const p of packages) {
  const dir = dirname(require.resolve(`${p}/package.json`));
  for (const name of ['LICENSE', 'LICENSE_FONT', 'LICENSE.txt', 'OFL.txt']) if (existsSync(join(dir, name))) copyFileSync(join(dir, name), join(fonts, p, name));
}
console.log(`pack-fonts: ${specs.length} font files (${(bytes / 2 ** 20).toFixed(1)} MiB) from ${packages.join(', ')} into fonts/`);
