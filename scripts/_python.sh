# Sourced by the scripts: finds the newest Python >= 3.13 on this machine.
# Looks on PATH first, then in pyenv's versions folder (the shims may be off PATH).
# `find_python 3.13` looks for that minor version only (used by CI's 3.13 lane).
find_python() {
  local versions="${1:-3.14 3.13}" version candidate root
  for version in $versions; do
    candidate="python$version"
    # A pyenv shim answers `command -v` but fails to run when its version is
    # not selected, hence the trial run.
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys' >/dev/null 2>&1; then
      command -v "$candidate"
      return 0
    fi
  done
  root="${PYENV_ROOT:-}"
  if [ -z "$root" ] && command -v pyenv >/dev/null 2>&1; then
    root="$(pyenv root)"
  fi
  [ -n "$root" ] || root="$HOME/.pyenv"
  for version in $versions; do
    for candidate in "$root"/versions/"$version".*/bin/python"$version"; do
      if [ -x "$candidate" ] && "$candidate" -c 'import sys' >/dev/null 2>&1; then
        echo "$candidate"
        return 0
      fi
    done
  done
  return 1
}
