// What every view gets from the shell: the catalog (refreshed after writes that change tenant
// values), the evaluation clock, navigation with a one-shot message, and role checks.
import type { UiCatalog } from '../ui/catalog.js';

export interface App {
  catalog(): UiCatalog;
  refreshCatalog(): Promise<void>;
  /** The clock as typed (YYYY-MM-DD or ISO-8601), or undefined for "now". */
  asOf(): string | undefined;
  /** The clock's input, so an error about `asOf` can be shown next to it. */
  clockScope(): HTMLElement;
  navigate(hash: string, flash?: { text: string; segmentId?: string }): void;
  /** The message left by the previous view (shown once). */
  takeFlash(): { text: string; segmentId?: string } | undefined;
}

export interface View {
  /** The clock changed: re-run what depends on it. */
  onClock?(): void;
  dispose?(): void;
  /** What would be lost by leaving (null: nothing); the tab warns before closing while it is set. */
  unsaved?(): string | null;
  /** Leaving this view in the page (another link) also asks first. */
  guardsNavigation?: boolean;
}

// What the key may do comes from the server's policy table (src/auth/policy.ts), never a list here.
export function canEdit(app: App): boolean {
  return app.catalog().may.draft;
}

export function canChangeMembers(app: App): boolean {
  return app.catalog().may.members;
}

export function canDefine(app: App): boolean {
  return app.catalog().may.define;
}

export function definerNote(app: App): string {
  const { principal, policy } = app.catalog();
  return `Only ${policy.define.join(' or ')} keys may save segment definitions; this key is ${principal.role}.`;
}
