'use strict';
/**
 * Run a CommonJS bundle (scripts/bundle.mjs writes them to dist/bundle) with V8's code cache: the
 * functions a command compiles are stored beside the bundle (`<bundle>.cache`, written by the build's
 * training run, scripts/train-code-cache.mjs) and read back instead of parsed and compiled again,
 * which was the largest single cost of starting a command. Node 20 has no code cache for ES modules
 * (module.enableCompileCache came in Node 22), hence CommonJS bundles run through vm.Script.
 * A cache V8 rejects (another Node version, other V8 flags) is simply not used: the bundle compiles
 * as any script does.
 */
const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname } = require('node:path');
const vm = require('node:vm');

const loaded = new Map();

/** Load a bundle once per process, as require() would, with its code cache if V8 accepts it. */
function load(file) {
  const known = loaded.get(file);
  if (known) return known.module.exports;
  const source = readFileSync(file, 'utf8');
  let cachedData;
  try {
    cachedData = readFileSync(`${file}.cache`);
  } catch {
    // No cache yet (a build without the training run): compile as usual.
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  // No import() in a script run so (without an experimental option): the bundles require() what stays outside them.
  const script = new vm.Script(wrapped, { filename: file, cachedData });
  const module = { exports: {}, filename: file, id: file, loaded: false };
  loaded.set(file, { module, script, rejected: cachedData ? script.cachedDataRejected : undefined });
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  module.loaded = true;
  return module.exports;
}

/** For the build's training run: write the code cache of every bundle this process loaded. */
function writeCaches() {
  const written = [];
  for (const [file, { script }] of loaded) {
    const data = script.createCachedData();
    const tmp = `${file}.cache.${process.pid}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, `${file}.cache`);
    written.push({ file, bytes: data.length });
  }
  return written;
}

/** Which loaded bundles had a cache V8 refused (for tests and the bench). */
function rejected() {
  return [...loaded].filter(([, l]) => l.rejected).map(([file]) => file);
}

module.exports = { load, writeCaches, rejected };
