#!/usr/bin/env bash
# Proves that every type and member the stand-in declares exists, with a compatible signature, in
# the real sources of Jenkins core and the plugins the plugin depends on.
#
# Needs the jenkins-signature-check tool (SIGNATURE_CHECK=<its run.sh>) and git mirrors of the
# repositories in its mirrors.conf under MIRROR_ROOT, each at $MIRROR_ROOT/<owner>+<name>/repo.
# Passes when the summary line reads "mismatches 0, missing 0".
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${SIGNATURE_CHECK:?set SIGNATURE_CHECK to the jenkins-signature-check run.sh}"
: "${MIRROR_ROOT:?set MIRROR_ROOT to the folder that holds the <owner>+<name>/repo mirrors}"
exec "$SIGNATURE_CHECK" --mirror-root "$MIRROR_ROOT" "$@" "$here/src/main/java"
