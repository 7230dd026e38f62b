/**
 * Debian's Chromium (never `playwright install`) as the e2e tests and the front ends' benches launch it: no
 * sandbox (containers), no GPU, and nothing of its own on the network.
 */
export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
