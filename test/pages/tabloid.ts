/**
 * A tabloid page (四开, 270 × 390 mm) on another grid: a reversed section bar in the header, a lead
 * across the page whose body runs through three column blocks (the last one further down the page,
 * after other articles), two articles in the middle, a short-news (简讯) section of small items under
 * a black bar, a footer imprint line. Body 9.5 pt, no extra space between Chinese and Latin
 * (cjk-latin-spacing: none), justified with Typst's punctuation compression.
 */
import { Writer } from './prose.js';
import { box, face, MM, partGeometry, Sheet, type BodyStyle } from './sheet.js';

export async function tabloidPage(seed: number) {
  const w = new Writer(seed);
  const W = 270 * MM;
  const H = 390 * MM;
  const M = 15 * MM;
  const area = box(M, M, W - 2 * M, H - 2 * M);
  const s = new Sheet('tabloid-evening', 'Tabloid evening paper page (270 × 390 mm): lead continued in a later column block, two articles, short news under a bar, two photos', seed, W, H, area, 'reading', false);
  const X = (x: number) => area.x + x;
  const Y = (y: number) => area.y + y;
  const R = area.w;

  const body: BodyStyle = { face: face('serif', 400, 9.5), leading: 5.5, bylineFace: face('serif', 700, 9.5), subheadFace: face('sans', 700, 11), subheadRows: 2 };
  const briefStyle: BodyStyle = { face: face('serif', 400, 9), leading: 4.5, bylineFace: face('sans', 700, 9), subheadFace: face('sans', 700, 10), subheadRows: 2 };
  const captionFace = face('sans', 300, 8.5);

  // Header: a black bar with the section name reversed, the paper's name, date and page on the right.
  const barFace = face('sans', 900, 16);
  const section = '东河·民生';
  const barW = s.widthOf(barFace, section) + 24;
  s.panel(box(X(0), Y(0), barW, 26), 0, null, 'header');
  s.text(X(12), Y(5), barFace, section, { fill: 'white' });
  const nameFace = face('serif', 900, 15);
  const infoFace = face('sans', 400, 9);
  const info = `${w.pageDate()}\u3000第5版\u3000责任编辑 ${w.person()}`;
  const nameW = s.widthOf(nameFace, '东河晚报');
  const infoW = s.widthOf(infoFace, info);
  s.text(X(R - nameW), Y(0), nameFace, '东河晚报');
  s.text(X(R - infoW), Y(17), infoFace, info);
  s.push({ id: 'header', kind: 'page-header', box: box(X(0), Y(0), R, 26), parts: [section, '东河晚报', ...info.split('\u3000')] });
  s.rule(X(0), Y(31), X(R), Y(31), 1.5);

  // The lead: headline group across the page; body in three columns left, photo right with two
  // columns under it; the article goes on in a column block at the foot of the page.
  const t1 = w.article('river');
  const g1 = s.headlineGroup(
    'a1-head',
    'a1',
    { x: X(0), y: Y(42), w: R },
    { kicker: [face('sans', 400, 14), t1.kickers[0]], main: [face('serif', 900, 34), [s.fitting(face('serif', 900, 34), t1.mains, R)]], subtitle: [face('sans', 400, 13), t1.subtitles[0]] },
    'center',
    7,
  );
  const leadTop = g1.y + g1.h + 14;
  const partA = { x: X(0), y: leadTop, w: 366, h: 340, columns: 3, minGutter: 12 };
  const gA = partGeometry(partA, body);
  const leadBottom = gA.box.y + gA.box.h;
  const photo1 = box(X(380), leadTop, R - 380, 200);
  await s.photo('photo1', 'river', photo1, 'rgb', 'a1');
  const capTop = photo1.y + photo1.h + 5;
  const capH = s.captionHeight(captionFace, 3, photo1.w, t1.captions[0].text, t1.captions[0].credit);
  const partBTop = capTop + capH + 10;
  // The foot block where the lead goes on (placed in the flow below, after the other articles in reading order).
  const footTop = Y(812);
  const footBottom = Y(area.h - 26);
  const xC = 420;
  s.article({
    id: 'a1',
    style: body,
    byline: t1.byline,
    leads: t1.leads,
    pool: t1.pool,
    subheads: [{ text: t1.subheads[1], part: 2 }],
    parts: [
      partA,
      { x: photo1.x, y: partBTop, w: photo1.w, h: leadBottom - partBTop, columns: 2, minGutter: 12, alignBottom: true },
      { x: X(xC), y: footTop, w: R - xC, h: footBottom - footTop, columns: 2, minGutter: 12 },
    ],
  });
  s.caption('photo1-caption', 'photo1', 'a1', captionFace, 3, box(photo1.x, capTop, photo1.w, capH), t1.captions[0].text, t1.captions[0].credit);
  s.rule(X(0), leadBottom + 8, X(R), leadBottom + 8, 0.75);

  // Middle: two articles between a vertical rule.
  const midTop = leadBottom + 18;
  const midBottom = footTop - 20;
  const t2 = w.article('transit');
  const w2 = 316;
  const mf2 = face('sans', 900, 22);
  const g2 = s.headlineGroup('a2-head', 'a2', { x: X(0), y: midTop, w: w2 }, { kicker: [face('sans', 400, 11), t2.kickers[0]], main: [mf2, [s.fitting(mf2, t2.mains, w2)]] }, 'start', 5);
  s.article({ id: 'a2', style: body, byline: t2.byline, leads: t2.leads, pool: t2.pool, parts: [{ x: X(0), y: g2.y + g2.h + 12, w: w2, h: midBottom - (g2.y + g2.h + 12), columns: 2, minGutter: 12, alignBottom: true }] });
  s.rule(X(w2 + 10), midTop, X(w2 + 10), midBottom, 0.5);
  const t3 = w.article('school');
  const x3 = w2 + 20;
  const w3 = R - x3;
  const mf3 = face('serif', 700, 20);
  const g3 = s.headlineGroup('a3-head', 'a3', { x: X(x3), y: midTop, w: w3 }, { main: [mf3, [s.fitting(mf3, t3.mains, w3)]], subtitle: [face('sans', 400, 11), t3.subtitles[0]] }, 'center', 5);
  const photo2 = box(X(x3), g3.y + g3.h + 10, 150, 110);
  await s.photo('photo2', 'classroom', photo2, 'gray', 'a3');
  const cap2H = s.captionHeight(captionFace, 3, w3 - 150 - 10, t3.captions[0].text, t3.captions[0].credit);
  // The caption stands beside the photo, at its foot.
  const cap2Box = box(photo2.x + photo2.w + 10, photo2.y + photo2.h - cap2H, w3 - photo2.w - 10, cap2H);
  const top3 = photo2.y + photo2.h + 12;
  s.article({ id: 'a3', style: body, byline: `本报记者 ${w.person()}`, bylineAlone: true, leads: t3.leads, pool: t3.pool, parts: [{ x: X(x3), y: top3, w: w3, h: midBottom - top3, columns: 3, minGutter: 11, alignBottom: true }] });
  s.caption('photo2-caption', 'photo2', 'a3', captionFace, 3, cap2Box, t3.captions[0].text, t3.captions[0].credit);
  s.rule(X(0), midBottom + 9, X(R), midBottom + 9, 0.75);

  // Short news: a black bar, then items in two columns; the lead goes on to the right of them.
  const briefW = xC - 20;
  const barFace2 = face('sans', 900, 13);
  const bar = box(X(0), footTop, briefW, 22);
  s.panel(bar, 0, null, 'briefs-head');
  s.text(bar.x + 10, bar.y + (bar.h - barFace2.size) / 2, barFace2, '简讯', { fill: 'white' });
  s.push({ id: 'briefs-head', kind: 'section-head', box: box(bar.x + 10, bar.y + (bar.h - barFace2.size) / 2, s.widthOf(barFace2, '简讯'), barFace2.size), text: '简讯' });
  const briefTop = bar.y + bar.h + 10;
  s.briefs('b', { x: X(0), y: briefTop, w: briefW, h: footBottom - briefTop, columns: 2, minGutter: 14, alignBottom: true }, briefStyle, w.briefs().map((b) => ({ title: `■${b.title}`, text: b.text })));
  s.rule(X(xC - 10), footTop, X(xC - 10), footBottom, 0.5);

  // Footer imprint.
  const footFace = face('sans', 300, 8);
  const parts = ['东河晚报社出版', '地址：东河区文昌路88号', '邮政编码：000000', '零售价：1.00元'];
  const foot = parts.join('\u3000\u3000');
  s.rule(X(0), footBottom + 9, X(R), footBottom + 9, 0.5);
  const fw = s.widthOf(footFace, foot);
  s.text(X((R - fw) / 2), footBottom + 14, footFace, foot);
  s.push({ id: 'footer', kind: 'page-footer', box: box(X((R - fw) / 2), footBottom + 14, fw, footFace.size), parts });
  return s.build();
}
