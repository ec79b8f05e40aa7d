import { InputError } from '../errors.js';
import { args } from './options.js';
import { z } from 'zod';
import { LayoutFile } from '../model/schema.js';

export function layoutJsonSchema(): object {
  return { ...z.toJSONSchema(LayoutFile, { io: 'input', unrepresentable: 'any' }), title: 'banmian layout', $id: 'https://banmian.dev/schema/layout.json' };
}

export function schemaCommand(argv: string[] = []): number {
  const { positionals } = args(argv, {}, 'schema');
  if (positionals.length) throw new InputError(`schema takes no arguments, got "${positionals[0]}" (banmian schema > layouts/schema.json)`);
  process.stdout.write(JSON.stringify(layoutJsonSchema(), null, 2) + '\n');
  return 0;
}
