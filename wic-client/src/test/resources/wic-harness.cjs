// Loads wic.js (path in argv[2]) the two ways it is used and prints "<how> <function>=<result>" lines
// for WicJsSmokeTest.
'use strict';
const fs = require('fs');
const vm = require('vm');
const wicPath = process.argv[2];

// Node: TeaVM's UMD wrapper sees CommonJS `exports`.
const wic = require(wicPath);
console.log('node version=' + wic.version());
console.log('node wicSelfTest=' + wic.wicSelfTest());

// Plain <script>: no define/exports, so the wrapper puts the exports on `self` (the window).
const page = {};
page.self = page;
vm.createContext(page);
vm.runInContext(fs.readFileSync(wicPath, 'utf8'), page, { filename: 'wic.js' });
console.log('script version=' + page.version());
console.log('script wicSelfTest=' + page.wicSelfTest());
