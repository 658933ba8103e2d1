# Sourced by bin/test (and so by .ci/run) before the build: installs what the lineage page test
# (LineagePageRendersInChromiumTest) drives, from Debian's packages: chromium at /usr/bin/chromium, its
# matching WebDriver chromium-driver at /usr/bin/chromedriver, and a font for the page's text.
# Idempotent: does nothing when all three are present. Sourced, so it must not exit, change shell options
# or leave variables behind.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || [ ! -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  echo "[setup-browser] installing chromium, chromium-driver and fonts-dejavu-core"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      chromium chromium-driver fonts-dejavu-core >/dev/null
  else
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      chromium chromium-driver fonts-dejavu-core >/dev/null
  fi
fi
echo "[setup-browser] $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium missing');" \
  "$(/usr/bin/chromedriver --version 2>/dev/null | cut -d' ' -f1-2 || echo 'chromedriver missing')"
