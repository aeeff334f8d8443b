import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium, which `.ci/run` installs (`apt-get install chromium`). */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * How a browser suite runs here: where Chromium is installed, it runs; where it is not, it is
 * skipped with a line saying how to install it — except under CI, where it runs and fails, so
 * that a CI machine without a browser never passes the suite by skipping it.
 *
 * @returns the `skip` option of the suite's `describe`.
 */
export function chromiumSkip(): string | false {
  if (existsSync(CHROMIUM) || isCi()) return false;
  return `no Chromium at ${CHROMIUM}; apt-get install chromium to run the browser tests`;
}

/**
 * Starts headless Chromium with nothing that reaches the network by itself (no updates, sync,
 * QUIC probes), and without the GPU: pages get WebGL from the software rasteriser.
 *
 * @returns the browser; close it when done.
 * @throws Error under CI when Chromium is not installed.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `CI runs the browser tests, but there is no Chromium at ${CHROMIUM}; .ci/run installs ` +
        'it with apt-get install chromium',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

function isCi(): boolean {
  const value = process.env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}
