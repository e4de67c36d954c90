#!/bin/sh
# Fails the Maven build early, with a message a school IT admin can act on, when Node.js is missing or old.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "ERROR: building Ketang's web front end needs Node.js 20.19+ and npm on the PATH." >&2
  echo "       On Debian/Ubuntu: apt-get install nodejs npm (or use a Node.js 20/22 LTS build)." >&2
  exit 1
fi
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 20 ]; then
  echo "ERROR: Ketang's web build needs Node.js 20.19 or newer; found $(node --version)." >&2
  exit 1
fi
