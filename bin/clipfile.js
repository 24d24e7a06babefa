#!/bin/sh
':' /*
# This file is both a POSIX shell script and CommonJS. Run as a program (through npm's link,
# npx, or a PATH lookup) the shell reads it first: Node 20 parses every certificate of
# $NODE_EXTRA_CA_CERTS at start-up, before any JavaScript can decide anything (0.09 s of each
# start where it names Debian's 140 certificates), so the choice is made here. The variable is
# left out only for a run that certainly opens no TLS connection: a command that never touches
# the network, or an `extract` or `quotes` none of whose arguments could be a URL source (one
# with a `:` keeps it). Whatever is not understood here keeps it. `exec`: the process
# that gets signals is Node itself. `node bin/clipfile.js` skips all this and keeps it.
if [ -n "${NODE_EXTRA_CA_CERTS-}" ]; then
  offline=
  case "${1-}" in
    list | search | show | history | reindex | export | site | speakers | help | -h | --help | -V | --version) offline=1 ;;
    extract | quotes)
      offline=1
      # next: what commander makes of the next argument. skip: the command's name; fresh: an
      # option or a source; url: --url's value; unsure: the value of an option not known here,
      # or not; literal: after --, a source whatever it looks like.
      next=skip
      for argument in "$@"; do
        state=$next
        next=fresh
        case $state in
          skip | url) continue ;;
          literal)
            next=literal
            case $argument in *:*) offline= && break ;; esac
            continue
            ;;
        esac
        case $argument in
          --) next=literal ;;
          --url) [ "$state" = fresh ] && next=url || next=unsure ;;
          # Flags that take no value (tests/runtime/launcher.test.ts holds them to commander's).
          --json | --comments | --no-color | --csv | --all-snapshots | --*=* | -) ;;
          # An option, or an option's value: never a source (commander refuses unknown options).
          -*) next=unsure ;;
          # A source, or an option's value: a URL has a scheme, so a colon.
          *:*) offline= && break ;;
        esac
      done
      ;;
  esac
  [ -n "$offline" ] && unset NODE_EXTRA_CA_CERTS
fi
exec node "$0" "$@"
*/
// CommonJS (bin/package.json says so): a CommonJS entry starts without Node's ES module loader,
// which a one-page `extract` paid for before any of clipfile ran.
'use strict';
const { enableCompileCache } = require('node:module');
const { join } = require('node:path');

// V8 keeps the bundle's compiled code between runs: Node 22.1+ itself, Node 20 through
// dist/bundle/code-cache.js (src/runtime/code-cache.ts). Compiling the bundle cost a one-page
// `extract` a third of its time.
if (enableCompileCache === undefined) {
  require('../dist/bundle/code-cache.js').enableBundleCodeCache(join(__dirname, '../dist/bundle/'));
} else {
  enableCompileCache();
}
// The bundle (dist/bundle/, CommonJS, built by `npm run build` and so by `prepare`) starts
// several times faster than the hundreds of modules of dist/src/ it is made from.
require('../dist/bundle/clipfile.js').main();
