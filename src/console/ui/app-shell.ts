/** The frame around every page: skip link, brand, navigation, sign out, and the <main> the pages fill. */
import { h, replaceChildren } from './dom.js';
import { PAGES, type Page } from './router.js';

export interface Shell {
  main: HTMLElement;
  /** Marks the current page in the navigation. */
  select(page: Page): void;
}

export function renderShell(root: HTMLElement, onSignOut: () => void): Shell {
  const main = h('main', { id: 'main', tabindex: -1 });
  const links = new Map<Page, HTMLAnchorElement>(PAGES.map(({ page, label }) => [page, h('a', { href: `#/${page}` }, label)]));
  // A real link would change the hash (and so the route); this one only moves focus.
  const skip = h('a', { class: 'skip-link', href: '#main', onclick: (event) => {
    event.preventDefault();
    main.focus();
  } }, 'Skip to content');
  const header = h(
    'header',
    { class: 'topbar' },
    h('a', { class: 'brand', href: '#/overview' }, h('img', { src: '/ui/favicon.svg', alt: '', width: 24, height: 24 }), 'Switchyard'),
    h('nav', { 'aria-label': 'Console' }, h('ul', {}, ...[...links.values()].map((link) => h('li', {}, link)))),
    h('button', { type: 'button', class: 'ghost sign-out', onclick: onSignOut }, 'Sign out'),
  );
  replaceChildren(root, skip, header, main);
  return {
    main,
    select(page) {
      const current = page === 'request' ? 'requests' : page;
      for (const [name, link] of links) {
        if (name === current) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
      }
    },
  };
}
