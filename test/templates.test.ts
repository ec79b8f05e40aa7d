import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadLayout, renderPage } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'banmian-templates-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

test('a layout extending a template in another folder: the template’s photos resolve against the template', async () => {
  mkdirSync(join(dir, 'templates', 'images'), { recursive: true });
  mkdirSync(join(dir, 'days', '2020-07-07'), { recursive: true });
  await sharp({ create: { width: 300, height: 200, channels: 3, background: '#406080' } }).jpeg().toFile(join(dir, 'templates', 'images', 'masthead.jpg'));
  writeFileSync(join(dir, 'days', '2020-07-07', 'page.txt'), '本报讯 开发区召开大会，部署下半年工作。\n');
  writeFileSync(
    join(dir, 'templates', 'page.json'),
    JSON.stringify({
      page: { size: { width: '120mm', height: '100mm' }, margins: 0 },
      regions: [
        { kind: 'photo', id: 'masthead', x: '10mm', y: '5mm', width: '60mm', height: '20mm', image: 'images/masthead.jpg' },
        { kind: 'group', id: 'side', x: '80mm', y: '5mm', width: '30mm', height: '40mm', children: [{ kind: 'photo', id: 'logo', height: '20mm', image: 'images/masthead.jpg' }] },
        { kind: 'article', id: 'story', x: '10mm', y: '30mm', width: '60mm', height: '40mm', content: { prefix: '本报讯' }, headline: false },
      ],
    }),
  );
  const child = join(dir, 'days', '2020-07-07', 'page.json');
  writeFileSync(child, JSON.stringify({ extends: '../../templates/page.json', text: 'page.txt' }));
  const layout = loadLayout(child, { root: dir });
  const images = layout.inputs.filter((i) => i.kind === 'image').map((i) => i.path);
  assert.equal(images, [join(dir, 'templates', 'images', 'masthead.jpg'), join(dir, 'templates', 'images', 'masthead.jpg')]);
  const page = await renderPage(child, { root: dir });
  assert.is(page.report.preflight!.images.length, 2, 'both photos drawn');
  // A photo the child gives itself resolves against the child.
  mkdirSync(join(dir, 'days', '2020-07-07', 'images'));
  await sharp({ create: { width: 300, height: 200, channels: 3, background: '#804060' } }).jpeg().toFile(join(dir, 'days', '2020-07-07', 'images', 'today.jpg'));
  writeFileSync(child, JSON.stringify({ extends: '../../templates/page.json', text: 'page.txt', overrides: { masthead: { image: 'images/today.jpg' } } }));
  assert.is(loadLayout(child, { root: dir }).inputs.filter((i) => i.kind === 'image')[0].path, join(dir, 'days', '2020-07-07', 'images', 'today.jpg'));
});

test.run();
