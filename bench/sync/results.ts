import fs from 'node:fs';
import path from 'node:path';
import { machineDescription } from './proc.ts';

export const RESULTS_FILE = path.resolve(import.meta.dirname, '../../docs/benchmarks-sync.json');

/** Merges one benchmark's results into docs/benchmarks-sync.json, with the machine and the command. */
export function saveResults(benchmark: string, command: string, results: unknown): void {
  const all = fs.existsSync(RESULTS_FILE) ? JSON.parse(fs.readFileSync(RESULTS_FILE, 'utf8')) : {};
  all[benchmark] = { machine: machineDescription(), command, date: new Date().toISOString(), results };
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(all, null, 2)}\n`);
}

/** A Markdown table, for the console and for docs/benchmarks.md. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

export const fixed = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);
