import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';

export type Weight = 'regular' | 'bold' | 'black';
export type Role = string;

export interface RoleEntry {
  description?: string;
  weights: Partial<Record<Weight, string>>;
  fallback?: Role[];
}
export interface Registry {
  roles: Record<Role, RoleEntry>;
  /** Folder the relative paths of this registry are resolved from. */
  base: string;
}

/** The project root: the folder holding dist/ (compiled: dist/src/fonts, or the dist/bundle chunks), else two levels above src/fonts. */
export const PROJECT_ROOT = projectRoot(fileURLToPath(import.meta.url));

function projectRoot(here: string): string {
  const dist = here.lastIndexOf(`${sep}dist${sep}`);
  return dist >= 0 ? here.slice(0, dist) : resolve(dirname(here), '../..');
}
export const DEFAULT_REGISTRY = resolve(PROJECT_ROOT, 'fonts/registry.json');

export function loadRegistry(path = DEFAULT_REGISTRY): Registry {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new InputError(`font registry ${path}: ${(e as Error).message}`);
  }
  const roles = (data as { roles?: unknown }).roles;
  if (!roles || typeof roles !== 'object') throw new InputError(`font registry ${path}: expected an object "roles"`);
  return { roles: roles as Record<Role, RoleEntry>, base: dirname(path) };
}

/** Where a registry path points: a file next to the registry, or a file inside an npm package. */
export function resolveFontPath(registry: Registry, spec: string): string {
  if (isAbsolute(spec)) return spec;
  const local = resolve(registry.base, spec);
  if (spec.startsWith('.') || existsSync(local)) return local;
  try {
    return createRequire(resolve(registry.base, 'package.json')).resolve(spec);
  } catch {
    return resolve(PROJECT_ROOT, 'node_modules', spec);
  }
}

/** The font file of a role and weight (the role's regular when it has no such weight). */
export function faceFile(registry: Registry, role: Role, weight: Weight): string {
  const entry = registry.roles[role];
  if (!entry) throw new InputError(`font role "${role}" is not in the font registry (roles: ${Object.keys(registry.roles).join(', ')})`);
  const spec = entry.weights[weight] ?? entry.weights.regular;
  if (!spec) throw new InputError(`font role "${role}" has no "${weight}" or "regular" weight in the font registry`);
  return resolveFontPath(registry, spec);
}
