import { z } from 'zod';
import { LayoutFile } from '../model/schema.js';

export function layoutJsonSchema(): object {
  return { ...z.toJSONSchema(LayoutFile, { io: 'input', unrepresentable: 'any' }), title: 'banmian layout', $id: 'https://banmian.dev/schema/layout.json' };
}

export function schemaCommand(): number {
  process.stdout.write(JSON.stringify(layoutJsonSchema(), null, 2) + '\n');
  return 0;
}
