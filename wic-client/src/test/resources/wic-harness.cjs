// Loads wic.js (argv[2]) the two ways it is used and runs the calls listed in argv[3]: one per line,
// "<function>\t<base64 arg>\t<base64 arg>...". Prints "<how>\t<line number>\t<base64 result>" so that
// WicJsSmokeTest can compare every result with the JVM without any escaping rules in between.
'use strict';
const fs = require('fs');
const vm = require('vm');
const wicPath = process.argv[2];
const calls = fs.readFileSync(process.argv[3], 'utf8').split('\n').filter((l) => l.length > 0);

function run(how, api) {
  calls.forEach((line, i) => {
    const cols = line.split('\t');
    const args = cols.slice(1).map((a) => Buffer.from(a, 'base64').toString('utf8'));
    const result = String(api[cols[0]].apply(null, args));
    console.log(how + '\t' + i + '\t' + Buffer.from(result, 'utf8').toString('base64'));
  });
}

// Node: TeaVM's UMD wrapper sees CommonJS `exports`.
run('node', require(wicPath));

// Plain <script>: no define/exports, so the wrapper puts the exports on `self` (the window).
// A browser page has TextEncoder and TextDecoder (wic.js's UTF-8 codec, BrowserUtf8).
const page = { TextEncoder, TextDecoder };
page.self = page;
vm.createContext(page);
vm.runInContext(fs.readFileSync(wicPath, 'utf8'), page, { filename: 'wic.js' });
run('script', page);
