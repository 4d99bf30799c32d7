#!/usr/bin/env node
'use strict';
// The CLI entry of package.json `bin`: the bundled engine in dist/cli.js.
require('../dist/cli.js').runCli();
