/** One shared tooltip: follows the pointer on hover, sits beside the element on keyboard focus. */

/** Tooltip content: a bold title and plain lines. */
export interface TooltipContent {
  readonly title: string;
  readonly lines: readonly string[];
}

/** Handle returned by {@link createTooltip}. */
export interface Tooltip {
  /** Shows the tooltip near a viewport point (clientX, clientY). */
  showAt(content: TooltipContent, clientX: number, clientY: number): void;
  /** Shows the tooltip beside an element (for keyboard focus). */
  showBeside(content: TooltipContent, target: Element): void;
  hide(): void;
}

/** Creates the page's tooltip element (appended to document.body). */
export function createTooltip(): Tooltip {
  const el = document.createElement('div');
  el.className = 'tooltip';
  el.setAttribute('role', 'tooltip');
  el.setAttribute('data-testid', 'tooltip');
  el.hidden = true;
  document.body.appendChild(el);

  const fill = (content: TooltipContent): void => {
    el.replaceChildren();
    const title = document.createElement('strong');
    title.textContent = content.title;
    el.appendChild(title);
    for (const line of content.lines) {
      const p = document.createElement('div');
      p.textContent = line;
      el.appendChild(p);
    }
    el.hidden = false;
  };
  const place = (x: number, y: number): void => {
    const { width, height } = el.getBoundingClientRect();
    const left = Math.min(x + 14, window.innerWidth - width - 8);
    const top = y + 14 + height > window.innerHeight ? y - height - 10 : y + 14;
    el.style.left = `${Math.max(8, left) + window.scrollX}px`;
    el.style.top = `${Math.max(8, top) + window.scrollY}px`;
  };
  return {
    showAt(content, clientX, clientY) {
      fill(content);
      place(clientX, clientY);
    },
    showBeside(content, target) {
      fill(content);
      const box = target.getBoundingClientRect();
      place(box.right - 10, box.top + box.height / 2);
    },
    hide() {
      el.hidden = true;
    },
  };
}
