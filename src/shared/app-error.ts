import { TvError } from './teamviewer/errors';
import type { UiError, UiErrorCode } from './protocol';

/** A failure the UI explains by code (not connected, bad input…), as opposed to a TvError. */
export class AppError extends Error {
  constructor(readonly ui: UiError) {
    super(ui.code + (ui.detail ? `: ${ui.detail}` : ''));
    this.name = 'AppError';
  }
  static of(code: UiErrorCode, detail?: string): AppError {
    return new AppError(detail === undefined ? { code } : { code, detail });
  }
}

export function toUiError(e: unknown): UiError {
  if (e instanceof AppError) return e.ui;
  if (e instanceof TvError) {
    const { kind, description, retryAfterMs } = e.info;
    return { code: kind, ...(description ? { detail: description } : {}), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  return { code: 'internal', detail: e instanceof Error ? e.message : String(e) };
}
