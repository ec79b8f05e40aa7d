/**
 * A simple A4 page: a header line, three articles (one with a photo and caption, one with its byline
 * on a line of its own), rules between them and a slogan strip. Small and quick, for tests.
 */
import { Writer } from './prose.js';
import { box, face, Sheet, stepOf, type BodyStyle } from './sheet.js';

export async function a4Page(seed: number) {
  const w = new Writer(seed);
  const W = 595.28;
  const H = 841.89;
  const M = 36;
  const area = box(M, M, W - 2 * M, H - 2 * M);
  const s = new Sheet('a4-weekly', 'A4 weekly page: three articles, one photo with caption and credit, header, rules, slogan strip', seed, W, H, area, 'reading', true);
  const X = (x: number) => area.x + x;
  const Y = (y: number) => area.y + y;
  const right = area.w;

  const body: BodyStyle = { face: face('serif', 400, 9), leading: 4.5, bylineFace: face('sans', 500, 9), subheadFace: face('sans', 700, 10), subheadRows: 2 };

  // Header: name left, date, page and section right, a thick and a thin rule under them.
  const nameFace = face('serif', 900, 16);
  const infoFace = face('sans', 400, 8);
  const info = [w.pageDate(), '第2版', '要闻'];
  const infoText = info.join('\u3000');
  const infoW = s.widthOf(infoFace, infoText);
  s.text(X(0), Y(0), nameFace, '溪山周报');
  s.text(X(right - infoW), Y(8), infoFace, infoText);
  s.push({ id: 'header', kind: 'page-header', box: box(X(0), Y(0), right, 16), parts: ['溪山周报', ...info] });
  s.rule(X(0), Y(21), X(right), Y(21), 1.2);
  s.rule(X(0), Y(23.5), X(right), Y(23.5), 0.4);

  // Article 1: headline group across the page, body in two columns left, photo and one column right.
  const t1 = w.article('transit');
  const kf = face('sans', 400, 11);
  const mf = face('serif', 900, 24);
  const sf = face('sans', 400, 10.5);
  const g1 = s.headlineGroup('a1-head', 'a1', { x: X(0), y: Y(34), w: right }, { kicker: [kf, t1.kickers[0]], main: [mf, [s.fitting(mf, t1.mains, right)]], subtitle: [sf, t1.subtitles[0]] }, 'center', 6);
  const top1 = g1.y + g1.h + 12;
  const bottom1 = Y(420);
  const photo = box(X(312), top1, right - 312, 140);
  await s.photo('photo1', 'bus', photo, 'rgb', 'a1');
  const cap = s.caption('photo1-caption', 'photo1', 'a1', face('serif', 300, 8), 3, box(photo.x, photo.y + photo.h + 5, photo.w, 0), t1.captions[0].text, t1.captions[0].credit);
  const partBTop = cap.y + cap.h + 8;
  s.article({
    id: 'a1',
    style: body,
    byline: t1.byline,
    leads: t1.leads,
    pool: t1.pool,
    parts: [
      { x: X(0), y: top1, w: 300, h: bottom1 - top1, columns: 2, minGutter: 12 },
      { x: photo.x, y: partBTop, w: photo.w, h: bottom1 - partBTop, columns: 1, minGutter: 0, alignBottom: true },
    ],
  });
  s.rule(X(0), bottom1 + 8, X(right), bottom1 + 8, 0.5);

  // Article 2: a main headline, the byline alone on its first line, two columns; a vertical rule; article 3 in one column.
  const top2 = bottom1 + 18;
  const bottom2 = Y(area.h - 30);
  const t2 = w.article('culture');
  const mf2 = face('sans', 700, 18);
  const g2 = s.headlineGroup('a2-head', 'a2', { x: X(0), y: top2, w: 340 }, { main: [mf2, [s.fitting(mf2, t2.mains, 340)]] }, 'start', 0);
  s.article({
    id: 'a2',
    style: body,
    byline: `本报记者 ${w.person()}`,
    bylineAlone: true,
    leads: t2.leads,
    pool: t2.pool,
    subheads: [{ text: t2.subheads[0], part: 0 }],
    parts: [{ x: X(0), y: g2.y + g2.h + 10, w: 340, h: bottom2 - (g2.y + g2.h + 10), columns: 2, minGutter: 12, alignBottom: true }],
  });
  s.rule(X(351), top2, X(351), bottom2, 0.5);
  const t3 = w.article('school');
  const kf3 = face('sans', 400, 10);
  const mf3 = face('serif', 700, 15);
  const w3 = right - 362;
  const g3 = s.headlineGroup('a3-head', 'a3', { x: X(362), y: top2, w: w3 }, { kicker: [kf3, s.fitting(kf3, t3.kickers, w3)], main: [mf3, [s.fitting(mf3, t3.mains, w3)]] }, 'center', 5);
  s.article({
    id: 'a3',
    style: body,
    byline: t3.byline,
    leads: t3.leads,
    pool: t3.pool,
    parts: [{ x: X(362), y: g3.y + g3.h + 10, w: w3, h: bottom2 - (g3.y + g3.h + 10), columns: 1, minGutter: 0, alignBottom: true }],
  });

  // Slogan strip under a rule.
  const sloganFace = face('sans', 500, 9);
  const slogan = w.slogan();
  const strip = box(X(0), bottom2 + 10, right, 20);
  s.panel(strip, 0.88, null, 'slogan');
  const sw = s.widthOf(sloganFace, slogan);
  s.text(strip.x + (strip.w - sw) / 2, strip.y + (strip.h - sloganFace.size) / 2, sloganFace, slogan);
  s.push({ id: 'slogan', kind: 'slogan', box: box(strip.x + (strip.w - sw) / 2, strip.y + (strip.h - sloganFace.size) / 2, sw, sloganFace.size), text: slogan });
  void stepOf;
  return s.build();
}
