import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * Runs a program and resolves `{ code, stdout, stderr }` whatever its exit code (a program killed
 * by a time-out or a signal counts as code 1). Rejects only when the program cannot be started
 * (`error.code` is then a string such as `ENOENT`).
 * @param {string} file
 * @param {string[]} args
 * @param {import('node:child_process').ExecFileOptions} [options]
 * @returns {Promise<{ code: number, stdout: string, stderr: string }>}
 */
export async function runProcess(file, args, options = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(file, args, { maxBuffer: 1 << 26, encoding: 'utf8', ...options });
    return { code: 0, stdout: String(stdout), stderr: String(stderr) };
  } catch (error) {
    if (typeof error.code === 'string') throw error;
    return { code: typeof error.code === 'number' ? error.code : 1, stdout: error.stdout ?? '', stderr: error.stderr || error.message };
  }
}
