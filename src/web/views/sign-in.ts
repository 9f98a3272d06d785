/**
 * The sign-in box in the header: signed out, a "Sign in" button that opens a small form (name and
 * password); signed in, the user's name and role and a "Sign out" button. Reads work signed out; the
 * views that write (Data: imports and custom regions) ask for a session with the editor role.
 */
import { ApiError } from '../api-client.js';
import { currentUser, onUserChange, refreshUser, signIn, signOut } from '../auth-client.js';
import { t } from '../i18n/translate.js';
import { htmlElement } from '../svg.js';

/** Handle of the mounted box. */
export interface SignInBox {
  /** Re-renders in the current language. */
  render(): void;
}

/** Adds the sign-in box to `parent` and asks the server who is signed in. */
export function mountSignIn(parent: HTMLElement): SignInBox {
  const box = htmlElement('div', { class: 'sign-in', 'data-testid': 'sign-in' }, undefined, parent);
  let open = false;
  let message = '';
  const render = (): void => {
    box.replaceChildren();
    const user = currentUser();
    if (user) {
      htmlElement('span', { class: 'user', 'data-testid': 'signed-in-user' }, t('auth.signedIn', { name: user.name, role: t(`auth.role.${user.role}`) }), box);
      const out = htmlElement('button', { type: 'button', 'data-testid': 'sign-out' }, t('auth.signOut'), box);
      out.addEventListener('click', () => void signOut().finally(render));
      return;
    }
    const toggle = htmlElement('button', { type: 'button', 'aria-expanded': String(open), 'aria-controls': 'sign-in-form', 'data-testid': 'sign-in-open' }, t('auth.signIn'), box);
    toggle.addEventListener('click', () => {
      open = !open;
      message = '';
      render();
      if (open) box.querySelector('input')?.focus();
    });
    if (!open) return;
    const form = htmlElement('form', { id: 'sign-in-form', class: 'sign-in-form', 'aria-label': t('auth.signIn') }, undefined, box);
    const field = (label: string, type: string, testId: string, autocomplete: string): HTMLInputElement => {
      const wrapper = htmlElement('label', {}, undefined, form);
      htmlElement('span', { class: 'label-text' }, label, wrapper);
      return htmlElement('input', { type, required: '', autocomplete, 'data-testid': testId }, undefined, wrapper);
    };
    const name = field(t('auth.name'), 'text', 'sign-in-name', 'username');
    const password = field(t('auth.password'), 'password', 'sign-in-password', 'current-password');
    htmlElement('button', { type: 'submit', 'data-testid': 'sign-in-submit' }, t('auth.submit'), form);
    const status = htmlElement('p', { class: 'sign-in-message', role: 'status', 'data-testid': 'sign-in-message' }, message, form);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      status.textContent = t('loading');
      signIn(name.value.trim(), password.value)
        .then(() => {
          open = false;
          message = '';
        })
        .catch((error: unknown) => {
          message =
            error instanceof ApiError && error.status === 401
              ? t('auth.wrong')
              : error instanceof ApiError && error.status === 429
                ? t('auth.tooMany')
                : error instanceof ApiError && error.status === 404
                  ? t('auth.noAuth')
                  : t('error.prefix', { message: error instanceof Error ? error.message : String(error) });
        })
        .finally(render);
    });
  };
  onUserChange(render);
  render();
  void refreshUser();
  return { render };
}
