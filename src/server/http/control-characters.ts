import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.ts';

/**
 * C0 control characters other than tab, line feed and carriage return, and DEL. PostgreSQL
 * cannot store U+0000 in text at all (error 22021), and none of the others belongs in a name,
 * a note or a search: they are refused wherever they arrive, before any route sees them.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

type Problem = { field: string; message: string };

function describe(char: string) {
  const code = char.codePointAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The first text value under `value` holding a control character, with its path. */
export function findControlCharacter(value: unknown, path: string): Problem | null {
  if (typeof value === 'string') {
    const match = CONTROL.exec(value);
    if (!match) return null;
    return {
      field: path,
      message: `contains the control character ${describe(match[0])} at position ${match.index + 1}. Remove it (it often comes from copying out of another program) and try again.`,
    };
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findControlCharacter(value[i], `${path}.${i}`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [key, inner] of Object.entries(value)) {
      const keyProblem = findControlCharacter(key, `${path} (a field name)`);
      if (keyProblem) return keyProblem;
      const found = findControlCharacter(inner, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/** Refuses, with a 400 naming the field, any request whose params, query or JSON body holds one. */
export function registerControlCharacterGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const problem =
      findControlCharacter(request.params, 'params') ??
      findControlCharacter(request.query, 'querystring') ??
      findControlCharacter(request.body, 'body');
    if (problem) {
      throw new AppError('control_character', `${problem.field} ${problem.message}`, [problem]);
    }
  });
}
