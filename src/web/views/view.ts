/** What the shell gives each view, and what a view gives back. */
import type { Meta } from '../api-client.js';
import type { Tooltip } from '../tooltip.js';
import type { ViewName } from '../router.js';

/** Push a new history entry (a user's choice) or replace the current one (defaults, redirects). */
export type HistoryMode = 'push' | 'replace';

/** Services of the shell. */
export interface ViewContext {
  /** The element the view renders into (#workbench). */
  readonly root: HTMLElement;
  readonly meta: Meta;
  readonly tooltip: Tooltip;
  /** Opens a view (or the same view with another state). */
  navigate(view: ViewName, params: Readonly<Record<string, string | undefined>>, mode: HistoryMode): void;
  /** Records the view's resolved state in the URL without re-rendering (replaceState). */
  settle(params: Readonly<Record<string, string | undefined>>): void;
  /** A link to a view (with the current language), for <a href>. */
  href(view: ViewName, params: Readonly<Record<string, string | undefined>>): string;
  /** Shows a notice above the view ("" hides it). */
  notice(text: string): void;
  /** Sets the document title (the app name is appended). */
  title(text: string): void;
  /** True while this render is still the latest (a later navigation makes it stale). */
  readonly isCurrent: () => boolean;
}

/** A mounted view. `show` renders a state; the shell calls it again when only the state changes. */
export interface View {
  show(params: Readonly<Record<string, string>>, context: ViewContext): Promise<void>;
  /** Called before the view is replaced by another. */
  destroy?(): void;
}
