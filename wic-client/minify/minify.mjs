// wic.js = terser over TeaVM's minified output (issue 14: registration and calls in at most 40,000 bytes gzip -9;
// docs/wic.md "Size"). Run by wic-client's Maven build after TeaVM:
//   node minify/minify.mjs <TeaVM's wic.js> <served wic.js> <true|false>
// false (-Dwic.js.minifying=false, the readable build for wic-size.py) copies the file unchanged.
// terser comes from this folder's node_modules, exactly as package-lock.json pins it; when it is missing or
// another version, `npm ci` installs it first (from npm's cache when it has the packages).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [input, output, minifying] = process.argv.slice(2);
if (!input || !output || !minifying) {
  fail('usage: node minify.mjs <input wic.js> <output wic.js> <true|false>');
}
mkdirSync(dirname(output), { recursive: true });
if (minifying !== 'true') {
  copyFileSync(input, output);
  process.exit(0);
}

const here = dirname(fileURLToPath(import.meta.url));
const pinned = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8')).dependencies.terser;
const installed = join(here, 'node_modules', 'terser', 'package.json');
if (!existsSync(installed) || JSON.parse(readFileSync(installed, 'utf8')).version !== pinned) {
  console.log(`wic.js: installing terser ${pinned} (npm ci in ${here})`);
  try {
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: here, stdio: 'inherit' });
  } catch (e) {
    fail(`npm ci failed in ${here} (${e.message}): wic.js needs terser ${pinned}; install npm `
        + '(Debian: apt-get install npm; ./run.sh and ./test.sh do it) and reach the npm registry once');
  }
}

const { minify } = await import('terser');
const source = readFileSync(input, 'utf8');
// Two compress passes, function declarations hoisted (TeaVM's classes are `function X(){...}` among `let`
// lists; hoisted they join one list: -145 bytes gzip -9) and mangled names: what measured smallest gzipped
// (docs/wic.md "Size"). Only options that keep JavaScript's semantics (no `unsafe*`, no `pure_getters`: TeaVM
// relies on a property read of null throwing). TeaVM's exports are properties of the module object (wicStart,
// ...), which terser never renames.
const quoted = [...new Set([...source.matchAll(/["']([\w$]{1,2})["']/g)].map((m) => m[1]))];
const result = await minify(source, {
  compress: { passes: 2, hoist_funs: true },
  mangle: { properties: { regex: /^[A-Za-z_$][\w$]?$/, reserved: quoted } },
  format: { comments: false },
});
writeFileSync(output, result.code);
console.log(`${basename(output)}: terser ${pinned}, ${Buffer.byteLength(source)} -> ${Buffer.byteLength(result.code)} bytes raw`);

function fail(message) {
  console.error(`wic-client: ${message}`);
  process.exit(1);
}
