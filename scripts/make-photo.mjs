// Make the tabloid sample's photos (layouts/images/*.jpg): drawn scenes (SVG rendered by sharp),
// so the repository holds no third-party picture. Run: node scripts/make-photo.mjs
import sharp from 'sharp';

const out = (name) => new URL(`../layouts/images/${name}`, import.meta.url).pathname;

function street() {
  const windows = [];
  for (let b = 0; b < 4; b++)
    for (let r = 0; r < 6; r++)
      for (let c = 0; c < 4; c++) windows.push(`<rect x="${60 + b * 290 + c * 60}" y="${120 + r * 70}" width="34" height="40" fill="#dfe8ef" opacity="${0.5 + ((b + r + c) % 3) * 0.2}"/>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800">
  <defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#8fb3d9"/><stop offset="1" stop-color="#e9eef2"/></linearGradient></defs>
  <rect width="1200" height="800" fill="url(#sky)"/>
  ${[0, 1, 2, 3].map((b) => `<rect x="${40 + b * 290}" y="${90 + (b % 2) * 30}" width="270" height="${520 - (b % 2) * 30}" fill="#a9a39a"/>`).join('')}
  ${windows.join('')}
  <rect y="600" width="1200" height="200" fill="#6d655c"/>
  <path d="M0 640 L1200 700 L1200 760 L0 700 Z" fill="#4e4942"/>
  <rect x="100" y="650" width="1000" height="36" rx="18" fill="#2f6f9f"/>
  <rect x="100" y="700" width="1000" height="28" rx="14" fill="#c9c2b5"/>
  <circle cx="380" cy="560" r="26" fill="#f2c14e"/><rect x="362" y="584" width="36" height="80" fill="#e07a1f"/>
  <circle cx="820" cy="550" r="26" fill="#f2c14e"/><rect x="802" y="574" width="36" height="90" fill="#e07a1f"/>
</svg>`;
}

function market() {
  const stalls = [];
  for (let i = 0; i < 6; i++) {
    const x = 30 + i * 195;
    stalls.push(`<rect x="${x}" y="380" width="170" height="200" fill="#3b2f2a"/><path d="M${x - 10} 380 L${x + 85} 320 L${x + 180} 380 Z" fill="${['#c0392b', '#d68910', '#1f618d'][i % 3]}"/>`);
    stalls.push(`<circle cx="${x + 85}" cy="290" r="22" fill="#f5b041" opacity="0.9"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800">
  <rect width="1200" height="800" fill="#1b2631"/>
  <rect y="580" width="1200" height="220" fill="#4d4d4d"/>
  ${stalls.join('')}
  ${Array.from({ length: 40 }, (_, k) => `<circle cx="${(k * 97) % 1200}" cy="${640 + ((k * 37) % 120)}" r="${10 + (k % 4) * 3}" fill="#bdc3c7" opacity="0.7"/>`).join('')}
</svg>`;
}

for (const [name, svg] of [
  ['donghe-pipes.jpg', street()],
  ['donghe-night-market.jpg', market()],
]) {
  await sharp(Buffer.from(svg)).blur(1.2).jpeg({ quality: 82 }).toFile(out(name));
  console.log(`wrote layouts/images/${name}`);
}
