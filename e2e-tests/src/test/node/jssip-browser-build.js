'use strict';
// JsSIP's browser build, made as JsSIP's own `npm run build` makes dist/jssip.js (its npm-scripts.mjs:
// esbuild, one IIFE with the global JsSIP, platform browser, ES2015), since the npm package ships only
// the CommonJS lib/. Run by JsSipPhoneServer (issue 14 point 5); by hand: node jssip-browser-build.js out.js

const esbuild = require('esbuild');

const outfile = process.argv[2];
if (!outfile) {
  console.error('usage: node jssip-browser-build.js <outfile>');
  process.exit(2);
}
esbuild.buildSync({
  entryPoints: [require.resolve('jssip/lib/JsSIP.js')],
  outfile,
  bundle: true,
  minify: false,
  format: 'iife',
  globalName: 'JsSIP',
  platform: 'browser',
  target: ['es2015'],
  logLevel: 'warning',
});
