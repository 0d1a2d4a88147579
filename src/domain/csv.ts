// CSV as Danish Excel reads it: semicolons, CRLF, a cell quoted when it holds a semicolon, a quote or a line break.
// (The API adds the byte-order mark so Excel reads UTF-8.)
const cell = (c: string) => (/[;"\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);

export const toCsv = (lines: readonly (readonly string[])[]): string => `${lines.map((l) => l.map(cell).join(";")).join("\r\n")}\r\n`;
