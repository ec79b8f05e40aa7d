// Make profiles/libvips-cmyk-compact.icc, the PDF/A output profile: a compact copy of the CMYK
// profile sharp (libvips) separates photos with (Graeme Gill's public-domain "Chemical proof"), without
// its measurement data and with 8-bit tables (src/render/icc.ts says what is kept and why).
// Run after a build: npm run build && node scripts/make-profile.mjs
// test/print.test.ts fails if the file no longer matches what this script makes from the installed sharp.
import { writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { COMPACT_PROFILE_DESCRIPTION, COMPACT_PROFILE_FILE, compactCmykProfile, libvipsCmykProfile } from '../dist/src/render/icc.js';

const full = await libvipsCmykProfile(sharp);
const compact = compactCmykProfile(full, COMPACT_PROFILE_DESCRIPTION);
writeFileSync(COMPACT_PROFILE_FILE, compact);
console.log(`wrote ${COMPACT_PROFILE_FILE}: ${compact.length} bytes (from ${full.length})`);
