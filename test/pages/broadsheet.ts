/**
 * A broadsheet page (对开, 390 × 540 mm, type area 350 × 500 mm): six articles. The lead has a
 * vertical headline at its right edge, two subheads, a photo with caption and a boxed, tinted
 * sidebar; the others have kicker / main / subtitle groups in different faces (one main headline on
 * two lines), bylines inline or on their own line, bodies in 2–4 columns of different widths, two
 * more photos; rules between the articles, a page header and a slogan strip. As in many typesetting
 * systems' output, the content stream holds the bodies first and the headlines at the end.
 */
import { Writer } from './prose.js';
import { box, face, MM, partGeometry, Sheet, type BodyStyle } from './sheet.js';

export async function broadsheetPage(seed: number) {
  const w = new Writer(seed);
  const W = 390 * MM;
  const H = 540 * MM;
  const M = 20 * MM;
  const area = box(M, M, W - 2 * M, H - 2 * M);
  const s = new Sheet('broadsheet-daily', 'Broadsheet daily page (390 × 540 mm): six articles, vertical headline, subheads, boxed sidebar, three photos, rules, header and slogan strip', seed, W, H, area, 'headlines-last', true);
  const X = (x: number) => area.x + x;
  const Y = (y: number) => area.y + y;
  const R = area.w;

  const body = (size: number, leading: number): BodyStyle => ({ face: face('serif', 400, size), leading, bylineFace: face('sans', 500, size), subheadFace: face('sans', 700, size + 2), subheadRows: 2 });
  const body9 = body(9, 4.5);
  const lead = body(9.5, 5);
  const captionFace = face('serif', 300, 8.5);

  // Page header: name, date and page, editors; the section name on the right; a thick and a thin rule.
  const nameFace = face('serif', 900, 30);
  const sectionFace = face('sans', 900, 26);
  const infoFace = face('sans', 400, 10);
  const editorsFace = face('sans', 300, 9);
  const date = w.pageDate();
  const editors = `责任编辑 ${w.person()}\u3000美术编辑 ${w.person()}\u3000校对 ${w.person()}`;
  s.text(X(0), Y(0), nameFace, '青禾日报');
  s.text(X(170), Y(2), infoFace, date);
  s.text(X(170), Y(2 + 16), infoFace, '第3版');
  s.text(X(170), Y(2 + 32), editorsFace, editors);
  const sectionW = s.widthOf(sectionFace, '综合新闻');
  s.text(X(R - sectionW), Y(4), sectionFace, '综合新闻');
  s.push({ id: 'header', kind: 'page-header', box: box(X(0), Y(0), R, 43), parts: ['青禾日报', date, '第3版', editors, '综合新闻'] });
  s.rule(X(0), Y(48), X(R), Y(48), 2.5);
  s.rule(X(0), Y(52), X(R), Y(52), 0.6);

  // The lead: body in four columns left, photo and two columns in the middle, vertical headline and sidebar right.
  const t1 = w.article('renewal');
  const leadTop = Y(64);
  const partA = { x: X(0), y: leadTop, w: 532, h: 500, columns: 4, minGutter: 12 };
  const leadBottom = partGeometry(partA, lead).box.y + partGeometry(partA, lead).box.h;
  const vh = s.verticalHeadline('a1-head', 'a1', X(R), leadTop, t1.vertical[0], face('serif', 900, 36), [face('sans', 500, 15), t1.verticalSubtitles[0]]);
  const photo1 = box(X(546), leadTop, 300, 210);
  await s.photo('photo1', 'street', photo1, 'rgb', 'a1');
  const cap1H = s.captionHeight(captionFace, 3, photo1.w, t1.captions[0].text, t1.captions[0].credit);
  const partBTop = photo1.y + photo1.h + 6 + cap1H + 10;
  s.article({
    id: 'a1',
    style: lead,
    byline: t1.byline,
    leads: t1.leads,
    pool: t1.pool,
    subheads: [
      { text: t1.subheads[0], part: 0 },
      { text: t1.subheads[2], part: 0 },
    ],
    parts: [partA, { x: photo1.x, y: partBTop, w: 300, h: leadBottom - partBTop, columns: 2, minGutter: 12, alignBottom: true }],
  });
  s.caption('photo1-caption', 'photo1', 'a1', captionFace, 3, box(photo1.x, photo1.y + photo1.h + 6, photo1.w, 0), t1.captions[0].text, t1.captions[0].credit);
  const sb = w.sidebar('renewal', 0);
  const sideX = X(862);
  const sideTop = vh.y + vh.h + 16;
  s.sidebar('a1-sidebar', 'a1', { x: sideX, y: sideTop, w: X(R) - sideX, h: leadBottom - sideTop }, 8, [face('sans', 700, 12), sb.title], { face: face('sans', 400, 8.5), leading: 4, bylineFace: face('sans', 500, 8.5), subheadFace: face('sans', 700, 9), subheadRows: 2, indent: 0 }, sb.items, { stroke: 0.75, fill: 0.9 });
  s.rule(X(0), leadBottom + 9, X(R), leadBottom + 9, 0.75);

  // Second row: three articles between vertical rules, bottoms aligned.
  const rowTop = leadBottom + 20;
  const rowBottom = rowTop + 420;
  // Article 2: kicker, a main headline on two lines, subtitle; three columns.
  const t2 = w.article('industry');
  const w2 = 3 * 14 * 9 + 2 * 13;
  const g2 = s.headlineGroup(
    'a2-head',
    'a2',
    { x: X(0), y: rowTop, w: w2 },
    { kicker: [face('sans', 400, 13), t2.kickers[0]], main: [face('serif', 900, 26), t2.twoLineMains[0]], subtitle: [face('sans', 400, 12), t2.subtitles[0]] },
    'center',
    6,
  );
  s.article({ id: 'a2', style: body9, byline: t2.byline, leads: t2.leads, pool: t2.pool, parts: [{ x: X(0), y: g2.y + g2.h + 12, w: w2, h: rowBottom - (g2.y + g2.h + 12), columns: 3, minGutter: 12, alignBottom: true }] });
  s.rule(X(w2 + 10), rowTop, X(w2 + 10), rowBottom, 0.5);

  // Article 3: one-line main headline, byline on its own line, photo, two columns.
  const t3 = w.article('farming');
  const x3 = w2 + 20;
  const w3 = 2 * 14 * 9 + 13;
  const mf3 = face('sans', 700, 22);
  const g3 = s.headlineGroup('a3-head', 'a3', { x: X(x3), y: rowTop, w: w3 }, { main: [mf3, [s.fitting(mf3, t3.mains, w3)]] }, 'center', 0);
  const photo2 = box(X(x3), g3.y + g3.h + 10, w3, 160);
  await s.photo('photo2', 'field', photo2, 'rgb', 'a3');
  const cap2 = s.caption('photo2-caption', 'photo2', 'a3', captionFace, 3, box(photo2.x, photo2.y + photo2.h + 5, photo2.w, 0), t3.captions[0].text, t3.captions[0].credit);
  // The caption is pushed before the article: move it after (reading order: headline, body, caption).
  const capBlock = s.blocks.pop()!;
  const top3 = cap2.y + cap2.h + 10;
  s.article({ id: 'a3', style: body9, byline: `本报记者 ${w.person()} 通讯员 ${w.person()}`, bylineAlone: true, leads: t3.leads, pool: t3.pool, parts: [{ x: X(x3), y: top3, w: w3, h: rowBottom - top3, columns: 2, minGutter: 12, alignBottom: true }] });
  s.push(capBlock);
  s.rule(X(x3 + w3 + 10), rowTop, X(x3 + w3 + 10), rowBottom, 0.5);

  // Article 4: kicker over a heavy main headline, two columns.
  const t4 = w.article('elderly');
  const x4 = x3 + w3 + 20;
  const w4 = R - x4;
  const kf4 = face('serif', 700, 12);
  const mf4 = face('sans', 900, 24);
  const g4 = s.headlineGroup('a4-head', 'a4', { x: X(x4), y: rowTop, w: w4 }, { kicker: [kf4, s.fitting(kf4, t4.kickers, w4)], main: [mf4, [s.fitting(mf4, t4.mains, w4)]] }, 'center', 6);
  s.article({ id: 'a4', style: body9, byline: t4.byline, leads: t4.leads, pool: t4.pool, parts: [{ x: X(x4), y: g4.y + g4.h + 12, w: w4, h: rowBottom - (g4.y + g4.h + 12), columns: 2, minGutter: 12, alignBottom: true }] });
  s.rule(X(0), rowBottom + 9, X(R), rowBottom + 9, 0.75);

  // Third row: a four-column article with a subhead, and an article under a gray photo.
  const row3Top = rowBottom + 20;
  const row3Bottom = Y(area.h - 44);
  const t5 = w.article('river');
  const w5 = 4 * 16 * 9 + 3 * 13;
  const mf5 = face('serif', 900, 28);
  const g5 = s.headlineGroup('a5-head', 'a5', { x: X(0), y: row3Top, w: w5 }, { main: [mf5, [s.fitting(mf5, t5.mains, w5)]], subtitle: [face('sans', 400, 12), t5.subtitles[0]] }, 'start', 7);
  s.article({
    id: 'a5',
    style: body9,
    byline: t5.byline,
    leads: t5.leads,
    pool: t5.pool,
    subheads: [{ text: t5.subheads[0], part: 0 }],
    parts: [{ x: X(0), y: g5.y + g5.h + 12, w: w5, h: row3Bottom - (g5.y + g5.h + 12), columns: 4, minGutter: 12, alignBottom: true }],
  });
  s.rule(X(w5 + 10), row3Top, X(w5 + 10), row3Bottom, 0.5);
  const t6 = w.article('culture');
  const x6 = w5 + 20;
  const w6 = R - x6;
  const mf6 = face('sans', 700, 20);
  const g6 = s.headlineGroup('a6-head', 'a6', { x: X(x6), y: row3Top, w: w6 }, { main: [mf6, [s.fitting(mf6, t6.mains, w6)]] }, 'center', 0);
  const photo3 = box(X(x6), g6.y + g6.h + 10, w6, 170);
  await s.photo('photo3', 'library', photo3, 'gray', 'a6');
  const cap3 = s.caption('photo3-caption', 'photo3', 'a6', captionFace, 3, box(photo3.x, photo3.y + photo3.h + 5, photo3.w, 0), t6.captions[0].text, t6.captions[0].credit);
  const cap3Block = s.blocks.pop()!;
  const top6 = cap3.y + cap3.h + 10;
  s.article({ id: 'a6', style: body9, byline: t6.byline, leads: t6.leads, pool: t6.pool, parts: [{ x: X(x6), y: top6, w: w6, h: row3Bottom - top6, columns: 2, minGutter: 12, alignBottom: true }] });
  s.push(cap3Block);

  // Slogan strip across the foot of the page.
  const strip = box(X(0), row3Bottom + 12, R, 30);
  const sloganFace = face('sans', 700, 13);
  const slogan = w.slogan();
  s.panel(strip, 0.82, null, 'slogan');
  const sw = s.widthOf(sloganFace, slogan);
  const sx = strip.x + (strip.w - sw) / 2;
  const sy = strip.y + (strip.h - sloganFace.size) / 2;
  s.text(sx, sy, sloganFace, slogan);
  s.push({ id: 'slogan', kind: 'slogan', box: box(sx, sy, sw, sloganFace.size), text: slogan });
  return s.build();
}
