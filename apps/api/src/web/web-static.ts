import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { ThemeConfig } from '../common/theme-config.js';
import { themeFiles, vendorFiles } from './web-theme.js';

/**
 * The web front end (apps/web/public: plain HTML, CSS and ES modules, no build step) served
 * at `/`, outside /api/v1 and outside the OpenAPI document.
 *
 * The files are listed once at start-up and served only from that list: a request is either
 * one of those files or passes straight on to the API, without a file-system lookup. So API
 * requests pay nothing for the front end, and no path from a request ever reaches the disk.
 * The same goes for the NL Design System stylesheets from node_modules and the theme files
 * generated from the settings (see web-theme.ts).
 */
export function webStatic(theme: ThemeConfig, root = findWebRoot()): RequestHandler | null {
  if (!root) return null;
  const files = new Map<string, { root: string; file: string }>();
  for (const relative of listFiles(root)) {
    files.set('/' + relative.split(path.sep).join('/'), { root, file: relative });
  }
  if (files.has('/index.html')) files.set('/', { root, file: 'index.html' });
  for (const [address, vendor] of vendorFiles()) files.set(address, vendor);
  const generated = themeFiles(theme);
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const made = generated.get(req.path);
    if (made) {
      res.setHeader('Cache-Control', 'no-cache');
      res.type(made.type).send(made.body);
      return;
    }
    const found = files.get(req.path);
    if (!found) return next();
    // Revalidate every time (ETag/Last-Modified): a deployment reaches users at once.
    res.sendFile(
      found.file,
      { root: found.root, dotfiles: 'deny', cacheControl: false, headers: { 'Cache-Control': 'no-cache' } },
      (err) => {
        if (err && !res.headersSent) next();
      },
    );
  };
}

/** apps/web/public, looked up from this module upwards: the same from apps/ (tests) and dist/ (npm start). */
export function findWebRoot(from = import.meta.dirname): string | null {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'apps', 'web', 'public');
    if (existsSync(path.join(candidate, 'index.html'))) return candidate;
    if (path.dirname(dir) === dir) return null;
  }
}

function listFiles(root: string, dir = ''): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.')) return [];
    const relative = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(root, relative) : entry.isFile() ? [relative] : [];
  });
}
