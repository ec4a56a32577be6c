#!/usr/bin/env sh
# Presents the npm solc (solc-js) to forge as a native solc binary: forge is run with
# `--use contracts/solc-wrapper.sh` (see forge-test.sh), so it never downloads a compiler.
#   solc-wrapper.sh --version          prints "Version: 0.8.37+commit.<sha>.Linux.g++" (the form forge parses)
#   solc-wrapper.sh --standard-json    reads Standard JSON input on stdin, writes the output on stdout
exec node "$(dirname "$0")/solc-wrapper.cjs" "$@"
