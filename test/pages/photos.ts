/**
 * Photos for the generated pages: drawn scenes (SVG rendered by sharp, as scripts/make-photo.mjs does
 * for the tabloid sample), so the repository holds no third-party picture. Same scene, same size,
 * same bytes.
 */
import sharp from 'sharp';

type Scene = (w: number, h: number) => string;

const svg = (w: number, h: number, body: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 1200 800" preserveAspectRatio="none">${body}</svg>`;
const sky = (top: string, bottom: string) =>
  `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient></defs><rect width="1200" height="800" fill="url(#sky)"/>`;

/** An old street of low houses with lanterns and a stone-paved road. */
const street: Scene = (w, h) => {
  const houses = [0, 1, 2, 3, 4]
    .map((i) => {
      const x = 20 + i * 235;
      return `<rect x="${x}" y="300" width="215" height="300" fill="#b9ab96"/><path d="M${x - 15} 305 L${x + 107} 230 L${x + 230} 305 Z" fill="#4a4a4a"/>
      <rect x="${x + 30}" y="420" width="60" height="180" fill="#6b4a2f"/><rect x="${x + 120}" y="380" width="70" height="60" fill="#d9d2c3"/>
      <circle cx="${x + 20}" cy="345" r="14" fill="#c0392b"/><circle cx="${x + 195}" cy="345" r="14" fill="#c0392b"/>`;
    })
    .join('');
  const stones = Array.from({ length: 60 }, (_, k) => `<rect x="${(k % 12) * 100 + ((k / 12) % 2) * 50}" y="${610 + Math.floor(k / 12) * 38}" width="92" height="32" fill="#8e8a84" opacity="${0.6 + (k % 3) * 0.13}"/>`).join('');
  return svg(w, h, `${sky('#9cc0e0', '#eef2f4')}${houses}<rect y="600" width="1200" height="200" fill="#6f6a63"/>${stones}
    <circle cx="420" cy="560" r="22" fill="#2c3e50"/><rect x="404" y="580" width="32" height="80" fill="#34495e"/>
    <circle cx="700" cy="566" r="20" fill="#7f4f24"/><rect x="686" y="584" width="28" height="70" fill="#a04000"/>`);
};

/** A green field under a pale sky with small drones over it. */
const field: Scene = (w, h) => {
  const rows = Array.from({ length: 14 }, (_, k) => `<path d="M${-200 + k * 60} 800 L${560 + k * 8} 380" stroke="#3f7d20" stroke-width="${10 + k}" opacity="0.7"/>`).join('');
  const drones = [
    [300, 200],
    [620, 150],
    [900, 240],
  ]
    .map(([x, y]) => `<rect x="${x - 30}" y="${y - 6}" width="60" height="12" fill="#222"/><rect x="${x - 60}" y="${y - 12}" width="40" height="4" fill="#555"/><rect x="${x + 20}" y="${y - 12}" width="40" height="4" fill="#555"/><path d="M${x - 20} ${y + 6} L${x - 60} ${y + 120} L${x + 60} ${y + 120} L${x + 20} ${y + 6} Z" fill="#dfe9f3" opacity="0.45"/>`)
    .join('');
  return svg(w, h, `${sky('#b8d4ea', '#f4f1e6')}<rect y="380" width="1200" height="420" fill="#6fa84a"/>${rows}${drones}`);
};

/** A white-and-green electric bus at a stop. */
const bus: Scene = (w, h) =>
  svg(
    w,
    h,
    `${sky('#a6c8e6', '#f1f1ee')}<rect y="560" width="1200" height="240" fill="#5d5d5d"/><rect y="640" width="1200" height="8" fill="#f4f4f4"/>
    <rect x="180" y="300" width="820" height="280" rx="30" fill="#f7f7f2"/><rect x="180" y="470" width="820" height="40" fill="#1e8449"/>
    ${[0, 1, 2, 3, 4, 5].map((i) => `<rect x="${220 + i * 125}" y="330" width="105" height="110" fill="#2e4053" opacity="0.85"/>`).join('')}
    <circle cx="330" cy="590" r="46" fill="#1b1b1b"/><circle cx="850" cy="590" r="46" fill="#1b1b1b"/>
    <rect x="1040" y="280" width="16" height="300" fill="#444"/><rect x="1010" y="250" width="80" height="50" fill="#1f618d"/>`,
  );

/** A factory floor: a conveyor and robot arms. */
const factory: Scene = (w, h) =>
  svg(
    w,
    h,
    `<rect width="1200" height="800" fill="#d5d8dc"/><rect y="520" width="1200" height="280" fill="#7b7d7d"/>
    <rect x="0" y="470" width="1200" height="60" fill="#34495e"/>
    ${[0, 1, 2, 3].map((i) => `<rect x="${100 + i * 280}" y="430" width="80" height="40" fill="#e67e22"/><path d="M${170 + i * 280} 470 L${200 + i * 280} 300 L${300 + i * 280} 260" stroke="#f39c12" stroke-width="26" fill="none" stroke-linecap="round"/>`).join('')}
    ${Array.from({ length: 10 }, (_, k) => `<rect x="${40 + k * 120}" y="440" width="60" height="30" fill="#2874a6"/>`).join('')}
    ${Array.from({ length: 8 }, (_, k) => `<rect x="${k * 160}" y="40" width="120" height="16" fill="#fdfefe"/>`).join('')}`,
  );

/** A river between green banks, with birds. */
const river: Scene = (w, h) =>
  svg(
    w,
    h,
    `${sky('#8fb9dd', '#eaf2f8')}<path d="M0 420 Q300 380 600 430 T1200 410 L1200 800 L0 800 Z" fill="#5b8c3a"/>
    <path d="M0 520 Q400 470 700 560 T1200 540 L1200 700 Q800 640 500 700 T0 660 Z" fill="#5d9cc8"/>
    ${Array.from({ length: 12 }, (_, k) => `<circle cx="${60 + k * 100}" cy="${400 - (k % 3) * 20}" r="${40 + (k % 4) * 8}" fill="#2e6b30"/>`).join('')}
    ${[0, 1, 2, 3, 4].map((k) => `<path d="M${300 + k * 130} ${200 + (k % 2) * 40} q20 -18 40 0 q20 -18 40 0" stroke="#fdfefe" stroke-width="6" fill="none"/>`).join('')}`,
  );

/** Shelves of books and a reading table. */
const library: Scene = (w, h) => {
  const colors = ['#c0392b', '#2471a3', '#d4ac0d', '#229954', '#7d3c98', '#ca6f1e'];
  const books = Array.from({ length: 150 }, (_, k) => {
    const shelf = Math.floor(k / 30);
    const x = 60 + (k % 30) * 36;
    return `<rect x="${x}" y="${70 + shelf * 95}" width="30" height="${70 + ((k * 7) % 15)}" fill="${colors[k % colors.length]}"/>`;
  }).join('');
  return svg(
    w,
    h,
    `<rect width="1200" height="800" fill="#f0e6d2"/><rect x="40" y="50" width="1120" height="480" fill="#8b5a2b"/>${books}
    ${[0, 1, 2, 3, 4].map((s) => `<rect x="40" y="${145 + s * 95}" width="1120" height="10" fill="#5d3a1a"/>`).join('')}
    <rect x="200" y="600" width="800" height="40" fill="#a0522d"/><rect x="230" y="640" width="20" height="140" fill="#6e3b1e"/><rect x="950" y="640" width="20" height="140" fill="#6e3b1e"/>
    <circle cx="420" cy="560" r="30" fill="#3b2f2a"/><circle cx="760" cy="556" r="30" fill="#3b2f2a"/>`,
  );
};

/** A classroom: desks, a board, pupils. */
const classroom: Scene = (w, h) =>
  svg(
    w,
    h,
    `<rect width="1200" height="800" fill="#eef3ea"/><rect x="250" y="60" width="700" height="300" fill="#1e4d2b"/><rect x="240" y="360" width="720" height="16" fill="#8d6e63"/>
    ${Array.from({ length: 8 }, (_, k) => `<rect x="${100 + (k % 4) * 260}" y="${480 + Math.floor(k / 4) * 150}" width="200" height="26" fill="#c8a165"/><circle cx="${200 + (k % 4) * 260}" cy="${450 + Math.floor(k / 4) * 150}" r="26" fill="#2c2c2c"/>`).join('')}`,
  );

export const SCENES: Record<string, Scene> = { street, field, bus, factory, river, library, classroom };

/** A JPEG of the scene at `width` × `height` pixels, gray (one channel) or RGB. */
export async function makePhoto(scene: string, width: number, height: number, color: 'gray' | 'rgb'): Promise<Buffer> {
  const draw = SCENES[scene];
  if (!draw) throw new Error(`photos: no scene ${scene}`);
  let img = sharp(Buffer.from(draw(width, height))).flatten({ background: '#ffffff' }).blur(1.1);
  if (color === 'gray') img = img.toColourspace('b-w');
  return img.jpeg({ quality: 80 }).toBuffer();
}
