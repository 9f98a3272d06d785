import { expect, test } from 'vitest';
import { parseLocation, routeHref } from './router.js';

test('parseLocation(path, search) maps each path to its view and keeps only its parameters', () => {
  expect(parseLocation('/region', '?region=US-53&year=2011&junk=1').route).toEqual({ view: 'region', params: { region: 'US-53', year: '2011' } });
  expect(parseLocation('/compare', '?regions=US-53,DE21&lang=ja')).toEqual({
    route: { view: 'compare', params: { regions: 'US-53,DE21', lang: 'ja' } },
    redirect: undefined,
  });
  expect(parseLocation('/', '').route).toEqual({ view: 'home', params: {} });
});

test('parseLocation(path, search) redirects the first workbench links (/?cluster=…) to /cluster', () => {
  const parsed = parseLocation('/', '?cluster=no-such-cluster&region=WA&year=2011');
  expect(parsed.route.view).toBe('cluster');
  expect(parsed.redirect).toBe('/cluster?cluster=no-such-cluster&region=WA&year=2011');
  expect(parseLocation('/', '?region=US-53').redirect).toBe('/cluster?region=US-53');
});

test('parseLocation(path, search) sends unknown paths home and drops trailing slashes', () => {
  expect(parseLocation('/nowhere', '?lang=ja')).toEqual({ route: { view: 'home', params: { lang: 'ja' } }, redirect: '/?lang=ja' });
  expect(parseLocation('/cluster/', '?cluster=apparel').redirect).toBe('/cluster?cluster=apparel');
});

test('routeHref(route) writes parameters in a stable order with lang last, omitting empty ones', () => {
  expect(routeHref({ view: 'cluster', params: { lang: 'ja', year: '2011', cluster: 'apparel', region: undefined } })).toBe(
    '/cluster?cluster=apparel&year=2011&lang=ja',
  );
  expect(routeHref({ view: 'home', params: {} })).toBe('/');
  const href = routeHref({ view: 'compare', params: { regions: 'US-53,DE21,JP-01' } });
  expect(parseLocation(href.split('?')[0]!, href.slice(href.indexOf('?'))).route.params.regions).toBe('US-53,DE21,JP-01');
});
