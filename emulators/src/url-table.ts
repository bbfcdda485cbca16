/** A two-column table for the terminal: what runs where. */
export function formatUrlTable(urls: Record<string, string>): string {
  const width = Math.max(...Object.keys(urls).map((name) => name.length));
  const lines = Object.entries(urls).map(([name, url]) => `  ${name.padEnd(width)}  ${url}`);
  return ["", "Lucky Gas local stack is up:", ...lines, "", "Press Ctrl-C to stop everything.", ""].join(
    "\n",
  );
}
