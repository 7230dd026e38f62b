#!/bin/sh
# Kaowu test-room launcher: opens the exam client full-screen in a kiosk Chromium on a candidate's machine.
#
#   kaowu-kiosk.sh http://192.168.1.10:8000/exam/          start (or restart after a crash) the exam browser
#   kaowu-kiosk.sh --fresh http://192.168.1.10:8000/exam/  the first start of an exam session: wipes the profile
#
# The profile is a dedicated, persistent directory rather than --incognito on purpose: the exam client keeps
# its outbox of unsent answers and this machine's device id in localStorage, and an incognito profile loses
# both when the browser closes or crashes (unsent answers gone; the candidate would need a proctor-approved
# transfer to log in again). Wipe it with --fresh between exam sessions, never during one.
set -eu

fresh=0
if [ "${1:-}" = "--fresh" ]; then fresh=1; shift; fi
url="${1:?usage: kaowu-kiosk.sh [--fresh] http://<exam server>:<port>/exam/}"
profile="${KAOWU_KIOSK_PROFILE:-${XDG_STATE_HOME:-$HOME/.local/state}/kaowu-kiosk}"
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
[ -n "$browser" ] || { echo "没有找到 Chromium：请先安装（Debian/UOS：apt-get install chromium）" >&2; exit 1; }

if [ "$fresh" = 1 ]; then rm -rf "$profile"; fi
mkdir -p "$profile"

exec "$browser" \
  --kiosk "$url" \
  --user-data-dir="$profile" \
  --no-first-run --no-default-browser-check \
  --noerrdialogs --disable-infobars --disable-session-crashed-bubble --hide-crash-restore-bubble \
  --disable-translate --disable-features=Translate,TranslateUI,MediaRouter,OverscrollHistoryNavigation \
  --overscroll-history-navigation=0 --disable-pinch \
  --disable-sync --disable-background-networking --disable-component-update \
  --password-store=basic --autoplay-policy=user-gesture-required
