/**
 * The browser: `CHROMIUM_PATH` when set (a system Chromium), else the headless Chromium that the npm
 * package @sparticuz/chromium ships with its fonts, so `npm install` alone provides it. Nothing is
 * downloaded: the machines have no internet.
 */
export async function chromiumExecutable(): Promise<{ executablePath: string; args: string[] }> {
  const ownArgs = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ];
  const systemPath = process.env.CHROMIUM_PATH;
  if (systemPath) return { executablePath: systemPath, args: ['--headless', ...ownArgs] };
  const { default: packaged } = await import('@sparticuz/chromium');
  // The package's own flags are tuned for serverless hosts; drop those that change what a page may
  // do (web security, mixed content) or how the browser is split into processes, so the tests see
  // what a citizen's browser does.
  const weakening =
    /^--(disable-web-security|allow-running-insecure-content|single-process|disable-site-isolation-trials)$/;
  const args = packaged.args.filter((arg) => !weakening.test(arg) && !arg.startsWith('--disable-features='));
  return { executablePath: await packaged.executablePath(), args: [...args, ...ownArgs] };
}
