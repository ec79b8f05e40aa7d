import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';

export type Weight = 'regular' | 'bold' | 'black';
export type Role = string;

/** The roles banmian's styles and the PDF-font mapping speak of: 宋体, 黑体, 楷体, 仿宋. */
export const ROLES = ['song', 'hei', 'kai', 'fangsong'] as const;
export type KnownRole = (typeof ROLES)[number];

/** The role that stands in when a role and its fallbacks have no face: every newspaper's body face. */
export const LAST_RESORT: KnownRole = 'song';

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
  for (const [role, entry] of Object.entries(roles as Record<string, unknown>)) {
    const weights = (entry as { weights?: unknown } | null)?.weights;
    if (!weights || typeof weights !== 'object') throw new InputError(`font registry ${path}: roles.${role}: expected an object "weights" (it may be empty)`);
  }
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

/** The weights a request may be served by, heaviest first: a role without black sets black in its bold. */
const WEIGHT_ORDER: Record<Weight, Weight[]> = { regular: ['regular'], bold: ['bold', 'regular'], black: ['black', 'bold', 'regular'] };

/** A role's file for a weight, or why it has none (the role's fallbacks then stand in). */
export type FaceSource = { path: string; weight: Weight } | { absent: string };

/**
 * The file of a role and weight: the weight's own, else the next lighter one the role has. A role
 * with no file, or whose file is not on disk, is `absent` with the reason; a role the registry does
 * not know is a mistake in the layout (InputError).
 */
export function faceSource(registry: Registry, role: Role, weight: Weight): FaceSource {
  const entry = registry.roles[role];
  if (!entry) throw new InputError(`font role "${role}" is not in the font registry (roles: ${Object.keys(registry.roles).join(', ')})`);
  const served = WEIGHT_ORDER[weight].find((w) => entry.weights[w]);
  if (!served) return { absent: `the font registry names no ${weight === 'regular' ? 'regular' : `${weight} or lighter`} face for "${role}"` };
  const path = resolveFontPath(registry, entry.weights[served]!);
  if (!existsSync(path)) return { absent: `its font file is not installed (${path}; run npm install)` };
  return { path, weight: served };
}

/** The font file of a role and weight (see faceSource); throws InputError when it has none. */
export function faceFile(registry: Registry, role: Role, weight: Weight): string {
  const source = faceSource(registry, role, weight);
  if ('absent' in source) throw new InputError(`font role "${role}" (${weight}): ${source.absent}`);
  return source.path;
}
